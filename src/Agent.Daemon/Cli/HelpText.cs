using System.Text;

namespace GuestAgent.Daemon.Cli;

/// <summary>
/// The help texts: <c>guest-agent --help</c> (every verb) and <c>guest-agent VERB --help</c> (one
/// verb), both built from <see cref="VerbCatalog"/> so they say the same and list only what the
/// parser accepts.
/// </summary>
internal static class HelpText
{
    private const string OptionHelp = "-h, --help";
    private const int OptionColumn = 21;
    private const int VerbColumn = 14;
    private const string ExitCodes = "Exit codes: 0 success, 1 run-time failure, 2 bad command line or configuration.";
    private const string Documentation = "See guest-agent(8) and /usr/share/doc/guest-agent/.";

    /// <summary>The text of <c>guest-agent --help</c>.</summary>
    public static string Overview { get; } = BuildOverview();

    /// <summary>The text of <c>guest-agent VERB --help</c>.</summary>
    public static string For(VerbDescription verb)
    {
        ArgumentNullException.ThrowIfNull(verb);
        var text = new StringBuilder();
        AppendUsage(text, $"Usage: guest-agent {verb.Name} ", verb.Synopsis);
        text.Append('\n');
        AppendLines(text, "", verb.Summary);
        text.Append('\n');
        AppendLines(text, "", verb.Details);
        text.Append("\nOptions:\n");
        foreach (var option in OptionDescriptions.Each(verb.Options))
        {
            AppendOption(text, "  ", OptionDescriptions.Syntax(option), OptionDescriptions.Explanation(option));
        }

        AppendOption(text, "  ", OptionHelp, ["print this help and exit"]);
        if (verb.Notes.Count > 0)
        {
            text.Append('\n');
            AppendLines(text, "", verb.Notes);
        }

        return text.Append('\n').Append(ExitCodes).Append('\n').Append(Documentation).ToString();
    }

    private static string BuildOverview()
    {
        var text = new StringBuilder("guest-agent: the cloud guest agent for OpenStack Nova's XenAPI agent protocol.\n\nUsage:\n");
        var width = VerbCatalog.All.Max(verb => verb.Name.Length) + 1;
        foreach (var verb in VerbCatalog.All)
        {
            AppendUsage(text, "  guest-agent " + verb.Name.PadRight(width), verb.Synopsis);
        }

        text.Append("  guest-agent --version | -V   (also: guest-agent version)\n");
        text.Append("  guest-agent --help | -h      (also: guest-agent help)\n");
        text.Append("  guest-agent VERB --help      (one verb's help; also: guest-agent help VERB)\n\nVerbs:\n");
        var indent = new string(' ', 2 + VerbColumn);
        foreach (var verb in VerbCatalog.All)
        {
            text.Append("  ").Append(verb.Name.PadRight(VerbColumn)).Append(verb.Summary[0]).Append('\n');
            AppendLines(text, indent, verb.Summary.Skip(1));
            foreach (var option in OptionDescriptions.Each(verb.Options))
            {
                AppendOption(text, indent, OptionDescriptions.Syntax(option), OptionDescriptions.Explanation(option));
            }

            AppendLines(text, indent, verb.Notes);
        }

        return text.Append('\n').Append(ExitCodes).Append('\n').Append(Documentation).ToString();
    }

    /// <summary>The first synopsis line after <paramref name="lead"/>, later lines aligned under it.</summary>
    private static void AppendUsage(StringBuilder text, string lead, IReadOnlyList<string> synopsis)
    {
        if (synopsis.Count == 0)
        {
            text.Append(lead.TrimEnd()).Append('\n');
            return;
        }

        text.Append(lead).Append(synopsis[0]).Append('\n');
        AppendLines(text, new string(' ', lead.Length), synopsis.Skip(1));
    }

    /// <summary>An option and its explanation; a syntax too long for the column gets a line of its own.</summary>
    private static void AppendOption(StringBuilder text, string indent, string syntax, IReadOnlyList<string> explanation)
    {
        var column = indent + new string(' ', OptionColumn);
        if (syntax.Length < OptionColumn)
        {
            text.Append(indent).Append(syntax.PadRight(OptionColumn)).Append(explanation[0]).Append('\n');
        }
        else
        {
            text.Append(indent).Append(syntax).Append('\n').Append(column).Append(explanation[0]).Append('\n');
        }

        AppendLines(text, column, explanation.Skip(1));
    }

    private static void AppendLines(StringBuilder text, string indent, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            text.Append(indent).Append(line).Append('\n');
        }
    }
}
