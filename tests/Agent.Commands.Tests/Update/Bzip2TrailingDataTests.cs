using System.Text;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// What follows a bzip2 stream. bzip2 reads further streams, ignores anything that does not begin
/// like one ("trailing garbage after EOF ignored", exit 0, so <c>tar xjf</c> extracts), and refuses a
/// file that ends inside a stream's magic number or a stream that begins like one and does not decode.
/// Each case is given to GNU tar and to Python's <c>tarfile</c> (the original agent) too.
/// </summary>
public sealed class Bzip2TrailingDataTests : IDisposable
{
    private const long MaxBytes = 64 * 1024 * 1024;
    private const string Corrupt = "the bzip2 stream is corrupt or cut short";
    private readonly TarWorkbench _bench = new();

    [Theory]
    [InlineData(0, "", null)]
    [InlineData(1, "", null)]
    [InlineData(10_000, "", null)] // padding to a block, past SharpCompress's and the tar's reads
    [InlineData(0, "garbage\n", null)]
    [InlineData(0, "Bx", null)]
    [InlineData(0, "BZhx", null)]
    [InlineData(0, "BZh0 is no block size", null)]
    [InlineData(2, "BZh9", null)] // a stream's magic after zeros: bzip2 decides on the first byte
    [InlineData(0, "B", Corrupt)] // the file ends inside what begins like a stream
    [InlineData(0, "BZh", Corrupt)]
    [InlineData(0, "BZh9", Corrupt)]
    [InlineData(0, "BZh9garbage", Corrupt)] // a stream's magic, then no block
    public async Task What_follows_a_bzip2_stream_is_taken_or_refused_as_bzip2_and_gnu_tar_do(int zeros, string after, string? refusal)
    {
        var contents = "\u007fELF agent"u8.ToArray();
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        byte[] archive = [.. await _bench.Tar("--bzip2", "guest-agent"), .. new byte[zeros], .. Encoding.Latin1.GetBytes(after)];

        Assert.Equal(refusal is null, await GnuTarExtracts(archive));
        // tarfile stops at the tar's end and never reads what follows the stream: it extracts them all.
        Assert.True(await _bench.PythonTarfileExtracts(archive), "Python's tarfile refused it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, refusal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0\0")]
    [InlineData("garbage\n")]
    public async Task A_tar_split_across_two_streams_is_read_whole_whatever_follows_them(string after)
    {
        // pbzip2's, or `cat a.bz2 b.bz2`: the second stream must be decoded, and what follows it ignored.
        var contents = new byte[300_000];
        new Random(31).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var tar = await _bench.Tar("guest-agent");
        byte[] archive = [.. await Bzip2Compress(tar[..150_000]), .. await Bzip2Compress(tar[150_000..]), .. Encoding.Latin1.GetBytes(after)];

        Assert.True(await GnuTarExtracts(archive), "GNU tar refused it");
        Assert.True(await _bench.PythonTarfileExtracts(archive), "Python's tarfile refused it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, refusal: null);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_second_stream_cut_short_or_corrupt_is_refused_though_it_holds_only_the_tars_end(bool cut)
    {
        // The file lies whole in the first stream; the second holds the tar's end-of-archive blocks,
        // which neither the reader nor tarfile needs, but bzip2 decodes it and fails, and so does tar.
        var contents = "\u007fELF agent"u8.ToArray();
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var tar = await _bench.Tar("guest-agent");
        var second = await Bzip2Compress(tar[2048..]);
        if (cut)
        {
            second = second[..^5];
        }
        else
        {
            Bzip2.PointPastTheFirstBlock(second);
        }

        byte[] archive = [.. await Bzip2Compress(tar[..2048]), .. second];

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, Corrupt);
    }

    [Fact]
    public async Task A_tar_cut_by_a_file_ending_inside_a_second_streams_magic_is_refused_as_a_cut_bzip2_stream()
    {
        // The tar reader needs more than the first stream holds and meets the refusal first: the
        // compression's fault, named as such, not as an unreadable tar.
        var contents = new byte[20_000];
        new Random(31).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var tar = await _bench.Tar("guest-agent");
        byte[] archive = [.. await Bzip2Compress(tar[..5000]), .. "BZ"u8];

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, Corrupt);
    }

    [Fact]
    public async Task Streams_declaring_more_block_bytes_than_the_cap_are_refused_though_bzip2_reads_them()
    {
        // 100 empty streams, 1,400 bytes: each costs SharpCompress its 900 kB block's arrays (5 MB)
        // however little it holds, and 100,000 of them kept it busy for minutes. bzip2 reads them in a
        // moment; the agent refuses them as more block space than it may extract.
        var contents = "\u007fELF agent"u8.ToArray();
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        byte[] archive = [.. await _bench.Tar("--bzip2", "guest-agent"), .. EmptyStreams(100)];

        Assert.True(await GnuTarExtracts(archive), "GNU tar refused it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents,
            $"its bzip2 streams declare blocks of more than {MaxBytes + (16 * 1024 * 1024)} bytes in all (each costs its decoder its block size, however little it holds)");
    }

    [Fact]
    public async Task A_stop_interrupts_the_empty_streams_after_a_tar_bz2()
    {
        // Empty streams decode to nothing, so no read returns while they last, and each costs the decoder
        // its block's arrays: the token is checked between them.
        var contents = "\u007fELF agent"u8.ToArray();
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        // Stopped after the tar has been extracted.
        StoppedInTheEmptyStreamsAfter(await _bench.Tar("--bzip2", "guest-agent"));
    }

    [Fact]
    public async Task A_stop_while_reading_on_after_the_tar_reader_refused_is_a_stop_not_a_refusal()
    {
        // The tar reader refuses the first stream's block, and the extractor reads on to tell the
        // compression's fault from the tar's: a stop heard there must reach the caller as a stop (an
        // exception filter would swallow it and answer "not a readable tar archive" for good).
        StoppedInTheEmptyStreamsAfter(await Bzip2Compress([.. Enumerable.Repeat((byte)'x', 512)]));
    }

    [Theory]
    [InlineData(1_800_000, 1, true)] // the first stream's 900 kB and one more: exactly the cap
    [InlineData(1_799_999, 1, false)]
    [InlineData(899_999, 0, false)] // the first stream alone declares more
    public async Task The_streams_may_declare_blocks_of_the_cap_in_all(long maxBlockBytes, int empties, bool read)
    {
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        var tar = await _bench.Tar("guest-agent");
        byte[] archive = [.. await Bzip2Compress(tar), .. EmptyStreams(empties)];
        var decoded = new MemoryStream();

        void Decode()
        {
            using var bzip2 = new ConcatenatedBzip2Stream(new MemoryStream(archive), maxBlockBytes, CancellationToken.None);
            bzip2.CopyTo(decoded);
        }

        if (read)
        {
            Decode();
            Assert.Equal(tar, decoded.ToArray());
        }
        else
        {
            Assert.Throws<InvalidArchiveException>(Decode);
        }
    }

    [Theory]
    [InlineData(new byte[0], null)]
    [InlineData(new byte[] { (byte)'B' }, null)]
    [InlineData(new byte[] { (byte)'B', (byte)'Z', (byte)'h' }, null)]
    [InlineData(new byte[] { (byte)'B', (byte)'Z', (byte)'h', (byte)'1' }, true)]
    [InlineData(new byte[] { (byte)'B', (byte)'Z', (byte)'h', (byte)'9', 0 }, true)]
    [InlineData(new byte[] { (byte)'B', (byte)'Z', (byte)'h', (byte)':' }, false)]
    [InlineData(new byte[] { (byte)'B', (byte)'Z', (byte)'h', (byte)'0' }, false)]
    [InlineData(new byte[] { (byte)'B', (byte)'Z', (byte)'H' }, false)]
    [InlineData(new byte[] { (byte)'B', (byte)'z' }, false)]
    [InlineData(new byte[] { (byte)'b' }, false)]
    public void A_stream_begins_with_BZh_and_a_block_size_from_1_to_9(byte[] head, bool? begins) =>
        Assert.Equal(begins, ConcatenatedBzip2Stream.BeginsAStream(head));

    public void Dispose() => _bench.Dispose();

    /// <summary>
    /// Extracts <paramref name="first"/> followed by ten empty streams, stopped once the second empty
    /// stream's magic is read: a stop, and nothing read past that stream (the eight left never opened).
    /// </summary>
    private void StoppedInTheEmptyStreamsAfter(byte[] first)
    {
        const int EmptyStream = 14;
        byte[] archive = [.. first, .. EmptyStreams(10)];
        using var cancellation = new CancellationTokenSource();
        using var stream = new CancellingStream(archive, first.Length + EmptyStream, cancellation);

        Assert.ThrowsAny<OperationCanceledException>(() => SafeTarExtractor.Extract(stream, _bench.Destination.Path, MaxBytes, cancellation.Token));
        Assert.InRange(stream.Position, first.Length + EmptyStream, first.Length + (2 * EmptyStream));
    }

    /// <summary><paramref name="count"/> empty bzip2 -9 streams, as <c>bzip2 -c &lt; /dev/null</c> writes one: magic, end of stream, CRC 0.</summary>
    private static byte[] EmptyStreams(int count) =>
        [.. Enumerable.Repeat(Convert.FromHexString("425A683917724538509000000000"), count).SelectMany(stream => stream)];

    /// <summary><paramref name="data"/> as one bzip2 stream, made by the real <c>bzip2</c>.</summary>
    private Task<byte[]> Bzip2Compress(byte[] data) => _bench.Compress(data, "bzip2", "bzip2", ".bz2");

    private Task<bool> GnuTarExtracts(byte[] archive) => _bench.GnuTarExtracts(archive, "-xjf", "bzip2", "bzip2");
}
