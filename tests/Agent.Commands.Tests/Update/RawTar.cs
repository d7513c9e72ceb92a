using System.IO.Compression;
using System.Text;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// Writes tar blocks by hand, for archives <see cref="System.Formats.Tar.TarWriter"/> will not make:
/// metadata entries declaring any size, sparse entries, data that is not there.
/// </summary>
internal static class RawTar
{
    public const int Block = 512;

    /// <summary>A ustar header block; <paramref name="size"/> in octal (below 8 GiB).</summary>
    public static byte[] Header(string name, char type, long size) =>
        Header(name, type, Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0"));

    /// <summary>A ustar header block with the 12-byte size field exactly as given, and a correct checksum.</summary>
    public static byte[] Header(string name, char type, ReadOnlySpan<byte> sizeField)
    {
        var header = new byte[Block];
        Encoding.ASCII.GetBytes(name).CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 116);
        sizeField.CopyTo(header.AsSpan(124, 12));
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(header, 136);
        header[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(header, 257);
        "        "u8.CopyTo(header.AsSpan(148));
        var sum = header.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        return header;
    }

    /// <summary>A PAX 'x' entry (header and padded data) holding <paramref name="records"/> as written.</summary>
    public static byte[] Pax(string records)
    {
        var data = Encoding.UTF8.GetBytes(records);
        return [.. Header("PaxHeader/entry", 'x', data.Length), .. Padded(data)];
    }

    /// <summary><paramref name="data"/> followed by zeros up to the next block boundary.</summary>
    public static byte[] Padded(byte[] data) => [.. data, .. new byte[((data.Length + Block - 1) / Block * Block) - data.Length]];

    /// <summary>Writes <paramref name="count"/> zero bytes in small pieces (never all in memory).</summary>
    public static void Zeros(Stream stream, long count)
    {
        var chunk = new byte[64 * 1024];
        for (var left = count; left > 0; left -= chunk.Length)
        {
            stream.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        }
    }

    /// <summary>The bytes <paramref name="write"/> produces, gzip-compressed (zeros shrink about a thousand times).</summary>
    public static byte[] Gzip(Action<Stream> write)
    {
        var compressed = new MemoryStream();
        using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            write(zip);
        }

        return compressed.ToArray();
    }
}
