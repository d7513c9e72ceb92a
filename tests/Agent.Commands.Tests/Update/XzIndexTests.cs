using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// What xz checks of a stream besides its data: the CRC32 of each block header and of the index, the index's records
/// against the blocks and the bytes decoded, and the sizes a block header declares. SharpCompress's decoder checks only the
/// headers' CRC32 (the flipped ones here pin that they stay refused), so before session 33 (the index) and 34 (the sizes)
/// the agent extracted what <c>xz -t</c> and GNU tar refuse. The archives are made by the real <c>tar</c> and <c>xz</c>
/// (several blocks), then one bit is flipped, or a size changed and its CRC32 made to match; GNU tar must refuse each too.
/// </summary>
public sealed class XzIndexTests : IDisposable
{
    private const long MaxBytes = 64 * 1024 * 1024;
    private const int StreamHeaderBytes = 12;
    private const int FooterBytes = 12;
    private const string Corrupt = "the xz stream is corrupt or cut short";
    private readonly TarWorkbench _bench = new();

    [Fact]
    public async Task A_stream_of_several_blocks_is_extracted_whole()
    {
        var (archive, contents) = await SeveralBlocks();

        Assert.True(await GnuTarExtracts(archive), "GNU tar refused it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, null);
    }

    [Theory]
    [InlineData("the first block header's CRC32")]
    [InlineData("the index's CRC32")]
    [InlineData("the second stream's first block header's CRC32")]
    public async Task A_flipped_bit_in_an_xz_stream_header_or_index_is_refused_as_gnu_tar_refuses_it(string where)
    {
        var second = where.StartsWith("the second", StringComparison.Ordinal);
        var (archive, contents) = await SeveralBlocks();
        if (second)
        {
            // The tar split across two streams, as `cat a.xz b.xz` makes them: each is checked from its own start.
            var tar = await _bench.Tar("guest-agent");
            archive = [.. await XzCompress(tar[..5000]), .. await XzCompress(tar[5000..])];
        }

        ReadOnlySpan<byte> magic = [0xfd, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0];
        var stream = second ? archive.AsSpan(1).IndexOf(magic) + 1 : 0;
        var at = where.Contains("index", StringComparison.Ordinal)
            ? archive.Length - FooterBytes - 1
            : stream + StreamHeaderBytes + ((archive[stream + StreamHeaderBytes] + 1) * 4) - 1;
        archive[at] ^= 0x80;

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, Corrupt);
    }

    [Theory]
    [InlineData(0, "nothing")]
    [InlineData(0, "compressed")]
    [InlineData(0, "uncompressed")]
    [InlineData(2, "compressed")]
    [InlineData(2, "uncompressed")]
    [InlineData(2, "CRC32")]
    public async Task A_block_header_declaring_sizes_its_block_does_not_have_is_refused_as_gnu_tar_refuses_it(int block, string field)
    {
        // `xz -T2` writes each block's sizes in its header; SharpCompress reads them and compares neither, so
        // before session 34 a header whose CRC32 was made to match a wrong size was extracted.
        var contents = Contents();
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var archive = await _bench.Tar("--use-compress-program=xz -T2 --block-size=65536", "guest-agent");
        var header = BlockHeader(archive, block);
        var headerBytes = (archive[header] + 1) * 4;
        Assert.Equal(0xC0, archive[header + 1]); // both sizes declared
        if (field == "CRC32")
        {
            archive[header + headerBytes - 1] ^= 0x80; // left for the decoder itself to refuse
        }
        else if (field != "nothing")
        {
            var at = header + 2;
            if (field == "uncompressed")
            {
                Xz.ReadNumber(archive, ref at);
            }

            archive[at] ^= 0x01; // its lowest bit: the number's length is unchanged
            Xz.SetCrc32(archive.AsSpan(header, headerBytes));
        }

        Assert.Equal(field == "nothing", await GnuTarExtracts(archive));
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, field == "nothing" ? null : Corrupt);
    }

    [Fact]
    public async Task Index_records_moving_a_blocks_start_are_refused_though_their_sum_and_crc32_match()
    {
        // Five blocks without declared sizes: the first record 4 bytes longer, the second 4 shorter. Only the second
        // block's header, looked for 4 bytes late (its CRC32 does not match there), tells; SharpCompress compares nothing.
        var (archive, contents) = await SeveralBlocks();
        var indexBytes = (int)((BitConverter.ToUInt32(archive, archive.Length - 8) + 1) * 4);
        var index = archive.Length - FooterBytes - indexBytes;
        Assert.Equal(5, archive[index + 1]);
        var at = index + 2;
        foreach (var change in new[] { 4, -4 })
        {
            var start = at;
            var value = Xz.ReadNumber(archive, ref at);
            Assert.Equal(at - start, Xz.WriteNumber(archive, start, (ulong)((long)value + change)));
            Xz.ReadNumber(archive, ref at); // its uncompressed size
        }

        Xz.SetCrc32(archive.AsSpan(index, indexBytes));

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, Corrupt);
    }

    [Theory]
    [InlineData("unpadded", -4)]
    [InlineData("unpadded", 4)]
    [InlineData("uncompressed", 1)]
    [InlineData("uncompressed", -1)]
    public async Task An_index_record_with_a_size_its_block_does_not_have_is_refused_though_its_crc32_matches(string field, int change)
    {
        // The index's CRC32 made to match: the records' sizes themselves must walk the blocks to the index
        // and add up to the bytes decoded, as xz checks them (SharpCompress compares neither).
        var contents = Contents();
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var archive = await _bench.Tar("--use-compress-program=xz", "guest-agent");
        var indexBytes = (int)((BitConverter.ToUInt32(archive, archive.Length - 8) + 1) * 4);
        var index = archive.Length - FooterBytes - indexBytes;
        var at = index + 2; // after the indicator and the count (one record: one byte)
        Assert.Equal(1, archive[index + 1]);
        if (field == "uncompressed")
        {
            Xz.ReadNumber(archive, ref at);
        }

        var start = at;
        var value = Xz.ReadNumber(archive, ref at);
        Assert.Equal(at - start, Xz.WriteNumber(archive, start, (ulong)((long)value + change))); // the same length: the index keeps its size

        Xz.SetCrc32(archive.AsSpan(index, indexBytes));

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, Corrupt);
    }

    [Fact]
    public async Task Index_records_whose_uncompressed_sizes_wrap_around_to_the_bytes_decoded_are_refused()
    {
        // Three records grown by 2^63 - 2^40, 2^63 - 2^40 and 2^41 (each still below xz's 2^63): their sum wraps around
        // to exactly the bytes decoded, so only the refusal of a record larger than what is left tells (update10's mutant 5).
        var (archive, contents) = await SeveralBlocks();
        ulong[] growth = [(1UL << 63) - (1UL << 40), (1UL << 63) - (1UL << 40), 1UL << 41, 0, 0];
        archive = WithIndex(archive, (record, unpadded, uncompressed) => [.. Number(unpadded), .. Number(uncompressed + growth[record])]);

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, Corrupt);
    }

    [Fact]
    public async Task An_index_number_spelt_with_a_needless_last_zero_byte_is_refused_as_xz_refuses_it()
    {
        // liblzma reads a number whose last byte is zero after others as corrupt (one spelling per number). SharpCompress's
        // own reading of the index refuses it first; the agent's check of the index, which took it before session 39, agrees now.
        var (archive, contents) = await SeveralBlocks();
        archive = WithIndex(archive, (record, unpadded, uncompressed) =>
            record == 1 ? [.. Number(unpadded)[..^1], (byte)(Number(unpadded)[^1] | 0x80), 0, .. Number(uncompressed)] : [.. Number(unpadded), .. Number(uncompressed)]);

        Assert.NotEqual(0, await _bench.XzTest(archive));
        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, Corrupt);
    }

    [Fact]
    public async Task An_index_rebuilt_as_xz_wrote_it_is_extracted_whole()
    {
        // The rebuilding itself changes nothing xz checks: what the tests above refuse is their one change.
        var (archive, contents) = await SeveralBlocks();
        archive = WithIndex(archive, (_, unpadded, uncompressed) => [.. Number(unpadded), .. Number(uncompressed)]);

        Assert.Equal(0, await _bench.XzTest(archive));
        Assert.True(await GnuTarExtracts(archive), "GNU tar refused it");
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, null);
    }

    public void Dispose() => _bench.Dispose();

    private static byte[] Contents()
    {
        var contents = new byte[300_000];
        new Random(34).NextBytes(contents);
        return contents;
    }

    /// <summary>
    /// <paramref name="archive"/> (one stream) with its index rebuilt: each record (its number from 0, unpadded and
    /// uncompressed sizes) written as <paramref name="write"/> spells it, then padding, the index's CRC32, and a footer whose
    /// backward size and CRC32 match.
    /// </summary>
    private static byte[] WithIndex(byte[] archive, Func<int, ulong, ulong, byte[]> write)
    {
        var indexBytes = (int)((BitConverter.ToUInt32(archive, archive.Length - 8) + 1) * 4);
        var index = archive.Length - FooterBytes - indexBytes;
        var at = index + 1;
        var count = (int)Xz.ReadNumber(archive, ref at);
        List<byte> rebuilt = [0, .. Number((ulong)count)];
        for (var record = 0; record < count; record++)
        {
            var unpadded = Xz.ReadNumber(archive, ref at);
            rebuilt.AddRange(write(record, unpadded, Xz.ReadNumber(archive, ref at)));
        }

        var length = ((rebuilt.Count + 3) / 4 * 4) + 4; // padding, then the CRC32
        var written = new byte[length];
        rebuilt.CopyTo(written);
        Xz.SetCrc32(written);
        byte[] footer = [0, 0, 0, 0, .. BitConverter.GetBytes((uint)((length / 4) - 1)), .. archive.AsSpan(archive.Length - 4, 4)];
        byte[] covered = [.. footer.AsSpan(4, 6), 0, 0, 0, 0]; // the footer's CRC32 covers its backward size and flags
        Xz.SetCrc32(covered);
        covered.AsSpan(6).CopyTo(footer);
        return [.. archive.AsSpan(0, index), .. written, .. footer];
    }

    /// <summary><paramref name="value"/> as xz spells it: the fewest bytes.</summary>
    private static byte[] Number(ulong value)
    {
        var bytes = new byte[10];
        return bytes[..Xz.WriteNumber(bytes, 0, value)];
    }

    /// <summary>Where block <paramref name="number"/> (from 0) of the first stream begins, found by walking the headers' declared compressed sizes.</summary>
    private static int BlockHeader(byte[] archive, int number)
    {
        const int Crc64Bytes = 8;
        var block = StreamHeaderBytes;
        for (var i = 0; i < number; i++)
        {
            var headerBytes = (archive[block] + 1) * 4;
            var at = block + 2;
            var compressed = (int)Xz.ReadNumber(archive, ref at);
            block += (headerBytes + compressed + 3) / 4 * 4 + Crc64Bytes;
        }

        return block;
    }

    /// <summary>A tar of one random 300,000-byte file, compressed by the real xz in blocks of 64 KiB: five blocks, five index records.</summary>
    private async Task<(byte[] Archive, byte[] Contents)> SeveralBlocks()
    {
        var contents = new byte[300_000];
        new Random(33).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        return (await _bench.Tar("--use-compress-program=xz --block-size=65536", "guest-agent"), contents);
    }

    /// <summary><paramref name="data"/> as one xz stream, made by the real <c>xz</c>.</summary>
    private Task<byte[]> XzCompress(byte[] data) => _bench.Compress(data, "xz", "xz-utils", ".xz");

    private Task<bool> GnuTarExtracts(byte[] archive) => _bench.GnuTarExtracts(archive, "-xJf", "xz", "xz-utils");
}
