using System.Text;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// What follows an xz stream: xz takes stream padding (zero bytes, a multiple of four) and further
/// streams, and refuses anything else, which fails <c>tar xJf</c>. Each case is given to GNU tar
/// too, and the agent must agree with it: extract what tar extracts, refuse what tar refuses.
/// </summary>
public sealed class XzTrailingDataTests : IDisposable
{
    private const long MaxBytes = 64 * 1024 * 1024;
    private const string Corrupt = "the xz stream is corrupt or cut short";
    private readonly TarWorkbench _bench = new();

    [Theory]
    [InlineData(0, "", null)]
    [InlineData(4, "", null)]
    [InlineData(4096, "", null)]
    [InlineData(3, "", Corrupt)]
    [InlineData(5, "", Corrupt)]
    [InlineData(0, "garbage", Corrupt)]
    [InlineData(0, "x", Corrupt)]
    [InlineData(4, "x", Corrupt)]
    [InlineData(0, "\u00fd7zXZ", Corrupt)] // the start of another stream's magic, and no stream
    public async Task What_follows_an_xz_stream_is_taken_or_refused_as_gnu_tar_does(int zeros, string after, string? refusal)
    {
        var contents = "\u007fELF agent"u8.ToArray();
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        byte[] archive = [.. await _bench.Tar("--xz", "guest-agent"), .. new byte[zeros], .. Encoding.Latin1.GetBytes(after)];

        Assert.Equal(refusal is null, await GnuTarExtracts(archive));
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, refusal);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(8, true)]
    [InlineData(3, false)]
    public async Task A_tar_split_across_two_streams_back_to_back_is_one_archive(int padding, bool padded)
    {
        // cat a.xz b.xz: xz decodes the streams one after the other, with padding (a multiple of four
        // zero bytes) between them.
        var contents = new byte[300_000];
        new Random(25).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var tar = await _bench.Tar("guest-agent");
        byte[] archive = [.. await XzCompress(tar[..150_000]), .. new byte[padding], .. await XzCompress(tar[150_000..]), .. new byte[4]];

        Assert.Equal(padded, await GnuTarExtracts(archive));
        if (padded)
        {
            Assert.Equal(["guest-agent"], Extract(archive));
            Assert.Equal(contents, File.ReadAllBytes(_bench.Destination.Combine("guest-agent")));
        }
        else
        {
            var error = Assert.Throws<CommandException>(() => Extract(archive));
            Assert.Equal($"Invalid update archive: {Corrupt}", error.Message);
        }
    }

    [Fact]
    public async Task Garbage_after_a_second_stream_is_refused()
    {
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        var tar = await _bench.Tar("guest-agent");
        byte[] archive = [.. await XzCompress(tar[..5000]), .. await XzCompress(tar[5000..]), .. "x"u8];

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        var error = Assert.Throws<CommandException>(() => Extract(archive));
        Assert.Equal($"Invalid update archive: {Corrupt}", error.Message);
    }

    [Fact]
    public async Task A_stop_is_heard_between_the_streams_after_a_tar_xz()
    {
        // Streams that decode to nothing return from no read while they last: the token is checked between them.
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        var tarXz = await _bench.Tar("--xz", "guest-agent");
        var empty = await XzCompress([]);
        byte[] archive = [.. tarXz, .. empty, .. empty, .. empty, .. empty];
        using var cancellation = new CancellationTokenSource();
        // Cancelled once the file is read past the tar's stream, after the tar has been extracted.
        using var stream = new CancellingStream(archive, tarXz.Length + 1, cancellation);

        Assert.ThrowsAny<OperationCanceledException>(() => SafeTarExtractor.Extract(stream, _bench.Destination.Path, MaxBytes, cancellation.Token));

        // The first empty stream was read, and the three after it never opened.
        Assert.InRange(stream.Position, tarXz.Length + 1, tarXz.Length + empty.Length);
    }

    [Fact]
    public async Task An_empty_read_inside_a_stream_reads_nothing_and_skips_nothing()
    {
        // The base both decoders share (ConcatenatedStream): a read of no bytes returns 0 where it is,
        // never taken for the end of the stream being read.
        byte[] first = [.. Enumerable.Range(0, 3000).Select(index => (byte)index)];
        byte[] archive = [.. await XzCompress(first), .. await XzCompress("second"u8.ToArray())];
        using var xz = new ConcatenatedXzStream(new MemoryStream(archive), TestContext.Current.CancellationToken);
        var head = new byte[10];
        xz.ReadExactly(head);

        Assert.Equal(0, xz.Read([]));

        using var rest = new MemoryStream();
        xz.CopyTo(rest);
        Assert.Equal([.. first, .. "second"u8], [.. head, .. rest.ToArray()]);
    }

    public void Dispose() => _bench.Dispose();

    /// <summary><paramref name="data"/> as one xz stream, made by the real <c>xz</c>.</summary>
    private Task<byte[]> XzCompress(byte[] data) => _bench.Compress(data, "xz", "xz-utils", ".xz");

    private IReadOnlyList<string> Extract(byte[] archive) => _bench.Extract(archive, MaxBytes);

    private Task<bool> GnuTarExtracts(byte[] archive) => _bench.GnuTarExtracts(archive, "-xJf", "xz", "xz-utils");
}
