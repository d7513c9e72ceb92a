using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>Archives GNU tar makes that .NET's tar reader misreads or cannot read: refused clearly, never extracted wrong.</summary>
public sealed class GnuTarArchiveTests : IDisposable
{
    private const long MaxBytes = 16 * 1024 * 1024;
    private readonly TarWorkbench _bench = new();

    [Theory]
    [InlineData("gnu")]
    [InlineData("pax")]
    public async Task An_archive_of_a_user_whose_uid_does_not_fit_an_int_is_refused_clearly(string format)
    {
        // uids above 2^31 (some directory services hand them out): GNU tar stores them in base-256
        // (gnu) or in a PAX record (pax); the reader keeps an int and overflows.
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        var archive = await _bench.Tar("--gzip", $"--format={format}", "--owner=3000000000", "--group=3000000000", "guest-agent");

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal("Invalid update archive: a number in an entry's header is out of range (its uid, gid, time or device number)", error.Message);
    }

    [Theory]
    [InlineData("0.0", "not a readable tar archive")] // the reader refuses this one itself
    [InlineData("0.1", "an entry has an unsupported type")]
    [InlineData("1.0", "an entry has an unsupported type")]
    public async Task A_sparse_file_in_gnu_tars_pax_formats_is_refused_rather_than_extracted_as_its_packed_bytes(string version, string reason)
    {
        // A 3 MiB file that is one hole but for 4 bytes. The reader would write the packed data (and
        // the 1.0 map) as the file, under GNUSparseFile.<pid>/guest-agent: a corrupt "binary" one
        // directory down, which is where the update looks for it.
        using (var sparse = File.Create(_bench.Source.Combine("guest-agent")))
        {
            sparse.SetLength(3 * 1024 * 1024);
            sparse.Position = 2_000_000;
            sparse.Write("\u007fELF"u8);
        }

        var archive = await _bench.Tar("--gzip", "--format=pax", "--sparse", $"--sparse-version={version}", "guest-agent");

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal($"Invalid update archive: {reason}", error.Message);
        Assert.Empty(Directory.EnumerateFiles(_bench.Destination.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_same_file_without_sparse_is_extracted_whole()
    {
        // The control: the refusal above is the sparse format's, not the file's.
        var contents = new byte[3 * 1024 * 1024];
        "\u007fELF"u8.CopyTo(contents.AsSpan(2_000_000));
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);

        var files = Extract(await _bench.Tar("--gzip", "--format=pax", "guest-agent"));

        Assert.Equal(["guest-agent"], files);
        Assert.Equal(contents, File.ReadAllBytes(_bench.Destination.Combine("guest-agent")));
    }

    [Fact]
    public async Task A_zstd_archive_is_refused_by_name()
    {
        // The operator is told which compression to change, not that the tar is unreadable.
        ExternalTool.Require("zstd", "zstd");
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        var archive = await _bench.Tar("--zstd", "guest-agent");

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal("Invalid update archive: it is compressed with zstd (this agent reads tar, tar.gz, tar.bz2 and tar.xz only)", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_bench.Destination.Path));
    }

    [Theory]
    [InlineData("--bzip2", "bzip2", "bzip2")]
    [InlineData("--xz", "xz", "xz-utils")]
    public async Task A_tar_bz2_or_tar_xz_made_by_gnu_tar_is_extracted(string option, string compressor, string package)
    {
        // The original agent's tarfile ('r:*') read both: an operator's .tar.bz2 or .tar.xz update keeps working.
        ExternalTool.Require(compressor, package);
        var contents = new byte[300_000];
        Random.Shared.NextBytes(contents);
        Directory.CreateDirectory(_bench.Source.Combine("guest-agent-1.4"));
        File.WriteAllBytes(_bench.Source.Combine("guest-agent-1.4/guest-agent"), contents);

        var files = Extract(await _bench.Tar(option, "guest-agent-1.4"));

        Assert.Equal(["guest-agent-1.4/guest-agent"], files);
        Assert.Equal(contents, File.ReadAllBytes(_bench.Destination.Combine("guest-agent-1.4/guest-agent")));
    }

    [Fact]
    public async Task A_tar_split_over_concatenated_bzip2_streams_is_read_whole()
    {
        // pbzip2, and `cat a.bz2 b.bz2`, write several streams one after another: Python's bz2 reads them as one.
        var bzip2 = ExternalTool.Require("bzip2", "bzip2");
        var contents = new byte[300_000];
        new Random(7).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var tar = await _bench.Tar("guest-agent");
        File.WriteAllBytes(_bench.Source.Combine("first"), tar[..100_000]);
        File.WriteAllBytes(_bench.Source.Combine("second"), tar[100_000..]);
        Assert.Equal(0, (await ExternalTool.RunAsync(bzip2, [_bench.Source.Combine("first"), _bench.Source.Combine("second")])).ExitCode);

        var files = Extract([.. File.ReadAllBytes(_bench.Source.Combine("first.bz2")), .. File.ReadAllBytes(_bench.Source.Combine("second.bz2"))]);

        Assert.Equal(["guest-agent"], files);
        Assert.Equal(contents, File.ReadAllBytes(_bench.Destination.Combine("guest-agent")));
    }

    [Fact]
    public async Task A_corrupt_or_cut_bzip2_stream_is_refused_as_such()
    {
        ExternalTool.Require("bzip2", "bzip2");
        var contents = new byte[300_000];
        new Random(22).NextBytes(contents); // the same bytes each run, so the corruption decodes the same way
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var archive = await _bench.Tar("--bzip2", "guest-agent");
        var corrupt = archive.ToArray();
        Bzip2.PointPastTheFirstBlock(corrupt);
        var cut = archive[..(archive.Length / 2)];

        var corruptError = Assert.Throws<CommandException>(() => Extract(corrupt));
        var cutError = Assert.Throws<CommandException>(() => Extract(cut));

        Assert.Equal("Invalid update archive: the bzip2 stream is corrupt or cut short", corruptError.Message);
        Assert.Equal("Invalid update archive: the bzip2 stream is corrupt or cut short", cutError.Message);
    }

    [Fact]
    public async Task A_bzip2_block_that_decodes_to_garbage_is_refused_as_a_corrupt_bzip2_stream_not_as_a_bad_tar()
    {
        // Its text rotated: the tar header the reader meets first is garbage, and until the block's
        // CRC at its end is checked, nothing says the compression is at fault.
        ExternalTool.Require("bzip2", "bzip2");
        var contents = new byte[300_000];
        new Random(22).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var archive = await _bench.Tar("--bzip2", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner", "guest-agent");
        Bzip2.MoveTheFirstBlocksOrigin(archive);

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal("Invalid update archive: the bzip2 stream is corrupt or cut short", error.Message);
        Assert.Empty(Directory.EnumerateFiles(_bench.Destination.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_corrupt_or_cut_xz_stream_is_refused_as_such()
    {
        ExternalTool.Require("xz", "xz-utils");
        var contents = new byte[300_000];
        new Random(22).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var archive = await _bench.Tar("--xz", "guest-agent");
        var corrupt = archive.ToArray();
        corrupt[7] ^= 0x01; // the stream header's check type: its CRC32 no longer matches

        var corruptError = Assert.Throws<CommandException>(() => Extract(corrupt));
        var cutError = Assert.Throws<CommandException>(() => Extract(archive[..(archive.Length / 2)]));

        Assert.Equal("Invalid update archive: the xz stream is corrupt or cut short", corruptError.Message);
        Assert.Equal("Invalid update archive: the xz stream is corrupt or cut short", cutError.Message);
    }

    [Theory]
    [InlineData(0)] // the first tar header's name: the tar reader refuses the header before the check is read
    [InlineData(512 + 1000)] // the binary's 1,001st byte: the tar reads whole, a wrong byte in the file
    public async Task An_xz_block_that_decodes_but_fails_its_check_is_refused_as_a_corrupt_xz_stream(int offset)
    {
        // GNU tar (through xz) refuses both with "Compressed data is corrupt" and exit 2.
        ExternalTool.Require("xz", "xz-utils");
        var contents = new byte[300_000];
        new Random(22).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var archive = await _bench.Tar("--xz", "guest-agent");
        Xz.FlipAStoredByte(archive, offset);

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal("Invalid update archive: the xz stream is corrupt or cut short", error.Message);
    }

    [Theory]
    [InlineData(0)] // the first tar header's name: the tar reader refuses the header before the trailer is read
    [InlineData(512 + 1000)] // the binary's 1,001st byte: the tar reads whole, a wrong byte in the file
    public async Task A_gzip_member_that_decodes_but_fails_its_crc_is_refused_as_a_corrupt_gzip_stream(int offset)
    {
        // Stored blocks hold the tar verbatim, so the flipped byte decodes; only the trailer's CRC32
        // catches it. GNU tar (through gzip) refuses both: "invalid compressed data--crc error", exit 2.
        var contents = new byte[300_000];
        new Random(22).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var archive = Gzip.Stored(await _bench.Tar("guest-agent"));
        Gzip.FlipAStoredByte(archive, offset);

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal("Invalid update archive: the gzip stream is corrupt or cut short", error.Message);
    }

    [Theory]
    [InlineData(8, 0)] // the trailer cut off: gzip's "unexpected end of file"
    [InlineData(4, 0)] // ISIZE cut off
    [InlineData(0, 1)] // ISIZE's last byte flipped: gzip's "invalid compressed data--length error"
    public async Task A_gzip_stream_whose_trailer_is_cut_or_wrong_is_refused_as_GNU_tar_does(int cut, int flipFromEnd)
    {
        // The tar is whole and every byte of the file is right: only the trailer is damaged, and GNU
        // tar still fails the extraction (exit 2), as the agent must rather than install what it cannot
        // check. A cut one GZipStream ends quietly unless the runtime's strict validation is on
        // (System.IO.Compression.UseStrictValidation, which this project does not set): CheckedGzipStream notices it.
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        var archive = (await _bench.Tar("--gzip", "guest-agent"))[..^cut];
        if (flipFromEnd > 0)
        {
            archive[^flipFromEnd] ^= 0x01;
        }

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal("Invalid update archive: the gzip stream is corrupt or cut short", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_gzip_stream_of_several_members_is_one_archive_each_member_checked(bool corruptSecond)
    {
        // `cat a.gz b.gz`, or pigz's and bgzip's output, which GNU tar reads as one archive: split inside
        // the binary, so the tar's end and the last trailer lie in the second member. A flipped byte
        // in it (the binary's 99,489th) is caught by that member's CRC alone.
        var contents = new byte[300_000];
        new Random(22).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var tar = await _bench.Tar("guest-agent");
        var second = Gzip.Stored(tar[100_000..]);
        if (corruptSecond)
        {
            Gzip.FlipAStoredByte(second, 1000);
        }

        byte[] archive = [.. Gzip.Stored(tar[..100_000]), .. second];

        if (corruptSecond)
        {
            var error = Assert.Throws<CommandException>(() => Extract(archive));
            Assert.Equal("Invalid update archive: the gzip stream is corrupt or cut short", error.Message);
        }
        else
        {
            Assert.Equal(["guest-agent"], Extract(archive));
            Assert.Equal(contents, File.ReadAllBytes(_bench.Destination.Combine("guest-agent")));
        }
    }

    [Fact]
    public async Task Zeros_after_a_whole_gzip_stream_are_ignored_as_gzip_ignores_them()
    {
        // Padding to a block size (a tape's, a download tool's): gzip decompresses such a file without
        // complaint, and the read to the stream's end must not take it for a cut member.
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        byte[] padded = [.. await _bench.Tar("--gzip", "guest-agent"), .. new byte[10240]];

        Assert.Equal(["guest-agent"], Extract(padded));
        Assert.Equal("\u007fELF agent"u8.ToArray(), File.ReadAllBytes(_bench.Destination.Combine("guest-agent")));
    }

    [Theory]
    [InlineData("bzip2", "bzip2", ".bz2")]
    [InlineData("xz", "xz-utils", ".xz")]
    public async Task A_bzip2_or_xz_bomb_runs_into_the_cap_on_decompressed_bytes_as_a_gzip_one_does(string compressor, string package, string suffix)
    {
        // 64 MiB of an entry the extractor skips ("."), a few kB compressed: only the guard's count stops it.
        var tool = ExternalTool.Require(compressor, package);
        var tar = _bench.Source.Combine("bomb.tar");
        using (var stream = File.Create(tar))
        {
            stream.Write(RawTar.Header("./", '0', 64L * 1024 * 1024));
            RawTar.Zeros(stream, 64L * 1024 * 1024);
        }

        Assert.Equal(0, (await ExternalTool.RunAsync(tool, ["-1", tar])).ExitCode);
        var bomb = File.ReadAllBytes(tar + suffix);

        var error = Assert.Throws<CommandException>(() => Extract(bomb));

        Assert.Equal($"Invalid update archive: it expands to more than {MaxBytes + (16 * 1024 * 1024)} bytes", error.Message);
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes");
    }

    [Fact]
    public async Task A_plain_tar_whose_first_name_starts_like_a_magic_number_is_read_as_tar()
    {
        // "BZh9" and "(\xb5/\xfd" begin a name, not a compressed stream: the magic numbers are checked whole.
        File.WriteAllBytes(_bench.Source.Combine("BZh91AY"), "x"u8.ToArray());
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());

        var files = Extract(await _bench.Tar("--format=gnu", "BZh91AY", "guest-agent"));

        Assert.Equal(["BZh91AY", "guest-agent"], files);
    }

    public void Dispose() => _bench.Dispose();

    private IReadOnlyList<string> Extract(byte[] archive) => _bench.Extract(archive, MaxBytes);
}
