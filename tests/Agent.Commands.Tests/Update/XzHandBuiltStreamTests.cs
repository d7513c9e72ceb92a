using System.Text;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// xz files built by hand (<see cref="XzContainer"/>) with what the real <c>xz</c> never writes: empty blocks, stored chunks of
/// exactly 64 KiB, LZMA2's reset rules broken, a dictionary larger than the decoder allows (in any block), block headers and footers with other fields. Each
/// is given to GNU tar (through <c>xz -d</c>) too, and the agent must agree: extract what xz reads, refuse as corrupt what xz
/// calls corrupt or unsupported, and refuse with its reason what xz reads but this agent cannot.
/// </summary>
public sealed class XzHandBuiltStreamTests : IDisposable
{
    private const long MaxBytes = 64 * 1024 * 1024;
    private const string Corrupt = "the xz stream is corrupt or cut short";
    private const string TooLarge40 = "its xz stream needs a dictionary of 4294967295 bytes (LZMA2 property 40), more than this agent's decoder allows (64 MiB)";
    private const int MaxStored = 64 * 1024;
    private static readonly byte[] EmptyBlock = [0x00];
    private readonly TarWorkbench _bench = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_empty_block_before_or_after_the_data_is_read_through(bool first)
    {
        var (contents, tar) = await RandomTar(20_000);
        (byte[], byte[], byte[]?) empty = (EmptyBlock, [], null);
        (byte[], byte[], byte[]?) data = (StoredChunks(tar, MaxStored), tar, null);
        var archive = first ? XzContainer.Stream(empty, data) : XzContainer.Stream(data, empty);

        await AssertAgreesWithXz(archive, contents, null);
    }

    [Fact]
    public async Task Stored_chunks_of_exactly_64_KiB_are_read()
    {
        // 150,000 bytes make a tar of 153,600 (GNU tar's 10 KiB records): two stored chunks of the largest size, 65,536 bytes
        // (a size field of 0xFFFF), and one of 22,528.
        var (contents, tar) = await RandomTar(150_000);
        Assert.Equal(153_600, tar.Length);
        var chunks = StoredChunks(tar, MaxStored);
        Assert.Equal([0x01, 0xFF, 0xFF], chunks[..3]);
        Assert.Equal([0x02, 0xFF, 0xFF], chunks[(3 + MaxStored)..(6 + MaxStored)]);

        await AssertAgreesWithXz(XzContainer.Stream((chunks, tar, null)), contents, null);
    }

    [Theory]
    [InlineData("stored 0x01, then LZMA 0xC0 with properties", null)]
    [InlineData("stored 0x02 first", Corrupt)]
    [InlineData("LZMA 0xC0 first", Corrupt)]
    [InlineData("stored 0x01, then LZMA 0xA0 without properties", Corrupt)]
    [InlineData("stored 0x01, then LZMA 0x80 without properties", Corrupt)]
    public async Task LZMA2s_reset_rules_are_kept_as_xz_keeps_them(string chunks, string? refusal)
    {
        // The first chunk must reset the dictionary (0x01, or an LZMA chunk from 0xE0); the first LZMA chunk after a reset must
        // set its properties (0xC0 and up). The LZMA chunk is the real xz's (raw LZMA2 of the tar after its header), its control
        // byte rewritten: it refers to nothing before it, and the stored header ends in a zero byte at a multiple of four, so it
        // decodes the same after the header as from a reset.
        var (contents, tar) = await TextTar();
        Assert.Equal(0, tar[511]);
        var raw = await RawLzma2(tar[512..]);
        byte[] Lzma(byte control, bool properties) =>
            [(byte)(control | (raw[0] & 0x1F)), .. raw[1..5], .. properties ? raw[5..6] : [], .. raw[6..^1]];
        byte[] data = chunks switch
        {
            "stored 0x01, then LZMA 0xC0 with properties" => [.. XzContainer.Stored(0x01, tar[..512]), .. Lzma(0xC0, true), 0x00],
            "stored 0x02 first" => [.. XzContainer.Stored(0x02, tar[..512]), .. Lzma(0xC0, true), 0x00],
            "LZMA 0xC0 first" => [.. Lzma(0xC0, true), 0x00],
            "stored 0x01, then LZMA 0xA0 without properties" => [.. XzContainer.Stored(0x01, tar[..512]), .. Lzma(0xA0, false), 0x00],
            _ => [.. XzContainer.Stored(0x01, tar[..512]), .. Lzma(0x80, false), 0x00],
        };
        var decoded = chunks == "LZMA 0xC0 first" ? tar[512..] : tar;

        await AssertAgreesWithXz(XzContainer.Stream((data, decoded, null)), contents, refusal);
    }

    [Theory]
    [InlineData(0x00, 28, null)]
    [InlineData(0x00, 29, "its xz stream needs a dictionary of 96 MiB (LZMA2 property 29), more than this agent's decoder allows (64 MiB)")]
    [InlineData(0x00, 37, "its xz stream needs a dictionary of 1536 MiB (LZMA2 property 37), more than this agent's decoder allows (64 MiB)")]
    [InlineData(0x00, 38, "its xz stream needs a dictionary of 2048 MiB (LZMA2 property 38), more than this agent's decoder allows (64 MiB)")]
    [InlineData(0x00, 39, "its xz stream needs a dictionary of 3072 MiB (LZMA2 property 39), more than this agent's decoder allows (64 MiB)")]
    [InlineData(0x00, 40, TooLarge40)]
    [InlineData(0x40, 40, TooLarge40)]
    [InlineData(0x80, 40, TooLarge40)]
    [InlineData(0xC0, 40, TooLarge40)]
    [InlineData(0xC0, XzContainer.Dictionary8MiB, null)]
    [InlineData(0x00, 41, Corrupt)]
    public async Task A_dictionary_larger_than_the_decoder_allows_which_xz_reads_is_refused_as_too_large(int flags, int dictionary, string? refusal)
    {
        // Property 28 is 64 MiB, the largest xz's presets use (-9); 29 is 96 MiB, 37 is 1.5 GiB, the largest xz writes, and
        // 38 to 40 are 2 GiB, 3 GiB and 4 GiB − 1. xz reads them all (it allocates as it decodes); SharpCompress 0.50.9 refuses
        // a dictionary over its limit (DictionarySizeLimits.Lzma2, 64 MiB) as an invalid format, which the agent called corrupt.
        // The header may declare the block's sizes (flags 0x40, 0x80) before its filter: here numbers of three bytes,
        // the first 0x80. 41 is no dictionary: xz says "Unsupported options".
        var (contents, tar) = await RandomTar(150_000);
        var chunks = StoredChunks(tar, MaxStored);
        byte[] fields =
        [
            (byte)flags,
            .. (flags & 0x40) != 0 ? XzContainer.Number((ulong)chunks.Length) : [],
            .. (flags & 0x80) != 0 ? XzContainer.Number((ulong)tar.Length) : [],
            .. XzContainer.OneFilter((byte)dictionary)[1..],
        ];
        Assert.Equal([0x80, 0xB0, 0x09], XzContainer.Number((ulong)tar.Length));

        await AssertAgreesWithXz(XzContainer.Stream((chunks, tar, fields)), contents, refusal);
    }

    [Theory]
    [InlineData("property 38", "its xz stream needs a dictionary of 2048 MiB (LZMA2 property 38), more than this agent's decoder allows (64 MiB)")]
    [InlineData("property 40", TooLarge40)]
    [InlineData("property 40 after declared sizes", TooLarge40)]
    [InlineData("property 40, a reserved flag", Corrupt)]
    [InlineData("property 40, padding not zero", Corrupt)]
    [InlineData("property 40, a compressed size of zero", Corrupt)]
    [InlineData("property 41", Corrupt)]
    public async Task A_later_blocks_header_is_checked_as_the_decoder_reaches_it(string header, string? refusal)
    {
        // Session 36 read only the first block's header before decoding: a later block's dictionary too large was left to
        // the decoder, which called it corrupt. Every header is checked as the decoder reaches it, found by following the blocks
        // before it (here two stored chunks, padding and a check), and only a valid one is given the reason.
        var (contents, tar) = await RandomTar(150_000);
        var second = StoredChunks(tar[65_536..], MaxStored);
        byte[] lzma2 = XzContainer.OneFilter(40)[1..];
        byte[] fields = header switch
        {
            "property 38" => XzContainer.OneFilter(38),
            "property 40" => XzContainer.OneFilter(40),
            "property 40 after declared sizes" =>
                [0xC0, .. XzContainer.Number((ulong)second.Length), .. XzContainer.Number((ulong)(tar.Length - 65_536)), .. lzma2],
            "property 40, a reserved flag" => [0x04, .. lzma2],
            "property 40, padding not zero" => [0x00, .. lzma2, 0x00, 0x00, 0x01],
            "property 40, a compressed size of zero" => [0x40, 0x00, .. lzma2],
            _ => XzContainer.OneFilter(41),
        };
        var archive = XzContainer.Stream(
            (StoredChunks(tar[..65_536], 40_000), tar[..65_536], null),
            (second, tar[65_536..], fields));

        await AssertAgreesWithXz(archive, contents, refusal);
    }

    [Theory]
    [InlineData(XzContainer.Dictionary8MiB, null)]
    [InlineData(40, TooLarge40)]
    public async Task A_later_streams_first_block_is_read_after_stream_padding_and_an_empty_stream(int dictionary, string? refusal)
    {
        // `cat a.xz b.xz` with stream padding and an empty stream (no block: its index right after its header) between: each
        // stream's block headers are followed from its own start, and an empty stream has none to read.
        var (contents, tar) = await RandomTar(150_000);
        byte[] archive =
        [
            .. XzContainer.Stream((StoredChunks(tar[..65_536], MaxStored), tar[..65_536], null)),
            .. new byte[4],
            .. XzContainer.Stream(),
            .. XzContainer.Stream((StoredChunks(tar[65_536..], MaxStored), tar[65_536..], XzContainer.OneFilter((byte)dictionary))),
        ];

        await AssertAgreesWithXz(archive, contents, refusal);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x21, 0x01, 0x16, 0x00, 0x00, 0x01 })] // header padding not zero
    [InlineData(new byte[] { 0x04, 0x21, 0x01, 0x16 })] // a reserved flag
    [InlineData(new byte[] { 0x20, 0x21, 0x01, 0x16 })] // another
    [InlineData(new byte[] { 0x00, 0x04, 0x00 })] // x86 alone: a filter that cannot be last
    [InlineData(new byte[] { 0x00, 0x21, 0x02, 0x16, 0x00 })] // two bytes of LZMA2 properties
    [InlineData(new byte[] { 0x00, 0x21, 0x01, 0x96 })] // reserved bits of LZMA2's property
    [InlineData(new byte[] { 0x00, 0xA1, 0x00, 0x01, 0x16 })] // LZMA2's id in two bytes
    [InlineData(new byte[] { 0xC0, 0x01, 0x00, 0x21, 0x01, 0x16 })] // declared sizes that are not the block's
    [InlineData(new byte[] { 0xC0, 0x80, 0x80 })] // declared sizes running into the CRC32, no filter
    [InlineData(new byte[] { 0x00, 0x21, 0x01, 0x28, 0x00, 0x00, 0x01 })] // a 4 GiB dictionary, header padding not zero
    [InlineData(new byte[] { 0x04, 0x21, 0x01, 0x28 })] // a 4 GiB dictionary, a reserved flag
    [InlineData(new byte[] { 0x20, 0x21, 0x01, 0x28 })] // another
    [InlineData(new byte[] { 0x40, 0x81, 0x00, 0x21, 0x01, 0x28 })] // a 4 GiB dictionary, a compressed size whose last byte is zero
    [InlineData(new byte[] { 0x40, 0x00, 0x21, 0x01, 0x28 })] // a 4 GiB dictionary, a compressed size of zero
    [InlineData(new byte[] { 0x40, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x21, 0x01, 0x28 })] // 4 GiB, a compressed size past xz's bound
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x21, 0x01, 0x28 })] // 4 GiB, a size of 10 bytes
    [InlineData(new byte[] { 0x01, 0x04, 0x00, 0x21, 0x01, 0x16, 0x00, 0x01 })] // a filter chain, header padding not zero
    [InlineData(new byte[] { 0x05, 0x04, 0x00, 0x21, 0x01, 0x16 })] // a filter chain, a reserved flag
    [InlineData(new byte[] { 0x00, 0x22, 0x00, 0x00, 0x01 })] // a filter no one knows, header padding not zero
    [InlineData(new byte[] { 0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x00 })] // a reserved filter id, 2^62
    public async Task A_block_header_xz_refuses_is_refused_as_corrupt(byte[] fields)
    {
        // xz says "Unsupported options" (or "Compressed data is corrupt"); its CRC32 matches, so only its fields are wrong.
        // Nothing such a header names is taken for what the file needs: before session 37 the dictionary's reason was given
        // past reserved flags, padding and invalid sizes, the filter chain's past padding and reserved flags, and an unknown
        // filter's (SharpCompress's, which reads the filters before the padding) past padding, or to a reserved id.
        var (contents, tar) = await RandomTar(20_000);

        await AssertAgreesWithXz(XzContainer.Stream((StoredChunks(tar, MaxStored), tar, fields)), contents, Corrupt);
    }

    [Fact]
    public async Task A_lone_unknown_filter_whose_property_is_40_is_not_taken_for_a_dictionary()
    {
        // Only LZMA2's property is a dictionary's: a filter id no one knows (0x22), alone, with one property byte of 40, is one
        // this agent cannot decode (SharpCompress's NotImplementedException), as with any other property; xz says "Unsupported
        // options".
        var (contents, tar) = await RandomTar(20_000);
        var archive = XzContainer.Stream((StoredChunks(tar, MaxStored), tar, [0x00, 0x22, 0x01, 0x28]));

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, "it is compressed with a filter this agent cannot decode");
    }

    [Theory]
    [InlineData(0x00, 0x04)]
    [InlineData(0x00, 0x00)]
    [InlineData(0x01, 0x01)]
    public async Task A_footer_whose_flags_are_not_the_headers_is_refused_as_corrupt(int first, int second)
    {
        // The footer's CRC32 made to match: SharpCompress checks it but never compares the flags with the header's (CRC32, type
        // 1); xz does ("Compressed data is corrupt", "Unsupported options"). Before session 36 the agent extracted these.
        var (contents, tar) = await RandomTar(20_000);
        var archive = XzContainer.Stream((StoredChunks(tar, MaxStored), tar, null));
        SetFooterFlags(archive, first, second);

        await AssertAgreesWithXz(archive, contents, Corrupt);
    }

    [Theory]
    [InlineData(0x01, 0x01)]
    [InlineData(0x00, 0x11)]
    [InlineData(0x00, 0x12)]
    [InlineData(0x01, 0x02)]
    public async Task A_stream_whose_flags_xz_does_not_know_is_refused_as_corrupt(int first, int second)
    {
        // Reserved bits of the stream flags, set in the header and the footer alike, CRC32s made to match: xz says "Unsupported
        // options". Type 2 is reserved too, but with a reserved bit above it, or in the first byte, the flags are not a check type
        // this agent lacks.
        var (contents, tar) = await RandomTar(20_000);
        var archive = XzContainer.Stream((StoredChunks(tar, MaxStored), tar, null));
        archive[6] = (byte)first;
        archive[7] = (byte)second;
        Xz.SetCrc32(archive.AsSpan(6, 6));
        SetFooterFlags(archive, first, second);

        await AssertAgreesWithXz(archive, contents, Corrupt);
    }

    public void Dispose() => _bench.Dispose();

    /// <summary>Sets the stream footer's flags, its CRC32 (which comes first and covers its backward size and flags) made to match.</summary>
    private static void SetFooterFlags(byte[] archive, int first, int second)
    {
        var footer = archive.AsSpan(archive.Length - 12);
        footer[8] = (byte)first;
        footer[9] = (byte)second;
        byte[] covered = [.. footer[4..10], 0, 0, 0, 0];
        Xz.SetCrc32(covered);
        covered.AsSpan(6).CopyTo(footer);
    }

    /// <summary><paramref name="data"/> in stored chunks of <paramref name="size"/> bytes, the first resetting the dictionary, and the end marker.</summary>
    private static byte[] StoredChunks(byte[] data, int size) =>
        [.. data.Chunk(size).SelectMany((chunk, i) => XzContainer.Stored(i == 0 ? (byte)0x01 : (byte)0x02, chunk)), 0x00];

    private async Task<(byte[] Contents, byte[] Tar)> RandomTar(int bytes)
    {
        var contents = new byte[bytes];
        new Random(bytes).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        return (contents, await _bench.Tar("guest-agent"));
    }

    private async Task<(byte[] Contents, byte[] Tar)> TextTar()
    {
        var text = new StringBuilder();
        for (var line = 0; text.Length < 20_000; line++)
        {
            text.Append("guest agent update, line ").Append(line).Append('\n');
        }

        var contents = Encoding.ASCII.GetBytes(text.ToString());
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        return (contents, await _bench.Tar("guest-agent"));
    }

    /// <summary>The real xz's raw LZMA2 of <paramref name="data"/>: one LZMA chunk resetting everything (0xE0), asserted, and the end marker.</summary>
    private async Task<byte[]> RawLzma2(byte[] data)
    {
        var xz = ExternalTool.Require("xz", "xz-utils");
        var file = _bench.Source.Combine("raw");
        File.WriteAllBytes(file, data);
        Assert.Equal(0, (await ExternalTool.RunAsync(xz, ["--format=raw", "--suffix=.lzma2", "-z", file])).ExitCode);
        var raw = File.ReadAllBytes(file + ".lzma2");
        Assert.Equal(0xE0, raw[0] & 0xE0);
        Assert.Equal(raw.Length - 7, (raw[3] << 8) + raw[4] + 1); // one chunk: its 6-byte header, its packed bytes, the end marker
        Assert.Equal(data.Length, ((raw[0] & 0x1F) << 16) + (raw[1] << 8) + raw[2] + 1);
        return raw;
    }

    private async Task AssertAgreesWithXz(byte[] archive, byte[] contents, string? refusal)
    {
        Assert.Equal(refusal is null || !refusal.Equals(Corrupt, StringComparison.Ordinal), await GnuTarExtracts(archive));
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, refusal);
    }

    private Task<bool> GnuTarExtracts(byte[] archive) => _bench.GnuTarExtracts(archive, "-xJf", "xz", "xz-utils");
}
