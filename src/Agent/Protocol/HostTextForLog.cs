using System.Globalization;
using System.Text;

namespace GuestAgent.Protocol;

/// <summary>
/// Host-supplied text (a command name, a request id) as log lines quote it: whole up to <see cref="MaxCharacters"/>
/// characters, else cut there with a marker giving its full length. A request's name may be as long
/// as the 4 KB XenStore payload, and a line quoting it whole for each of the two or three lines a
/// request logs turned every such request into 8 KB of journal: a host could fill the guest's log
/// at will. Answers are not cut (an unknown command's answer quotes the name as the protocol says).
/// Public so that exchanges, parsers and commands of other assemblies quote host text by the same rule.
/// </summary>
public static class HostTextForLog
{
    /// <summary>The most characters of host-supplied text a log line quotes: far above any real command name.</summary>
    public const int MaxCharacters = 128;

    /// <summary><paramref name="text"/> as log lines quote it.</summary>
    public static string Cap(string text) =>
        text.Length <= MaxCharacters
            ? text
            : string.Concat(text.AsSpan(0, MaxCharacters), "…(", text.Length.ToString(CultureInfo.InvariantCulture), " characters)");

    /// <summary>
    /// The name of the command <paramref name="request"/> asks for, as Nova's parser reads it, quoted
    /// as above; <c>(none)</c> when it names none. The value is never looked at: it may hold a secret.
    /// </summary>
    internal static string CommandOf(AgentRequest request) => Quoted(NovaCommandName(request));

    /// <summary>
    /// The name of the command <paramref name="request"/> asks for, as <paramref name="parser"/>
    /// reads it (<see cref="IParser.ReadCommandName"/>: a custom wire format's too), quoted as above;
    /// <c>(none)</c> when it names none, <c>(unknown)</c> when the parser fails to say.
    /// </summary>
    internal static string CommandOf(AgentRequest request, IParser parser)
    {
        string? name;
        try
        {
            name = parser.ReadCommandName(request);
        }
#pragma warning disable CA1031 // A log line's detail: a parser's bug here must not stop the host's decision about the request.
        catch (Exception)
#pragma warning restore CA1031
        {
            return "(unknown)";
        }

        return Quoted(name);
    }

    /// <summary>The name Nova's wire format gives: the <c>name</c> member of the request's JSON object, its value never read.</summary>
    internal static string? NovaCommandName(AgentRequest request) =>
        request.Data is { } data && NovaRequestReader.TryReadCommandName(data.Span, out var name) ? Encoding.UTF8.GetString(name) : null;

    private static string Quoted(string? name) => name is null ? "(none)" : Cap(name);
}
