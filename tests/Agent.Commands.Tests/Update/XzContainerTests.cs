using System.Text;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// <see cref="XzContainer"/> against the real <c>xz</c>: the hand-built tests rest on it, and a wrong CRC32, index record,
/// padding or backward size of its own would have xz and the agent refuse a stream for another reason than the one a test gives.
/// </summary>
public sealed class XzContainerTests : IDisposable
{
    private const int BlockBytes = 40_000;
    private readonly TemporaryDirectory _directory = new("gaxz-");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task The_built_stream_is_the_one_xz_writes_byte_for_byte(int blocks)
    {
        // Each block carries the real xz's raw LZMA2 of its bytes (xz starts every block's LZMA2 afresh), so with CRC32 checks
        // and one thread the whole file must be xz's: stream header, block headers, padding, checks, index and footer.
        // No blocks is xz's empty stream (its index right after its header).
        var text = new StringBuilder();
        for (var line = 0; text.Length < (blocks - 1) * BlockBytes + 8_000; line++)
        {
            text.Append("guest agent update, line ").Append(line).Append('\n');
        }

        var data = Encoding.ASCII.GetBytes(text.ToString());
        var parts = data.Chunk(BlockBytes).ToArray();
        Assert.Equal(blocks, parts.Length);
        var built = new List<(byte[], byte[], byte[]?)>();
        foreach (var part in parts)
        {
            built.Add((await Xz(part, "--format=raw"), part, null));
        }

        Assert.Equal(await Xz(data, "--check=crc32", $"--block-size={BlockBytes}"), XzContainer.Stream([.. built]));
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>What the real xz writes of <paramref name="data"/> on one thread at preset 6, whose dictionary is <see cref="XzContainer.Dictionary8MiB"/>.</summary>
    private async Task<byte[]> Xz(byte[] data, params string[] options)
    {
        var xz = ExternalTool.Require("xz", "xz-utils");
        var file = _directory.Combine("data-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(file, data);
        Assert.Equal(0, (await ExternalTool.RunAsync(xz, ["-6", "-T1", "--suffix=.out", .. options, "-z", file])).ExitCode);
        return File.ReadAllBytes(file + ".out");
    }
}
