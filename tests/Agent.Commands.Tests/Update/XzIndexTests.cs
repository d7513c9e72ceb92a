using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// What xz checks of a stream besides its data: the CRC32 of each block header and of the index. SharpCompress's
/// decoder does not check the index, so before session 33 the agent extracted what <c>xz -t</c> and GNU tar refuse
/// (the flipped block headers here it refuses itself; they pin that they stay refused). The
/// archives are made by the real <c>tar</c> and <c>xz</c> (several blocks), then one bit is flipped; GNU tar must
/// refuse each too.
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

    public void Dispose() => _bench.Dispose();

    /// <summary>A tar of one random 300,000-byte file, compressed by the real xz in blocks of 64 KiB: five blocks, five index records.</summary>
    private async Task<(byte[] Archive, byte[] Contents)> SeveralBlocks()
    {
        var contents = new byte[300_000];
        new Random(33).NextBytes(contents);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        return (await _bench.Tar("--use-compress-program=xz --block-size=65536", "guest-agent"), contents);
    }

    /// <summary><paramref name="data"/> as one xz stream, made by the real <c>xz</c>.</summary>
    private async Task<byte[]> XzCompress(byte[] data)
    {
        var xz = ExternalTool.Require("xz", "xz-utils");
        var file = _bench.Source.Combine("part-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(file, data, TestContext.Current.CancellationToken);
        var made = await ExternalTool.RunAsync(xz, ["-z", file]);
        Assert.Equal(0, made.ExitCode);
        return File.ReadAllBytes(file + ".xz");
    }

    private Task<bool> GnuTarExtracts(byte[] archive) => _bench.GnuTarExtracts(archive, "-xJf", "xz", "xz-utils");
}
