using System.Globalization;
using System.Text;

namespace GuestAgent.Commands.Update;

/// <summary>
/// Reads the tar header fields that decide where the next header starts (size, checksum, a PAX
/// <c>size</c> record) so that <see cref="GuardedTarStream"/> lands on the same blocks as .NET's
/// <see cref="System.Formats.Tar.TarReader"/>. A value the two could read differently is refused
/// rather than guessed: one block read as data by one and as a header by the other would let a
/// hostile header through unchecked. Where the reader's own rules have changed between releases
/// (a NUL before the digits: the 10.0 reader stops at the first NUL, newer code trims NULs at both
/// ends), only what every version reads alike is accepted.
/// </summary>
internal static class TarFields
{
    /// <summary>
    /// An octal field: optional leading spaces, octal digits, then only NULs and spaces. Anything
    /// else, a NUL before a digit included, is refused. All NULs or spaces read as 0.
    /// </summary>
    public static long ParseOctal(ReadOnlySpan<byte> field, string what)
    {
        var digits = field.TrimEnd("\0 "u8).TrimStart((byte)' ');
        long value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'7')
            {
                throw new InvalidArchiveException($"a tar header's {what} field is not an octal number");
            }

            value = (value * 8) + (digit - '0'); // at most 12 digits: no overflow
        }

        return value;
    }

    /// <summary>
    /// The size field: octal, or GNU base-256 (first byte 0x80, then a big-endian value that must fit
    /// a non-negative 64-bit number, as the reader requires). Other high-bit encodings are negative
    /// or unreadable to the reader, and refused here.
    /// </summary>
    public static long ParseSize(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) == 0)
        {
            return ParseOctal(field, "size");
        }

        if (field[0] != 0x80 || field[1..^8].ContainsAnyExcept((byte)0) || (field[^8] & 0x80) != 0)
        {
            throw new InvalidArchiveException("a tar header's size field is negative or too large");
        }

        long binary = 0;
        foreach (var b in field[^8..])
        {
            binary = (binary << 8) | b;
        }

        return binary;
    }

    /// <summary>The header's checksum: its bytes summed with the checksum field counted as spaces.</summary>
    public static int ComputeChecksum(ReadOnlySpan<byte> header, int checksumOffset, int checksumLength)
    {
        var sum = ' ' * checksumLength;
        foreach (var b in header[..checksumOffset])
        {
            sum += b;
        }

        foreach (var b in header[(checksumOffset + checksumLength)..])
        {
            sum += b;
        }

        return sum;
    }

    /// <summary>
    /// The value of the <c>size</c> record in a PAX entry's data, or null if it has none (or an empty
    /// one, which the reader ignores). Records are read as the reader reads them
    /// (<c>"&lt;length&gt; &lt;key&gt;=&lt;value&gt;\n"</c>, the length counting the whole line), and
    /// the value is parsed as it parses it; a malformed record, a second <c>size</c> or a value the
    /// reader would not take is refused, so the guard never falls back to the header's size field
    /// where the reader might not.
    /// </summary>
    public static long? PaxSize(ReadOnlySpan<byte> records)
    {
        long? size = null;
        var seen = false;
        while (!records.IsEmpty)
        {
            var newline = records.IndexOf((byte)'\n');
            var line = newline < 0 ? records : records[..newline];
            var space = line.IndexOf((byte)' ');
            if (newline < 0 || space < 0 ||
                !int.TryParse(line[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var length) ||
                length != newline + 1 || line[(space + 1)..].IndexOf((byte)'=') is not (var equals and >= 0))
            {
                throw new InvalidArchiveException("a PAX header has a malformed record");
            }

            var record = line[(space + 1)..];
            records = records[(newline + 1)..];
            if (!record[..equals].SequenceEqual("size"u8))
            {
                continue;
            }

            if (seen)
            {
                throw new InvalidArchiveException("a PAX header has more than one size record");
            }

            seen = true;

            var text = Encoding.UTF8.GetString(record[(equals + 1)..]);
            if (text.Length == 0)
            {
                continue;
            }

            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw new InvalidArchiveException("a PAX size record is not a size");
            }

            size = value;
        }

        return size;
    }
}
