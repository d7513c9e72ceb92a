using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// Each xz index record's sizes against its own block, as <c>xz</c> compares them: the unpadded size exactly (not only to its
/// multiple of four, which is all the walk of the blocks tells) and the uncompressed size per block (not only their sum).
/// Before session 35 the agent compared them exactly only where a block header declares them (<c>xz -T</c>), so a record one
/// byte off, or two records trading a byte, their CRC32s made to match, were extracted where <c>xz -t</c> and GNU tar refuse
/// them; now the block's LZMA2 chunks are walked to find its sizes. The archives are made by the real <c>tar</c> and <c>xz</c>
/// from text (compressed chunks, some decoding to more than 64 KiB) around random bytes (stored chunks).
/// </summary>
public sealed class XzRecordSizeTests : IDisposable
{
    private const long MaxBytes = 64 * 1024 * 1024;
    private const int FooterBytes = 12;
    private const string Corrupt = "the xz stream is corrupt or cut short";
    private const string Blocks = "--block-size=200000";
    private readonly TarWorkbench _bench = new();

    [Theory]
    [InlineData("xz")]
    [InlineData("xz " + Blocks)]
    [InlineData("xz -T2")]
    [InlineData("xz -T2 " + Blocks)]
    [InlineData("xz --check=sha256 " + Blocks)]
    public async Task Blocks_of_stored_and_compressed_chunks_are_extracted_whole(string compressor)
    {
        var (archive, contents) = await Archive(compressor);

        Assert.True(await GnuTarExtracts(archive), "GNU tar refused it");
        Assert.Equal(0, await XzTest(archive));
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, null);
    }

    [Theory]
    [InlineData("xz " + Blocks, 0)]
    [InlineData("xz " + Blocks, 1)]
    [InlineData("xz " + Blocks, 3)]
    [InlineData("xz", 0)]
    [InlineData("xz -T2 " + Blocks, 1)]
    [InlineData("xz -T2 " + Blocks, 3)]
    public async Task A_record_off_by_one_within_its_multiple_of_four_is_refused_as_xz_refuses_it(string compressor, int record)
    {
        // One byte more or less, whichever keeps the record's padded size (so the blocks still walk to the index), the index's
        // CRC32 made to match; under -T2 the block header's declared compressed size changed with it, its CRC32 made to match.
        var (archive, contents) = await Archive(compressor);
        var unpadded = Records(archive)[record].Unpadded;
        var change = unpadded % 4 == 0 ? -1 : 1;
        Assert.Equal((unpadded + 3) / 4, (unpadded + change + 3) / 4);
        ChangeRecord(archive, record, unpadded: change, uncompressed: 0);

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        Assert.NotEqual(0, await XzTest(archive));
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, Corrupt);
    }

    [Theory]
    [InlineData("xz " + Blocks)]
    [InlineData("xz -T2 " + Blocks)]
    public async Task Two_records_trading_a_byte_of_their_uncompressed_sizes_are_refused_as_xz_refuses_them(string compressor)
    {
        // Their sum still the bytes decoded; under -T2 both block headers declare the traded sizes too.
        var (archive, contents) = await Archive(compressor);
        ChangeRecord(archive, 0, unpadded: 0, uncompressed: 1);
        ChangeRecord(archive, 1, unpadded: 0, uncompressed: -1);

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        Assert.NotEqual(0, await XzTest(archive));
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, Corrupt);
    }

    public void Dispose() => _bench.Dispose();

    /// <summary>
    /// Changes record <paramref name="record"/>'s sizes by the amounts given (each number keeping its length), and the same sizes
    /// in its block's header where it declares them; both CRC32s made to match.
    /// </summary>
    private static void ChangeRecord(byte[] archive, int record, int unpadded, int uncompressed)
    {
        var (index, indexBytes) = Index(archive);
        var found = Records(archive)[record];
        Change(archive, found.UnpaddedAt, unpadded);
        Change(archive, found.UncompressedAt, uncompressed);
        Xz.SetCrc32(archive.AsSpan(index, indexBytes));

        var headerBytes = (archive[found.Block] + 1) * 4;
        var flags = archive[found.Block + 1];
        Assert.True(flags is 0x00 or 0xC0, "a block header declaring both sizes or neither");
        if (flags == 0xC0)
        {
            var at = found.Block + 2;
            Change(archive, at, unpadded); // its compressed size: the unpadded size less the header's and the check's
            Xz.ReadNumber(archive, ref at);
            Change(archive, at, uncompressed);
            Xz.SetCrc32(archive.AsSpan(found.Block, headerBytes));
        }
    }

    /// <summary>Adds <paramref name="change"/> to the number at <paramref name="at"/>, which must keep its length.</summary>
    private static void Change(byte[] archive, int at, int change)
    {
        var end = at;
        var value = Xz.ReadNumber(archive, ref end);
        Assert.Equal(end - at, Xz.WriteNumber(archive, at, (ulong)((long)value + change)));
    }

    /// <summary>Where the index begins and its size, from the footer's backward size.</summary>
    private static (int Start, int Bytes) Index(byte[] archive)
    {
        var indexBytes = (int)((BitConverter.ToUInt32(archive, archive.Length - 8) + 1) * 4);
        return (archive.Length - FooterBytes - indexBytes, indexBytes);
    }

    /// <summary>Each record's block, where its two numbers are, and its unpadded size.</summary>
    private static List<(int Block, int UnpaddedAt, int UncompressedAt, long Unpadded)> Records(byte[] archive)
    {
        var at = Index(archive).Start + 1; // after the indicator
        var count = (int)Xz.ReadNumber(archive, ref at);
        var records = new List<(int, int, int, long)>();
        var block = 12; // after the stream header
        for (var i = 0; i < count; i++)
        {
            var unpaddedAt = at;
            var unpadded = (long)Xz.ReadNumber(archive, ref at);
            var uncompressedAt = at;
            Xz.ReadNumber(archive, ref at);
            records.Add((block, unpaddedAt, uncompressedAt, unpadded));
            block += (int)((unpadded + 3) / 4 * 4);
        }

        return records;
    }

    /// <summary>
    /// A tar of 600,000 bytes, compressed by <c>tar --use-compress-program=<paramref name="compressor"/></c>: text (LZMA chunks)
    /// around 200,000 random bytes (stored chunks); one block, or four of 200,000 bytes.
    /// </summary>
    private async Task<(byte[] Archive, byte[] Contents)> Archive(string compressor)
    {
        var contents = Xz.MixedContents();
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        return (await _bench.Tar($"--use-compress-program={compressor}", "guest-agent"), contents);
    }

    /// <summary>The exit status of <c>xz -t</c> on <paramref name="archive"/>: 0 when it finds the file whole.</summary>
    private Task<int> XzTest(byte[] archive) => _bench.XzTest(archive);

    private Task<bool> GnuTarExtracts(byte[] archive) => _bench.GnuTarExtracts(archive, "-xJf", "xz", "xz-utils");
}
