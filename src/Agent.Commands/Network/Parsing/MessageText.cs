namespace GuestAgent.Commands.Network.Parsing;

/// <summary>Host-supplied text quoted in an answer or a log: printable ASCII only, no quotes, and short.</summary>
internal static class MessageText
{
    /// <summary>The longest excerpt quoted.</summary>
    public const int MaxLength = 64;

    /// <summary>The text made safe to quote.</summary>
    public static string Printable(string text)
    {
        var cleaned = new string(text.Take(MaxLength).Select(c => c is >= ' ' and <= '~' and not '\'' and not '"' and not '\\' ? c : '?').ToArray());
        return text.Length > MaxLength ? cleaned + "..." : cleaned;
    }
}
