using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// A netplan file's bytes decoded as libyaml, netplan's YAML reader, decodes them (checked on netplan 0.106): UTF-16 when they begin
/// with its byte-order mark (little- or big-endian), else UTF-8, one leading UTF-8 mark skipped; and refused where libyaml refuses the
/// file, so that the reset never reads, nor rewrites, a file netplan fails on as if it held other text: bytes that are no character
/// ("invalid trailing UTF-8 octet", "expected low surrogate area"), which a lenient decoder would replace with U+FFFD and an edit would
/// write back replaced, and characters libyaml does not allow ("control characters are not allowed": C0 controls but tab, LF and CR,
/// DEL, C1 controls but NEL, U+FFFE, U+FFFF). <see cref="NetplanFileReader"/> refuses a file netplan reads for them, and reads one it
/// does not read (an <c>/etc/netplan</c> <c>.yml</c>) leniently, noting why.
/// </summary>
internal static class NetplanFileDecoding
{
    /// <summary>
    /// The text of <paramref name="bytes"/>, the encoding they were in, and, when libyaml refuses them, why (<c>is not valid UTF-8 (at
    /// byte 5)</c>), the text then decoded leniently (each byte that is no character as U+FFFD) for a file netplan does not read.
    /// </summary>
    /// <param name="bytes">The file's bytes.</param>
    public static (string Text, NetplanEncoding Encoding, string? Invalid) Decode(byte[] bytes)
    {
        var encoding = bytes is [0xFF, 0xFE, ..] ? NetplanEncoding.Utf16LittleEndian
            : bytes is [0xFE, 0xFF, ..] ? NetplanEncoding.Utf16BigEndian
            : bytes is [0xEF, 0xBB, 0xBF, ..] ? NetplanEncoding.Utf8WithMark
            : NetplanEncoding.Utf8;
        var mark = encoding switch { NetplanEncoding.Utf8 => 0, NetplanEncoding.Utf8WithMark => 3, _ => 2 };
        var body = bytes.AsSpan(mark);
        var (text, invalidAt) = encoding is NetplanEncoding.Utf16LittleEndian or NetplanEncoding.Utf16BigEndian
            ? Utf16(body, encoding == NetplanEncoding.Utf16BigEndian)
            : Utf8(body);
        if (text is null)
        {
            var name = encoding is NetplanEncoding.Utf8 or NetplanEncoding.Utf8WithMark ? "UTF-8" : "UTF-16";
            var lenient = encoding switch
            {
                NetplanEncoding.Utf16LittleEndian => Encoding.Unicode,
                NetplanEncoding.Utf16BigEndian => Encoding.BigEndianUnicode,
                _ => Encoding.UTF8,
            };
            return (lenient.GetString(body), encoding, $"is not valid {name} (at byte {mark + invalidAt})");
        }

        return (text, encoding, null);
    }

    /// <summary>
    /// Where a text holds a character libyaml does not allow (<c>holds the character U+0001 on line 3</c>), or <c>null</c> when it
    /// holds none.
    /// </summary>
    /// <param name="text">The decoded text, its line breaks written as LF (so that the line number counts libyaml's lines).</param>
    public static string? Unprintable(string text)
    {
        for (var at = 0; at < text.Length; at++)
        {
            if (!IsPrintable(text[at]))
            {
                return $"holds the character U+{(int)text[at]:X4} on line {text.AsSpan(0, at).Count('\n') + 1}";
            }
        }

        return null;
    }

    // libyaml's printable characters (reader.c): tab, LF, CR, U+0020-U+007E, NEL, U+00A0-U+D7FF, U+E000-U+FFFD and U+10000-U+10FFFF, which
    // a decoded text holds as surrogate pairs (a lone surrogate was refused as bytes that are no character).
    private static bool IsPrintable(char c) => c is '\t' or '\n' or '\r' or (>= ' ' and <= '~') or '\u0085' or (>= '\u00A0' and <= '\uFFFD');

    private static (string? Text, int InvalidAt) Utf8(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        return System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false) == OperationStatus.Done
            ? (new string(chars, 0, written), 0)
            : (null, read);
    }

    private static (string? Text, int InvalidAt) Utf16(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        var chars = new char[bytes.Length / 2];
        for (var i = 0; i < chars.Length; i++)
        {
            var unit = bytes.Slice(2 * i, 2);
            chars[i] = (char)(bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(unit) : BinaryPrimitives.ReadUInt16LittleEndian(unit));
        }

        for (var i = 0; i < chars.Length;)
        {
            if (Rune.DecodeFromUtf16(chars.AsSpan(i), out _, out var used) != OperationStatus.Done)
            {
                return (null, 2 * i);
            }

            i += used;
        }

        // An odd byte at the end is half a character ("incomplete UTF-16 character").
        return bytes.Length % 2 == 0 ? (new string(chars), 0) : (null, bytes.Length - 1);
    }
}

/// <summary>The encoding of a netplan file, which an edit of it keeps or, for UTF-16, cannot keep (it writes UTF-8).</summary>
internal enum NetplanEncoding
{
    /// <summary>UTF-8 without a byte-order mark.</summary>
    Utf8,

    /// <summary>UTF-8 after its byte-order mark (libyaml skips it).</summary>
    Utf8WithMark,

    /// <summary>UTF-16, little-endian, after its byte-order mark.</summary>
    Utf16LittleEndian,

    /// <summary>UTF-16, big-endian, after its byte-order mark.</summary>
    Utf16BigEndian,
}
