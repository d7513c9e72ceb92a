namespace GuestAgent.Daemon.Cli;

/// <summary>
/// One verb of the command line as its help shows it. The parser reads <see cref="Options"/> too,
/// so what a verb's help lists and what the verb accepts cannot drift apart.
/// </summary>
/// <param name="Name">The verb, for example <c>run</c>.</param>
/// <param name="Options">The options the verb accepts (besides <c>--help</c>).</param>
/// <param name="Synopsis">The arguments after <c>guest-agent NAME</c>, one usage line each.</param>
/// <param name="Summary">What the verb does, in a line or two: shown in the overview and in the verb's help.</param>
/// <param name="Details">More of what the verb does, shown only in its own help.</param>
/// <param name="Notes">What the options alone do not say (how <c>VALUE</c> is sent), shown after them.</param>
internal sealed record VerbDescription(
    string Name,
    VerbOption Options,
    IReadOnlyList<string> Synopsis,
    IReadOnlyList<string> Summary,
    IReadOnlyList<string> Details,
    IReadOnlyList<string> Notes);
