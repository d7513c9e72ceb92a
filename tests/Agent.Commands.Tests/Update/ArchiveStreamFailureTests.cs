using GuestAgent.Commands.Update;
using GuestAgent.Testing;
using SharpCompress.Common;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// What the archive's streams do once a read has failed, or once they are disposed: every later read
/// fails the same way (the extractor reads on after a refusal, and a quiet end there would pass for a
/// whole stream); and what the decoders' own faults on malformed input are answered with. The archives
/// are made by the real <c>tar</c>, <c>gzip</c>, <c>bzip2</c> and <c>xz</c>, then cut or corrupted.
/// </summary>
public sealed class ArchiveStreamFailureTests : IDisposable
{
    private const long MaxBytes = 64 * 1024 * 1024;
    private const int EmptyBzip2Stream = 14;
    private readonly TarWorkbench _bench = new();

    [Theory]
    [InlineData("--bzip2")]
    [InlineData("--xz")]
    public async Task A_stop_between_streams_is_thrown_again_by_every_later_read(string option)
    {
        var tar = await SmallTar(option);
        var empty = option == "--xz" ? await Compress("xz", []) : EmptyBzip2();
        byte[] archive = [.. tar, .. empty, .. empty, .. empty];
        using var cancellation = new CancellationTokenSource();
        using var stream = Decoder(option, new CancellingStream(archive, tar.Length + 1, cancellation), MaxBytes, cancellation.Token);

        Assert.ThrowsAny<OperationCanceledException>(() => stream.CopyTo(Stream.Null));

        // Before session 33, the stream had let its decoder go and read as ended: 0, a whole stream.
        Assert.ThrowsAny<OperationCanceledException>(() => stream.Read(new byte[512]));
        Assert.ThrowsAny<OperationCanceledException>(() => stream.Read(new byte[512]));
    }

    [Fact]
    public async Task The_block_cap_refusal_of_a_later_bzip2_stream_is_thrown_again_by_every_later_read()
    {
        byte[] archive = [.. await SmallTar("--bzip2"), .. EmptyBzip2()];
        using var stream = new ConcatenatedBzip2Stream(new MemoryStream(archive), 900_000, CancellationToken.None);

        var first = Assert.Throws<InvalidArchiveException>(() => stream.CopyTo(Stream.Null));

        Assert.Same(first, Assert.Throws<InvalidArchiveException>(() => stream.Read(new byte[512])));
    }

    [Theory]
    [InlineData("--bzip2")]
    [InlineData("--xz")]
    [InlineData("--gzip")]
    public async Task A_decoder_that_refused_a_block_is_never_read_again(string option)
    {
        // A block that decodes but fails its check at its end: a decoder read again after that may hand
        // out what follows, repeat its last byte for ever (SharpCompress's bzip2) or end quietly.
        var tar = await TarOfAFile(option == "--gzip" ? "--no-auto-compress" : option);
        var corrupt = option == "--gzip" ? Gzip.Stored(tar) : tar;
        switch (option)
        {
            case "--bzip2":
                Bzip2.MoveTheFirstBlocksOrigin(corrupt);
                break;
            case "--xz":
                Xz.FlipAStoredByte(corrupt, 512 + 1000);
                break;
            default:
                Gzip.FlipAStoredByte(corrupt, 512 + 1000);
                break;
        }

        using var stream = Decoder(option, new MemoryStream(corrupt), MaxBytes, CancellationToken.None);

        var first = Assert.ThrowsAny<Exception>(() => stream.CopyTo(Stream.Null));

        Assert.True(first is SharpCompressException or InvalidDataException, first.ToString());
        Assert.Same(first, Assert.ThrowsAny<Exception>(() => stream.Read(new byte[512])));
    }

    [Fact]
    public void A_tar_header_the_guard_refused_is_not_handed_out_by_a_later_read()
    {
        var header = RawTar.Header("guest-agent", '0', 1);
        header[0] ^= 0x01; // its checksum no longer matches
        using var guarded = new GuardedTarStream(new MemoryStream([.. header, .. new byte[1024]]), MaxBytes, 1024, CancellationToken.None);

        var first = Assert.Throws<InvalidArchiveException>(() => guarded.Read(new byte[512]));

        // Before session 33, the next read served the refused header to whoever read on.
        Assert.Same(first, Assert.Throws<InvalidArchiveException>(() => guarded.Read(new byte[512])));
    }

    [Theory]
    [InlineData("--bzip2")]
    [InlineData("--xz")]
    [InlineData("--gzip")]
    public async Task A_read_after_dispose_throws_ObjectDisposedException(string option)
    {
        var stream = Decoder(option, new MemoryStream(await SmallTar(option)), MaxBytes, CancellationToken.None);
        stream.Dispose();

        // Before session 33, such a read returned 0, as if the stream had ended.
        Assert.Throws<ObjectDisposedException>(() => stream.Read(new byte[512]));
    }

    [Theory]
    [InlineData("gzip", 2)]
    [InlineData("bzip2", 10)]
    [InlineData("xz", 6)]
    public async Task Every_cut_of_a_compressed_tar_is_refused_as_a_corrupt_stream(string compression, int magic)
    {
        // Cuts inside an xz stream's header or footer ran SharpCompress's reader off the file's end
        // (ArgumentOutOfRangeException): an unexpected failure, not the refusal GNU tar's xz gives.
        var archive = await SmallTar("--" + compression);

        for (var cut = magic; cut < archive.Length; cut++)
        {
            using var destination = new TemporaryDirectory("gacut-");
            var error = Assert.Throws<CommandException>(() => SafeTarExtractor.Extract(new MemoryStream(archive[..cut]), destination.Path, MaxBytes, CancellationToken.None));
            Assert.True(error.Message == $"Invalid update archive: the {compression} stream is corrupt or cut short", $"cut at {cut}: {error.Message}");
        }
    }

    [Fact]
    public async Task Every_one_bit_flip_in_the_first_bzip2_blocks_tables_is_refused_or_decodes_whole()
    {
        // A flipped bit in the block's tables can send SharpCompress's decoder past its arrays
        // (IndexOutOfRangeException): an unexpected failure, where bzip2 says "data integrity error".
        var archive = await Compress("bzip2", await SmallTar("--no-auto-compress"), "-1");

        for (var bit = 10 * 8; bit < 80 * 8; bit++)
        {
            var flipped = archive.ToArray();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            using var destination = new TemporaryDirectory("gaflip-");
            try
            {
                SafeTarExtractor.Extract(new MemoryStream(flipped), destination.Path, MaxBytes, CancellationToken.None);
                Assert.Equal(SmallContents(), File.ReadAllBytes(destination.Combine("guest-agent")));
            }
            catch (CommandException error)
            {
                Assert.StartsWith("Invalid update archive: ", error.Message, StringComparison.Ordinal);
            }
        }
    }

    public void Dispose() => _bench.Dispose();

    /// <summary>The decoder the extractor stacks for <paramref name="option"/> (tar's), over <paramref name="archive"/>.</summary>
    private static Stream Decoder(string option, Stream archive, long maxBytes, CancellationToken cancellationToken) =>
        ArchiveCompression.Decompress(archive, option.TrimStart('-'), maxBytes, cancellationToken)!;

    /// <summary>One empty bzip2 -9 stream, as <c>bzip2 -c &lt; /dev/null</c> writes it.</summary>
    private static byte[] EmptyBzip2() => Convert.FromHexString("425A683917724538509000000000");

    /// <summary>
    /// A tar of one random 300,000-byte file, compressed by GNU tar's <paramref name="option"/>: xz stores
    /// its data, so a flipped byte still decodes (<see cref="Xz.FlipAStoredByte"/>).
    /// </summary>
    private async Task<byte[]> TarOfAFile(string option)
    {
        var contents = new byte[300_000];
        new Random(22).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        return await _bench.Tar(option, "guest-agent");
    }

    /// <summary>A tar of one random 100-byte file (a few hundred bytes compressed, to cut or flip at every position), always the same bytes.</summary>
    private async Task<byte[]> SmallTar(string option)
    {
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), SmallContents());
        return await _bench.Tar(option, "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner", "guest-agent");
    }

    private static byte[] SmallContents()
    {
        var contents = new byte[100];
        new Random(5).NextBytes(contents);
        return contents;
    }

    /// <summary><paramref name="data"/> compressed by the real <paramref name="tool"/>.</summary>
    private async Task<byte[]> Compress(string tool, byte[] data, params string[] options)
    {
        var program = ExternalTool.Require(tool, tool == "xz" ? "xz-utils" : tool);
        var file = _bench.Source.Combine("part-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(file, data, TestContext.Current.CancellationToken);
        var made = await ExternalTool.RunAsync(program, ["-z", .. options, file]);
        Assert.Equal(0, made.ExitCode);
        return File.ReadAllBytes(file + (tool == "xz" ? ".xz" : ".bz2"));
    }
}
