using System.Text;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// What follows a whole gzip stream. gzip reads further members and ignores anything that does not
/// begin one ("decompression OK, trailing garbage ignored"), though with exit status 2, so that
/// <c>tar xzf</c> fails; Python's <c>tarfile</c>, the original agent's reader, stops at the tar's end and
/// extracts them all. The agent follows tarfile there, as it follows bzip2 after a bzip2 stream: bytes
/// after a checked stream cannot change what is installed. Bytes that begin like a member and are
/// not one, which gzip refuses (exit 1), are refused. Each case is given to GNU tar and tarfile too.
/// </summary>
public sealed class GzipTrailingDataTests : IDisposable
{
    private const long MaxBytes = 64 * 1024 * 1024;
    private const string Corrupt = "the gzip stream is corrupt or cut short";
    private readonly TarWorkbench _bench = new();

    // large: a 17 MiB binary, so the trailer's ISIZE ends in a non-zero byte; a small one's ISIZE ends
    // in zeros, which the padding continues.
    [Theory]
    [InlineData(false, 0, "", true, null)]
    [InlineData(false, 4, "", true, null)]
    [InlineData(false, 10240, "", true, null)]
    [InlineData(false, 0, "garbage", false, null)]
    [InlineData(false, 0, "x", false, null)]
    [InlineData(false, 20, "x", false, null)]
    [InlineData(false, 0, "\u0001", false, null)]
    [InlineData(false, 0, "\u001f\u008bgarbage", false, Corrupt)] // another member's magic, then no member: gzip's "unknown method"
    [InlineData(false, 0, "\u001f", false, Corrupt)] // the file ends inside a member's magic: gzip's "unexpected end of file"
    [InlineData(false, 0, "\u001f\u008b", false, Corrupt)]
    [InlineData(true, 0, "", true, null)]
    [InlineData(true, 512, "", true, null)]
    [InlineData(true, 0, "garbage", false, null)]
    [InlineData(true, 3, "x", false, null)]
    public async Task What_follows_a_whole_gzip_stream_is_ignored_as_tarfile_ignores_it_unless_it_begins_a_member(bool large, int zeros, string after, bool gnuTarExtracts, string? refusal)
    {
        var contents = large ? new byte[17 * 1024 * 1024] : "\u007fELF agent"u8.ToArray();
        contents[0] = 0x7f;
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        byte[] archive = [.. await _bench.Tar("--gzip", "guest-agent"), .. new byte[zeros], .. Encoding.Latin1.GetBytes(after)];

        Assert.Equal(gnuTarExtracts, await GnuTarExtracts(archive));
        Assert.True(await _bench.PythonTarfileExtracts(archive), "Python's tarfile refused it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, refusal);
    }

    [Fact]
    public async Task A_whole_member_after_zero_padding_is_ignored_as_gzip_ignores_it()
    {
        // gzip reads members back to back only: a member after a zero is "trailing garbage" to it,
        // never decoded, and tarfile never reads so far. GZipStream stops at the zero too.
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        var tar = await _bench.Tar("--gzip", "guest-agent");
        byte[] archive = [.. tar, .. new byte[1000], .. tar];

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        Assert.True(await _bench.PythonTarfileExtracts(archive), "Python's tarfile refused it");
        Assert.Equal(["guest-agent"], Extract(archive));
    }

    [Fact]
    public async Task Two_members_back_to_back_and_padding_after_the_second_are_one_archive()
    {
        // The stream ends at the second member's end, not the first's: the padding follows it.
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        var tar = await _bench.Tar("guest-agent");
        byte[] archive = [.. Gzip.Stored(tar[..5000]), .. Gzip.Stored(tar[5000..]), .. new byte[4]];

        Assert.True(await GnuTarExtracts(archive), "GNU tar refused it");
        Assert.Equal(["guest-agent"], Extract(archive));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(9)] // the last byte of the deflate data too
    public async Task A_stream_cut_in_its_last_bytes_is_refused_though_the_tar_ended_before_them(int cut)
    {
        // The tar's end lies well before the cut: only the stream's end tells it, which GZipStream
        // ends quietly unless the host sets System.IO.Compression.UseStrictValidation (this project does not).
        var contents = "\u007fELF agent"u8.ToArray();
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var archive = (await _bench.Tar("--gzip", "guest-agent"))[..^cut];

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, Corrupt);
    }

    [Theory]
    [InlineData(100)] // in its data, a stored block that copies our member out as its own
    [InlineData(4)] // in its trailer
    public async Task A_later_member_cut_short_is_refused(int cut)
    {
        var contents = new byte[20_000];
        new Random(31).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var tar = await _bench.Tar("guest-agent");
        byte[] archive = [.. Gzip.Stored(tar[..5000]), .. Gzip.Stored(tar[5000..])[..^cut]];

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, Corrupt);
    }

    [Theory]
    [InlineData(8180)]
    [InlineData(8190)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(16383)]
    public void Garbage_beginning_with_gzips_first_magic_byte_is_ignored_wherever_the_decoders_reads_end(int before)
    {
        // GZipStream decides on a member's end by the bytes left in its input buffer: a lone 0x1f at the
        // buffer's end starts a member. A member of `before` bytes puts the garbage's 0x1f there or not.
        var member = Gzip.Stored(new byte[before - 23]); // header 10, stored block header 5, trailer 8
        Assert.Equal(before, member.Length);
        byte[] archive = [.. member, 0x1f, 0, .. "garbage"u8];
        using var decoded = new CheckedGzipStream(new MemoryStream(archive));
        var output = new MemoryStream();
        decoded.CopyTo(output);
        Assert.Equal(before - 23, output.Length);
    }

    [Fact]
    public void This_project_runs_as_an_sdk_host_that_does_not_set_gzips_strict_validation()
    {
        // The tests above are worth most where GZipStream itself notices no cut: keep them there.
        Assert.False(AppContext.TryGetSwitch("System.IO.Compression.UseStrictValidation", out var strict) && strict);
    }

    [Theory]
    [InlineData("tiny")] // fewer bytes than the nonce: all of them held back until the end
    [InlineData("a file of more bytes than the nonce that holds them back")]
    public void A_stream_read_a_byte_at_a_time_and_with_empty_reads_is_handed_out_whole(string text)
    {
        using var stored = new MemoryStream([.. Gzip.Stored(Encoding.ASCII.GetBytes(text)), .. "garbage"u8]);
        using var decoded = new CheckedGzipStream(stored);
        var read = new List<byte>();
        int next;
        do
        {
            // An empty read between every byte: it says nothing about the end of the stream.
            Assert.Equal(0, decoded.Read([]));
            next = decoded.ReadByte();
            if (next >= 0)
            {
                read.Add((byte)next);
            }
        }
        while (next >= 0);

        Assert.Equal(text, Encoding.ASCII.GetString([.. read]));
    }

    [Fact]
    public void A_file_cut_short_is_refused_on_every_read_after_the_first_refusal()
    {
        // The extractor reads on after the tar reader's refusal to tell the compression's fault from the
        // tar's. A member, then the first byte of another: the decoder reads ours as that one's rest, a
        // header it does not take, and ends quietly.
        using var decoded = new CheckedGzipStream(new MemoryStream([.. Gzip.Stored(new byte[1000]), 0x1f]));
        var buffer = new byte[2000];

        Assert.Throws<InvalidDataException>(() => decoded.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false));
        Assert.Throws<InvalidDataException>(() => decoded.Read(buffer));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_ending_in_a_header_whose_fields_end_where_ours_does_is_taken_as_whole_and_decodes_only_the_members_before_it(bool nameCommentAndHeaderCrc)
    {
        // The one cut not caught (CheckedGzipStream's remarks): the header's fields swallow our member's
        // header, so our data and trailer decode as that member's, nonce last. Pinned as harmless:
        // nothing of that member is handed out.
        var content = "the whole member before the cut"u8.ToArray();
        byte[] cut = nameCommentAndHeaderCrc ? SwallowingNameCommentAndHeaderCrc() : [0x1f, 0x8b, 8, 0x04, 0, 0, 0, 0, 0, 3, 10, 0]; // FEXTRA, XLEN 10
        using var decoded = new CheckedGzipStream(new MemoryStream([.. Gzip.Stored(content), .. cut]));
        var output = new MemoryStream();

        decoded.CopyTo(output);

        Assert.Equal(content, output.ToArray());
    }

    [Fact]
    public void PrefixThenBytes_hands_out_the_rest_of_the_file_then_its_own_bytes_whatever_the_reads_sizes()
    {
        using var file = new MemoryStream("..file"u8.ToArray()) { Position = 2 };
        var source = new PrefixThenBytes(file, "ours"u8.ToArray());
        var read = new List<byte>();

        // An empty read says nothing about the file's end.
        Assert.Equal(0, source.Read([]));
        var buffer = new byte[3];
        Assert.Equal(3, source.Read(buffer));
        read.AddRange(buffer);
        Assert.False(source.ReachedTheBytes);
        Assert.Equal(0, source.Read([]));

        // A byte at a time: the file's last byte, then ours, none past a one-byte buffer.
        int next;
        while ((next = source.ReadByte()) >= 0)
        {
            read.Add((byte)next);
        }

        Assert.Equal("fileours", Encoding.ASCII.GetString([.. read]));
        Assert.True(source.ReachedTheBytes);
    }

    public void Dispose() => _bench.Dispose();

    /// <summary>
    /// A member's start whose extra field swallows our header's first 6 bytes, whose empty name and
    /// comment end at its zero bytes 6 and 7, and whose header CRC16 is its last two, which the mtime
    /// is chosen to match.
    /// </summary>
    private static byte[] SwallowingNameCommentAndHeaderCrc()
    {
        var member = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(member, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("x"u8);
        }

        var ours = member.ToArray()[..10];
        Assert.Equal(new byte[5], ours[3..8]); // FLG and MTIME: zeros
        for (var mtime = 0; mtime < 65536; mtime++)
        {
            byte[] header = [0x1f, 0x8b, 8, 0x04 | 0x08 | 0x10 | 0x02, (byte)mtime, (byte)(mtime >> 8), 0, 0, 0, 3, 6, 0];
            if ((ushort)Crc32([.. header, .. ours[..8]]) == (ours[8] | (ours[9] << 8)))
            {
                return header;
            }
        }

        throw new InvalidOperationException("no mtime gives the header CRC16 our last two bytes");
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xffffffffu;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
            }
        }

        return ~crc;
    }

    private IReadOnlyList<string> Extract(byte[] archive) => _bench.Extract(archive, MaxBytes);

    private Task<bool> GnuTarExtracts(byte[] archive) => _bench.GnuTarExtracts(archive, "-xzf", "gzip", "gzip");
}
