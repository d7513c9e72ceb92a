using System.Buffers;
using System.Globalization;
using System.Text;

namespace GuestAgent.Platform;

/// <summary>
/// Bytes that may not be text (a file's or an interface's name as the kernel stores it, an argument, a path) shown in a
/// message in one notation: each byte that is not kept shown as <c>%</c> and two upper-case hex digits, <c>caf%E9</c> for
/// the Latin-1 name <c>caf\xE9</c>. <c>%</c> itself is never kept (<c>%25</c>), so every shown text names one sequence of
/// bytes and no other; nor are <c>'</c> and <c>"</c> (messages quote names) or <c>\</c>, which the response writer turns
/// into <c>/</c> and the journal's line uses for escapes of its own. Not a backslash escape, for that reason: an answer
/// reaches Nova through <c>xenstore-read</c>, which doubles every backslash.
/// </summary>
public static class EscapedText
{
    /// <summary>
    /// <paramref name="bytes"/> for an answer Nova reads: printable ASCII kept (but <c>'</c>, <c>"</c>, <c>\</c>,
    /// <c>%</c>), every other byte <c>%XX</c>, non-ASCII text too (<c>é</c> is <c>%C3%A9</c>), which the response
    /// writer would turn into <c>?</c>, naming another file. The result passes the response writer unchanged.
    /// </summary>
    /// <param name="bytes">The bytes, UTF-8 or not.</param>
    /// <returns>The escaped text, printable ASCII only.</returns>
    public static string ForAnswer(ReadOnlySpan<byte> bytes)
    {
        var shown = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            AppendByte(shown, b);
        }

        return shown.ToString();
    }

    /// <summary>
    /// <paramref name="text"/>'s UTF-8 bytes as <see cref="ForAnswer(ReadOnlySpan{byte})"/> shows them; a lone surrogate,
    /// which UTF-8 cannot hold, as U+FFFD's bytes (<c>%EF%BF%BD</c>).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text, printable ASCII only.</returns>
    public static string ForAnswer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ForAnswer(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// <paramref name="bytes"/> for a person reading a log line or a terminal: as <see cref="ForAnswer(ReadOnlySpan{byte})"/>,
    /// but printable non-ASCII characters kept (<c>é</c> stays <c>é</c>). Each byte of a control character (C0, DEL, C1),
    /// a format character (bidirectional overrides and isolates, zero-width characters, the byte order mark), a line,
    /// paragraph or space separator other than the space, a private-use or unassigned code point, U+FFFD, and each byte
    /// that is not UTF-8 is <c>%XX</c>: none drives a terminal, reorders the line, hides or looks like another character,
    /// and the journal's own escaping never has anything to change.
    /// </summary>
    /// <param name="bytes">The bytes, UTF-8 or not.</param>
    /// <returns>The escaped text.</returns>
    public static string ForLog(ReadOnlySpan<byte> bytes)
    {
        var shown = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status == OperationStatus.Done && rune.Value >= 0x80 && IsKeptBeyondAscii(rune))
            {
                _ = shown.Append(rune.ToString());
            }
            else
            {
                foreach (var b in bytes[..consumed])
                {
                    AppendByte(shown, b);
                }
            }

            bytes = bytes[consumed..];
        }

        return shown.ToString();
    }

    private static void AppendByte(StringBuilder shown, byte b) =>
        _ = b is >= (byte)' ' and <= (byte)'~' and not (byte)'\'' and not (byte)'"' and not (byte)'\\' and not (byte)'%'
            ? shown.Append((char)b)
            : shown.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));

    // What a reader sees as the character it is. U+FFFD is what a decoder puts in place of a byte it could not read,
    // so shown as it is it would read as a lost byte.
    private static bool IsKeptBeyondAscii(Rune rune) =>
        rune.Value != 0xFFFD && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate);
}
