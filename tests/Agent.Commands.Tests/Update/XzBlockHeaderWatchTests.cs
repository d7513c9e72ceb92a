using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// A later block's header in a file the real <c>xz</c> writes (four blocks of LZMA chunks, some resetting their properties,
/// and stored chunks), rewritten in place, its CRC32 made to match or not: the agent finds it by following the blocks before it,
/// as its decoder reaches it, and judges it as xz does (<c>XzBlockHeaderWatch</c>, session 37).
/// </summary>
public sealed class XzBlockHeaderWatchTests : IDisposable
{
    private const long MaxBytes = 64 * 1024 * 1024;
    private const int StreamHeaderBytes = 12;
    private const int FooterBytes = 12;
    private const string Corrupt = "the xz stream is corrupt or cut short";
    private const string TooLarge = "its xz stream needs a dictionary of 4294967295 bytes (LZMA2 property 40), more than this agent's decoder allows (64 MiB)";
    private readonly TarWorkbench _bench = new();

    [Theory]
    [InlineData("nothing", null)]
    [InlineData("property 40", TooLarge)]
    [InlineData("property 40, a reserved flag", Corrupt)]
    [InlineData("property 40, header padding not zero", Corrupt)]
    [InlineData("property 40, its CRC32 not made to match", Corrupt)]
    public async Task The_third_blocks_header_is_judged_as_the_decoder_reaches_it(string change, string? refusal)
    {
        // Session 36 looked at the first block's header only: a later block's 4 GiB dictionary, which xz reads, was called corrupt.
        var contents = Xz.MixedContents();
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        var archive = await _bench.Tar("--use-compress-program=xz -T1 --block-size=200000", "guest-agent");
        var header = archive.AsSpan(BlockStart(archive, 2), 12);
        Assert.Equal([0x02, 0x00, 0x21, 0x01, 0x16, 0x00, 0x00, 0x00], header[..8].ToArray()); // one filter, LZMA2, 8 MiB
        if (change != "nothing")
        {
            header[4] = 40;
            header[1] = change.Contains("reserved", StringComparison.Ordinal) ? (byte)0x08 : (byte)0x00;
            header[7] = change.Contains("padding", StringComparison.Ordinal) ? (byte)0x01 : (byte)0x00;
            if (!change.Contains("CRC32", StringComparison.Ordinal))
            {
                Xz.SetCrc32(header);
            }
        }

        Assert.Equal(refusal is null or TooLarge, await _bench.GnuTarExtracts(archive, "-xJf", "xz", "xz-utils"));
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, refusal);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Any_read_that_reaches_a_header_has_it_judged_first(bool byteByByte, bool property40)
    {
        // SharpCompress happens to reach each header with a read of one byte, or with one of many after some of either: each kind
        // alone still catches every header, one read late. The watch does not rest on how the decoder reads: a read of the
        // whole file, or of a byte at a time, reaches the third block's header too, and hands out the file's bytes unchanged.
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), Xz.MixedContents());
        var archive = await _bench.Tar("--use-compress-program=xz -T1 --block-size=200000", "guest-agent");
        if (property40)
        {
            var header = archive.AsSpan(BlockStart(archive, 2), 12);
            header[4] = 40;
            Xz.SetCrc32(header);
        }

        using var file = new MemoryStream(archive);
        using var watch = new XzBlockHeaderWatch(file, 0, checkBytes: 8); // xz's default check, CRC64
        var read = new byte[archive.Length];
        var readAll = () =>
        {
            var count = 0;
            for (int next; byteByByte && (next = watch.ReadByte()) >= 0;)
            {
                read[count++] = (byte)next;
            }

            return byteByByte ? count : watch.Read(read);
        };
        if (property40)
        {
            Assert.Equal(TooLarge, Assert.Throws<InvalidArchiveException>(() => { readAll(); }).Reason);
        }
        else
        {
            Assert.Equal(archive.Length, readAll());
            Assert.Equal(archive, read);
        }
    }

    public void Dispose() => _bench.Dispose();

    /// <summary>Where block <paramref name="number"/> (from 0) of the one stream begins: the index's unpadded sizes before it, each rounded up to four.</summary>
    private static int BlockStart(byte[] archive, int number)
    {
        var indexBytes = (int)((BitConverter.ToUInt32(archive, archive.Length - 8) + 1) * 4);
        var at = archive.Length - FooterBytes - indexBytes + 1; // past the index indicator
        Assert.True(Xz.ReadNumber(archive, ref at) > (ulong)number, "the stream has that block");
        var block = StreamHeaderBytes;
        for (var i = 0; i < number; i++)
        {
            block += (int)((Xz.ReadNumber(archive, ref at) + 3) / 4 * 4);
            Xz.ReadNumber(archive, ref at); // its uncompressed size
        }

        return block;
    }
}
