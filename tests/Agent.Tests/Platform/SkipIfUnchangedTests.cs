using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="AtomicWriteOptions.SkipIfUnchanged"/> compares the file with what would be written one
/// buffer at a time: contents longer than a buffer that equal the file are skipped, and a difference
/// at any byte, past the first buffer too, makes the write happen (a skipped write that was needed
/// would leave a stale configuration in place without a word).
/// </summary>
public sealed class SkipIfUnchangedTests
{
    private const int Length = (2 * BoundedFileCopy.BufferBytes) + 99;
    private static readonly AtomicWriteOptions Skip = new() { SkipIfUnchanged = true };

    public static TheoryData<int> DifferentBytes => [0, BoundedFileCopy.BufferBytes - 1, BoundedFileCopy.BufferBytes, (2 * BoundedFileCopy.BufferBytes) + 1, Length - 1];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Contents_longer_than_a_buffer_that_equal_the_file_are_skipped(bool streamed)
    {
        using var root = new TemporaryDirectory();
        var data = RandomBytes();
        File.WriteAllBytes(root.Combine("file"), data);

        Assert.False(Write(new RootedFileSystem(root.Path), data, streamed));
        Assert.Equal(data, File.ReadAllBytes(root.Combine("file")));
    }

    [Theory]
    [MemberData(nameof(DifferentBytes))]
    public void A_difference_at_any_byte_makes_the_write_happen(int at)
    {
        foreach (var streamed in new[] { false, true })
        {
            using var root = new TemporaryDirectory();
            var data = RandomBytes();
            File.WriteAllBytes(root.Combine("file"), data);
            var changed = (byte[])data.Clone();
            changed[at] ^= 0x01;

            Assert.True(Write(new RootedFileSystem(root.Path), changed, streamed), $"byte {at}, streamed: {streamed}");
            Assert.Equal(changed, File.ReadAllBytes(root.Combine("file")));
        }
    }

    private static bool Write(RootedFileSystem fs, byte[] contents, bool streamed)
    {
        var writer = new AtomicFileWriter(fs);
        if (!streamed)
        {
            return writer.Write("/file", contents, Skip);
        }

        using var stream = new MemoryStream(contents);
        return writer.Write("/file", stream, Skip);
    }

    private static byte[] RandomBytes()
    {
        var data = new byte[Length];
        Random.Shared.NextBytes(data);
        return data;
    }
}
