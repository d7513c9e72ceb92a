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
    internal static string CommandOf(AgentRequest request) =>
        request.Data is { } data && NovaRequestReader.TryReadCommandName(data.Span, out var name) ? Cap(Encoding.UTF8.GetString(name)) : "(none)";
}
