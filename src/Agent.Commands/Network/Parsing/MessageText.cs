using GuestAgent.Platform;

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

    /// <summary>
    /// The text with every character <see cref="Printable"/> would hide, and <c>%</c> itself, shown
    /// as <c>%</c> and two hex digits per UTF-8 byte (<c>%01</c>, <c>%C3%A9</c>), for a name that
    /// must stay recognisable: the kernel lets an interface name hold control characters, which a
    /// terminal showing the answer would obey. Not a backslash escape: the response writer turns
    /// every backslash into <c>/</c> (Nova's xenstore-read would double it), so <c>\x01</c> would
    /// reach the host as <c>/x01</c>.
    /// </summary>
    public static string Escaped(string text) =>
        text.Length > MaxLength ? Escape(text.AsSpan(0, MaxLength)) + "..." : Escape(text);

    /// <summary>
    /// A file's path escaped as <see cref="Escaped"/> escapes a name, but whole: a refusal naming a file
    /// the operator is to change or remove must name that file, and no other (the response writer would
    /// turn a tab into a space, a backslash into <c>/</c>, <c>é</c> into <c>?</c>, naming another path).
    /// A path is bounded by the kernel (4096 bytes); an answer longer than the wire allows is cut there.
    /// </summary>
    public static string EscapedPath(string path) => Escape(path);

    /// <summary>
    /// The path of the name <paramref name="name"/> (bytes that are not valid UTF-8) in <paramref name="directory"/>, escaped as
    /// <see cref="EscapedPath(string)"/>: each byte but printable ASCII as <c>%</c> and two hex digits, <c>caf%E9.network</c>,
    /// which names that file and no other (the name as a string would hold <c>U+FFFD</c> in place of each such byte).
    /// </summary>
    public static string EscapedPath(string directory, byte[] name) => Escape(directory) + "/" + EscapedName(name);

    /// <summary>A name given as its bytes (not valid UTF-8) escaped as <see cref="EscapedPath(string, byte[])"/> escapes it: <c>x%E9</c> (<see cref="EscapedText.ForAnswer(ReadOnlySpan{byte})"/>).</summary>
    public static string EscapedName(byte[] name) => EscapedText.ForAnswer(name);

    /// <summary>
    /// Text read from a file, quoted in a refusal to say why the file was refused: at most
    /// <paramref name="maxLength"/> characters, then <c>...</c>, so that a long value neither pushes
    /// the rest of the answer off the wire nor goes whole into the log.
    /// </summary>
    public static string Excerpt(string text, int maxLength = MaxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        // Not between the halves of a surrogate pair.
        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..cut] + "...";
    }

    // The escape of the UTF-8 text is the escape of its bytes (a lone surrogate encodes as U+FFFD's, as rune enumeration reads it).
    private static string Escape(ReadOnlySpan<char> text) => EscapedText.ForAnswer(text.ToString());
}
