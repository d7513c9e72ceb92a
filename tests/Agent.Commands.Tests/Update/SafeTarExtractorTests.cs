using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>The limits the extractor puts on what .NET's tar reader would otherwise do with a hostile archive.</summary>
public sealed class SafeTarExtractorTests : IDisposable
{
    private const long MaxBytes = 1024 * 1024;
    private readonly TemporaryDirectory _destination = new("gatar-");

    [Theory]
    [InlineData('x')]
    [InlineData('g')]
    [InlineData('L')]
    [InlineData('K')]
    public void A_metadata_entry_declaring_gigabytes_is_refused_before_anything_is_allocated(char type)
    {
        // The reader would allocate the declared 2 GiB at once, then fill it from the zeros behind.
        var bomb = RawTar.Gzip(tar =>
        {
            tar.Write(RawTar.Header("PaxHeader/guest-agent", type, 0x7FFF_0000));
            RawTar.Zeros(tar, 4 * 1024 * 1024);
        });
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<CommandException>(() => Extract(bomb));

        Assert.Equal($"Invalid update archive: a tar metadata entry declares {0x7FFF_0000} bytes (at most 1048576)", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64L * 1024 * 1024);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_destination.Path));
    }

    [Fact]
    public void A_huge_entry_the_extractor_skips_runs_into_the_cap_on_decompressed_bytes()
    {
        // An entry named "." is skipped, but its data is still decompressed to get past it.
        var bomb = RawTar.Gzip(tar =>
        {
            tar.Write(RawTar.Header("./", '0', 64L * 1024 * 1024));
            RawTar.Zeros(tar, 64L * 1024 * 1024);
        });

        var error = Assert.Throws<CommandException>(() => Extract(bomb));

        Assert.StartsWith("Invalid update archive: it expands to more than ", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_destination.Path));
    }

    [Fact]
    public void A_pax_size_record_is_followed_to_the_next_header()
    {
        // The 'size' record overrides the header's size field (0 here): the guard must look for the
        // next header where the reader does. The file's data starts with what looks like a huge
        // metadata header, which a guard going by the header's size field would refuse.
        var records = "13 size=3000\n"u8.ToArray();
        var data = new byte[3000];
        RawTar.Header("././@LongLink", 'L', 0x7FFF_0000).CopyTo(data, 0);
        var archive = new MemoryStream();
        archive.Write(RawTar.Header("PaxHeader/big", 'x', records.Length));
        archive.Write([.. records, .. new byte[RawTar.Block - records.Length]]);
        archive.Write(RawTar.Header("big", '0', 0));
        archive.Write([.. data, .. new byte[(6 * RawTar.Block) - data.Length]]);
        archive.Write(new byte[2 * RawTar.Block]);

        var files = Extract(archive.ToArray());

        Assert.Equal(["big"], files);
        Assert.Equal(data, File.ReadAllBytes(_destination.Combine("big")));
    }

    [Fact]
    public void A_sparse_entry_is_refused_clearly()
    {
        var archive = RawTar.Gzip(tar =>
        {
            tar.Write(RawTar.Header("guest-agent", 'S', 0));
            tar.Write(new byte[2 * RawTar.Block]);
        });

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal("Invalid update archive: an entry has an unsupported type", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_destination.Path));
    }

    [Fact]
    public void An_entry_nested_deeper_than_32_directories_is_refused_and_32_are_extracted()
    {
        var deepest = string.Concat(Enumerable.Repeat("d/", 32)) + "file";
        var tooDeep = string.Concat(Enumerable.Repeat("d/", 33)) + "file";

        Assert.Equal([deepest], Extract(new UpdateArchive().File(deepest, "ok"u8.ToArray()).ToBytes(gzip: true)));
        var error = Assert.Throws<CommandException>(() => Extract(new UpdateArchive().File(tooDeep, "no"u8.ToArray()).ToBytes(gzip: true)));

        Assert.Equal("Invalid update archive: an entry lies more than 32 directories deep", error.Message);
    }

    [Fact]
    public void Files_adding_up_to_exactly_the_limit_are_extracted_and_one_byte_more_is_refused()
    {
        var archive = new UpdateArchive().File("a", new byte[600]).File("b", new byte[400]).ToBytes(gzip: false);

        Assert.Equal(["a", "b"], SafeTarExtractor.Extract(new MemoryStream(archive), _destination.Combine("exact"), 1000, CancellationToken.None));
        var error = Assert.Throws<CommandException>(() => SafeTarExtractor.Extract(new MemoryStream(archive), _destination.Combine("short"), 999, CancellationToken.None));

        Assert.Equal("Invalid update archive: it extracts to more than 999 bytes", error.Message);
    }

    [Theory]
    [InlineData("6777", "755")]
    [InlineData("4755", "755")]
    [InlineData("640", "640")]
    [InlineData("100", "700")]
    public void Extracted_files_keep_their_read_and_execute_bits_only_and_stay_the_agents(string archived, string extracted)
    {
        // Never setuid, setgid or writable by group or others, always readable and writable by the agent.
        Extract(new UpdateArchive().File("guest-agent", "x"u8.ToArray(), archived).ToBytes(gzip: false));

        Assert.Equal((UnixFileMode)Convert.ToInt32(extracted, 8), File.GetUnixFileMode(_destination.Combine("guest-agent")));
    }

    [Fact]
    public void A_file_that_a_later_entry_uses_as_a_directory_is_refused()
    {
        var error = Assert.Throws<CommandException>(() => Extract(new UpdateArchive().File("bin", "x"u8.ToArray()).File("bin/guest-agent", "y"u8.ToArray()).ToBytes(gzip: false)));

        Assert.Equal("Invalid update archive: 'bin' is not a directory in the archive", error.Message);
    }

    [Theory]
    [InlineData(true, "the gzip stream is corrupt or cut short")] // CheckedGzipStream, whatever the host's UseStrictValidation
    [InlineData(false, "not a readable tar archive")]
    public void A_truncated_archive_is_refused_clearly(bool gzip, string reason)
    {
        // Random contents, so that the compressed form is long too and is cut inside the file's data.
        var whole = new UpdateArchive().File("guest-agent", System.Security.Cryptography.RandomNumberGenerator.GetBytes(20_000)).ToBytes(gzip);
        var cut = whole[..(whole.Length / 2)];

        var error = Assert.Throws<CommandException>(() => Extract(cut));

        Assert.Equal($"Invalid update archive: {reason}", error.Message);
    }

    [Fact]
    public void Cancellation_between_entries_stops_the_extraction()
    {
        var archive = new UpdateArchive().File("first", new byte[1024]).File("second", new byte[1024]).ToBytes(gzip: false);
        using var cancellation = new CancellationTokenSource();
        // Cancelled as soon as the first file's data has been read, as by a stopping agent.
        var firstEnd = archive.AsSpan().IndexOf("second"u8);
        using var stream = new CancellingStream(archive, firstEnd - RawTar.Block, cancellation);

        Assert.ThrowsAny<OperationCanceledException>(() => SafeTarExtractor.Extract(stream, _destination.Path, MaxBytes, cancellation.Token));

        Assert.True(File.Exists(_destination.Combine("first")));
        Assert.False(File.Exists(_destination.Combine("second")));
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_refused_as_the_callers_error_not_as_the_archives()
    {
        // Before session 35's review, Detect's seek back threw NotSupportedException inside the extraction, which was worded as
        // "Invalid update archive: an entry has an unsupported type".
        var archive = new UpdateArchive().File("guest-agent", new byte[1024]).ToBytes(gzip: true);
        using var stream = new ForwardOnlyStream(archive);

        var error = Assert.Throws<ArgumentException>(() => SafeTarExtractor.Extract(stream, _destination.Path, MaxBytes, CancellationToken.None));

        Assert.Equal("archive", error.ParamName);
        Assert.False(Directory.Exists(_destination.Combine("guest-agent")) || File.Exists(_destination.Combine("guest-agent")));
    }

    public void Dispose() => _destination.Dispose();

    /// <summary>A stream read forward only, as a pipe is.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }

    private IReadOnlyList<string> Extract(byte[] archive) =>
        SafeTarExtractor.Extract(new MemoryStream(archive), _destination.Path, MaxBytes, CancellationToken.None);
}
