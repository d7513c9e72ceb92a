namespace GuestAgent.Protocol;

/// <summary>
/// Writes responses in the only form Nova can read back intact: compact JSON with no escape
/// sequences. Nova reads <c>data/guest/&lt;id&gt;</c> through <c>xenstore-read</c>, which doubles
/// every backslash, so any escape (<c>\"</c>, <c>\n</c>, <c>\u0027</c>) would arrive as a different
/// string or as invalid JSON (nova-agent-protocol.md §2.4). Text is therefore made safe instead of
/// escaped: <c>"</c> becomes <c>'</c>, <c>\</c> becomes <c>/</c>, line breaks and tabs become spaces,
/// and every other control or non-ASCII character becomes <c>?</c>.
/// </summary>
public static class ResponseWriter
{
    /// <summary>
    /// The largest response written, in bytes. A guest's XenStore node holds about 2 KB
    /// (xenstore-protocol.md, quotas), so longer messages are cut and end in <c>...</c>.
    /// </summary>
    public const int MaxResponseBytes = 2048;

    private const string Prefix = "{\"returncode\":\"";
    private const string Middle = "\",\"message\":\"";
    private const string Suffix = "\"}";
    private const string Ellipsis = "...";

    /// <summary>Renders a response as escape-free compact JSON.</summary>
    public static byte[] Write(string returnCode, string message)
    {
        var fixedLength = Prefix.Length + Middle.Length + Suffix.Length;
        var codeLength = Math.Min(returnCode.Length, 16);
        var messageRoom = MaxResponseBytes - fixedLength - codeLength;
        var truncated = message.Length > messageRoom;
        var messageLength = truncated ? messageRoom - Ellipsis.Length : message.Length;

        var buffer = new byte[fixedLength + codeLength + messageLength + (truncated ? Ellipsis.Length : 0)];
        var position = Copy(Prefix, buffer, 0);
        position = CopySafe(returnCode.AsSpan(0, codeLength), buffer, position);
        position = Copy(Middle, buffer, position);
        position = CopySafe(message.AsSpan(0, messageLength), buffer, position);
        if (truncated)
        {
            position = Copy(Ellipsis, buffer, position);
        }

        Copy(Suffix, buffer, position);
        return buffer;
    }

    /// <summary>Maps one character to the printable ASCII byte that stands for it on the wire.</summary>
    public static byte SafeByte(char c) => c switch
    {
        '"' => (byte)'\'',
        '\\' => (byte)'/',
        '\r' or '\n' or '\t' => (byte)' ',
        >= ' ' and < (char)0x7F => (byte)c,
        _ => (byte)'?',
    };

    private static int Copy(string text, byte[] buffer, int position)
    {
        foreach (var c in text)
        {
            buffer[position++] = (byte)c;
        }

        return position;
    }

    private static int CopySafe(ReadOnlySpan<char> text, byte[] buffer, int position)
    {
        foreach (var c in text)
        {
            buffer[position++] = SafeByte(c);
        }

        return position;
    }
}
