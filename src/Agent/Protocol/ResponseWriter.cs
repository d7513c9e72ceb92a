using System.Buffers;
using System.Text;

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

    private static ReadOnlySpan<byte> Prefix => "{\"returncode\":\""u8;

    private static ReadOnlySpan<byte> Middle => "\",\"message\":\""u8;

    private static ReadOnlySpan<byte> Suffix => "\"}"u8;

    private static ReadOnlySpan<byte> Ellipsis => "..."u8;

    /// <summary>ASCII that cannot go on the wire as it is: quote, backslash, control characters and DEL.</summary>
    private static readonly SearchValues<byte> UnsafeAscii = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', 0x7F]);

    /// <summary>Renders a response as escape-free compact JSON.</summary>
    public static byte[] Write(string returnCode, string message)
    {
        ArgumentNullException.ThrowIfNull(returnCode);
        ArgumentNullException.ThrowIfNull(message);
        var fixedLength = Prefix.Length + Middle.Length + Suffix.Length;
        var codeLength = Math.Min(returnCode.Length, 16);
        var messageRoom = MaxResponseBytes - fixedLength - codeLength;
        var truncated = message.Length > messageRoom;
        var messageLength = truncated ? messageRoom - Ellipsis.Length : message.Length;

        var buffer = new byte[fixedLength + codeLength + messageLength + (truncated ? Ellipsis.Length : 0)];
        var rest = Append(Prefix, buffer);
        rest = AppendSafe(returnCode.AsSpan(0, codeLength), rest);
        rest = Append(Middle, rest);
        rest = AppendSafe(message.AsSpan(0, messageLength), rest);
        if (truncated)
        {
            rest = Append(Ellipsis, rest);
        }

        Append(Suffix, rest);
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

    private static Span<byte> Append(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        bytes.CopyTo(destination);
        return destination[bytes.Length..];
    }

    private static Span<byte> AppendSafe(ReadOnlySpan<char> text, Span<byte> destination)
    {
        // Short texts (return codes, most messages) are cheaper one character at a time than the
        // set-up of the vector operations below.
        if (text.Length < 32)
        {
            for (var index = 0; index < text.Length; index++)
            {
                destination[index] = SafeByte(text[index]);
            }

            return destination[text.Length..];
        }

        // Narrow the ASCII prefix at vector speed, then give the few characters that need a stand-in theirs.
        Ascii.FromUtf16(text, destination, out var narrowed);
        for (var index = narrowed; index < text.Length; index++)
        {
            destination[index] = SafeByte(text[index]);
        }

        var ascii = destination[..narrowed];
        for (var index = ascii.IndexOfAny(UnsafeAscii); index >= 0; index = ascii.IndexOfAny(UnsafeAscii))
        {
            ascii[index] = SafeByte((char)ascii[index]);
            ascii = ascii[(index + 1)..];
        }

        return destination[text.Length..];
    }
}
