using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>The streamed <see cref="AtomicFileWriter"/> overload: the same guarantees, contents copied piece by piece.</summary>
public sealed class AtomicFileWriterStreamTests
{
    private static readonly UnixFileMode Mode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    [Fact]
    public void A_stream_longer_than_the_buffer_is_written_from_its_position_keeping_owner_mode_and_backup()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("binary"), "old");
        fs.SetMode("/binary", Mode0640);
        var owner = fs.GetStatus("/binary")!.Value.Owner;
        // Several buffers and a ragged end; the first 7 bytes are before the stream's position.
        var data = new byte[(3 * 128 * 1024) + 12345];
        Random.Shared.NextBytes(data);
        using var source = new MemoryStream(data) { Position = 7 };

        Assert.True(new AtomicFileWriter(fs).Write("/binary", source, new AtomicWriteOptions { KeepBackup = true }));

        Assert.Equal(data[7..], File.ReadAllBytes(root.Combine("binary")));
        Assert.Equal(Mode0640, fs.GetStatus("/binary")!.Value.Mode);
        Assert.Equal(owner, fs.GetStatus("/binary")!.Value.Owner);
        Assert.Equal("old", File.ReadAllText(root.Combine("binary.bak")));
        Assert.Equal(["/binary", "/binary.bak"], fs.ListDirectory("/"));
    }

    [Fact]
    public void A_stream_that_fails_while_read_leaves_the_old_file_and_no_temp_file()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("binary"), "old");

        Assert.Throws<IOException>(() => new AtomicFileWriter(fs).Write("/binary", new FailingStream(), new AtomicWriteOptions { KeepBackup = true }));

        Assert.Equal("old", File.ReadAllText(root.Combine("binary")));
        Assert.Equal(["/binary"], fs.ListDirectory("/"));
    }

    [Fact]
    public void Skip_if_unchanged_is_refused_for_a_stream_that_cannot_seek()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("binary"), "old");

        Assert.Throws<ArgumentException>(() => new AtomicFileWriter(fs).Write("/binary", new FailingStream(), new AtomicWriteOptions { SkipIfUnchanged = true }));

        Assert.Equal("old", File.ReadAllText(root.Combine("binary")));
        Assert.Equal(["/binary"], fs.ListDirectory("/"));
    }

    [Fact]
    public async Task A_seekable_stream_with_the_files_own_bytes_writes_nothing_and_keeps_the_backup()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        // Longer than the compare buffer, so the comparison goes piece by piece.
        var data = new byte[(2 * 128 * 1024) + 99];
        Random.Shared.NextBytes(data);
        File.WriteAllBytes(root.Combine("binary"), data[5..]);
        File.WriteAllText(root.Combine("binary.bak"), "the one before");
        var inode = await InodeAsync(root.Combine("binary"));
        using var source = new MemoryStream(data) { Position = 5 };

        var written = new AtomicFileWriter(fs).Write("/binary", source, new AtomicWriteOptions { SkipIfUnchanged = true, KeepBackup = true });

        Assert.False(written);
        Assert.Equal(inode, await InodeAsync(root.Combine("binary")));
        Assert.Equal("the one before", File.ReadAllText(root.Combine("binary.bak")));
        Assert.Equal(5, source.Position);
        Assert.Equal(["/binary", "/binary.bak"], fs.ListDirectory("/"));
    }

    [Theory]
    [InlineData("same length, other bytes")]
    [InlineData("a longer stream than the file holds")]
    [InlineData("short")]
    public void A_seekable_stream_that_differs_from_the_file_is_written_from_its_position(string contents)
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("binary"), "same length, old bytes!!");
        using var source = new MemoryStream(System.Text.Encoding.ASCII.GetBytes("xx" + contents)) { Position = 2 };

        var written = new AtomicFileWriter(fs).Write("/binary", source, new AtomicWriteOptions { SkipIfUnchanged = true, KeepBackup = true });

        Assert.True(written);
        Assert.Equal(contents, File.ReadAllText(root.Combine("binary")));
        Assert.Equal("same length, old bytes!!", File.ReadAllText(root.Combine("binary.bak")));
    }

    private static async Task<string> InodeAsync(string path) =>
        (await ExternalTool.RunAsync(ExternalTool.Require("stat", "coreutils"), ["-c", "%i", path])).StandardOutput.Trim();

    /// <summary>Gives one buffer of data, then fails as a disk read error would.</summary>
    private sealed class FailingStream : Stream
    {
        private bool _gaveData;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_gaveData)
            {
                throw new IOException("Input/output error");
            }

            _gaveData = true;
            buffer.AsSpan(offset, count).Fill((byte)'x');
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
