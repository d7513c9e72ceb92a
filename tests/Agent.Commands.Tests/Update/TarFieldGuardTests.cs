using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// The guard in front of the tar reader must find each header where the reader does: these feed it
/// size fields, PAX size records and checksums in the shapes where a careless parser and .NET's
/// reader disagree, and check that what is accepted is read alike and the rest is refused.
/// </summary>
public sealed class TarFieldGuardTests : IDisposable
{
    private const long MaxBytes = 1024 * 1024;
    private const long Bomb = 0x7FFF_0000;
    private readonly TemporaryDirectory _destination = new("gatarf-");

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void A_whole_tar_read_through_the_guard_to_its_last_byte_is_handed_out_whole(int zeroBlocks)
    {
        // .NET 10's reader stops at the first zero block and never reads on, so no extraction tells whether the guard remembers
        // passing an end-of-archive block; a reader that reads on (tarfile does, a later runtime's may) would otherwise meet
        // "the tar archive ends without its end-of-archive block" at the file's end: a whole tar refused as cut short.
        byte[] tar = [.. RawTar.Header("guest-agent", '0', 5), .. RawTar.Padded("agent"u8.ToArray()), .. new byte[zeroBlocks * RawTar.Block]];
        using var guarded = new GuardedTarStream(new MemoryStream(tar), MaxBytes, RawTar.Block, CancellationToken.None);
        using var read = new MemoryStream();

        guarded.CopyTo(read);

        Assert.Equal(tar, read.ToArray());
    }

    [Theory]
    [InlineData("00000001000\0")]
    [InlineData("00000001000 ")]
    [InlineData("000000001000")]
    [InlineData("   1000\0    ")]
    [InlineData("1000\0\0\0\0\0\0\0\0")]
    [InlineData("\u0080\0\0\0\0\0\0\0\0\0\u0002\0")]
    public void A_padded_or_binary_size_field_is_read_as_the_reader_reads_it(string field)
    {
        var data = RandomNumberGenerator.GetBytes(512);
        byte[] archive = [.. RawTar.Header("file", '0', Encoding.Latin1.GetBytes(field)), .. data, .. new byte[2 * RawTar.Block]];
        using (var reader = new TarReader(new MemoryStream(archive)))
        {
            Assert.Equal(512, reader.GetNextEntry()!.Length); // what the guard must agree with
        }

        var files = Extract(archive);

        Assert.Equal(["file"], files);
        Assert.Equal(data, File.ReadAllBytes(_destination.Combine("file")));
    }

    [Theory]
    [InlineData("\u00000000001000\0", "a tar header's size field is not an octal number")]
    [InlineData("10\u000000\0\0\0\0\0\0\0", "a tar header's size field is not an octal number")]
    [InlineData("10 00\0\0\0\0\0\0\0", "a tar header's size field is not an octal number")]
    [InlineData("0000000100x\0", "a tar header's size field is not an octal number")]
    [InlineData("00000001008\0", "a tar header's size field is not an octal number")]
    [InlineData("00000000009 ", "a tar header's size field is not an octal number")]
    [InlineData("\u0080\u0001\0\0\0\0\0\0\0\0\u0002\0", "a tar header's size field is negative or too large")]
    [InlineData("\u0080\0\0\0\u0080\0\0\0\0\0\0\0", "a tar header's size field is negative or too large")]
    [InlineData("\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff", "a tar header's size field is negative or too large")]
    [InlineData("\u0081\0\0\0\0\0\0\0\0\0\u0002\0", "a tar header's size field is negative or too large")]
    public void A_size_field_the_reader_could_read_otherwise_is_refused(string field, string reason)
    {
        byte[] archive = [.. RawTar.Header("file", '0', Encoding.Latin1.GetBytes(field)), .. new byte[4 * RawTar.Block]];

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal($"Invalid update archive: {reason}", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_destination.Path));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_size_with_a_nul_before_its_digits_cannot_smuggle_a_huge_metadata_header(bool fakeHeaderFirst)
    {
        // "\0" "0000001000" "\0" is 0 to the 10.0 reader, which cuts at the NUL, and 512 to code that
        // trims NULs at both ends. Either way one side would take the next block for data and the
        // other for a header; behind it waits a PAX header declaring 2 GiB.
        var bomb = RawTar.Gzip(tar =>
        {
            tar.Write(RawTar.Header("first", '0', Encoding.Latin1.GetBytes("\u00000000001000\0")));
            if (fakeHeaderFirst)
            {
                tar.Write(RawTar.Header("fake", '0', 512));
            }

            tar.Write(RawTar.Header("PaxHeader/bomb", 'x', Bomb));
            RawTar.Zeros(tar, 4 * 1024 * 1024);
        });
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<CommandException>(() => Extract(bomb));

        Assert.Equal("Invalid update archive: a tar header's size field is not an octal number", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64L * 1024 * 1024);
    }

    [Theory]
    [InlineData("+1024")]
    [InlineData(" 1024")]
    [InlineData("\t1024 ")]
    [InlineData("0001024")]
    public void A_pax_size_with_sign_or_white_space_is_followed_as_the_reader_follows_it(string value)
    {
        // The header's own size is 0; its data starts with what looks like a huge metadata header.
        var data = RandomNumberGenerator.GetBytes(1024);
        RawTar.Header("././@LongLink", 'L', Bomb).CopyTo(data, 0);
        byte[] archive = [.. RawTar.Pax(Record("size=" + value)), .. RawTar.Header("file", '0', 0), .. data, .. new byte[2 * RawTar.Block]];

        var files = Extract(archive);

        Assert.Equal(["file"], files);
        Assert.Equal(data, File.ReadAllBytes(_destination.Combine("file")));
    }

    [Fact]
    public void A_pax_size_the_guard_used_to_skip_cannot_hide_a_huge_metadata_header()
    {
        // A guard that ignored "+1024" would go by the header's 0, take the first data block for a
        // header declaring 1024 bytes and skip the PAX bomb behind it as data; the reader would not.
        var bomb = RawTar.Gzip(tar =>
        {
            tar.Write(RawTar.Pax(Record("size=+1024")));
            tar.Write(RawTar.Header("file", '0', 0));
            tar.Write(RawTar.Header("fake", '0', 1024));
            tar.Write(new byte[RawTar.Block]);
            tar.Write(RawTar.Header("PaxHeader/bomb", 'x', Bomb));
            RawTar.Zeros(tar, 4 * 1024 * 1024);
        });
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<CommandException>(() => Extract(bomb));

        Assert.Equal($"Invalid update archive: a tar metadata entry declares {Bomb} bytes (at most 1048576)", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64L * 1024 * 1024);
    }

    [Theory]
    [InlineData("13 size=5x12\n", "a PAX size record is not a size")]
    [InlineData("11 size=-1\n", "a PAX size record is not a size")]
    [InlineData("12 size=512\n12 size=100\n", "a PAX header has more than one size record")]
    [InlineData("8 size=\n12 size=512\n", "a PAX header has more than one size record")]
    [InlineData("99 foo=bar\n12 size=512\n", "a PAX header has a malformed record")]
    [InlineData("12 size=512\nxx", "a PAX header has a malformed record")]
    [InlineData("11 size512\n", "a PAX header has a malformed record")]
    public void A_pax_header_whose_size_the_guard_cannot_read_is_refused(string records, string reason)
    {
        byte[] archive = [.. RawTar.Pax(records), .. RawTar.Header("file", '0', 0), .. new byte[4 * RawTar.Block]];

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal($"Invalid update archive: {reason}", error.Message);
    }

    [Fact]
    public void A_pax_header_followed_by_another_metadata_entry_is_refused()
    {
        byte[] archive = [.. RawTar.Pax(Record("size=0")), .. RawTar.Header("././@LongLink", 'L', 0), .. new byte[4 * RawTar.Block]];

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal("Invalid update archive: a PAX header is followed by another metadata entry", error.Message);
    }

    [Fact]
    public void A_header_whose_checksum_does_not_match_is_refused()
    {
        var header = RawTar.Header("file", '0', 0);
        header[0] = (byte)'g'; // "gile": the sum no longer matches
        byte[] archive = [.. header, .. new byte[2 * RawTar.Block]];

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal("Invalid update archive: a tar header's checksum does not match", error.Message);
    }

    public void Dispose() => _destination.Dispose();

    /// <summary>One PAX record, "&lt;length&gt; &lt;key=value&gt;\n", its length counting its own digits.</summary>
    private static string Record(string keyValue)
    {
        var length = keyValue.Length + 2;
        while ($"{length} {keyValue}\n".Length != length)
        {
            length++;
        }

        return $"{length} {keyValue}\n";
    }

    private IReadOnlyList<string> Extract(byte[] archive) =>
        SafeTarExtractor.Extract(new MemoryStream(archive), _destination.Path, MaxBytes, CancellationToken.None);
}
