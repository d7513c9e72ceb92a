using GuestAgent.Exchanges;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// No descriptor the writer, <see cref="IFileSystem.ReadEntry"/> or the journal's load opens on a file
/// (the <c>O_PATH</c> look a staged file keeps until its commit, the backup's look, a link's look whose
/// target is read) outlives the call: the daemon writes and reads for as long as it runs. Counted as
/// the process's descriptors whose path lies in this test's own directory, so other tests running at
/// the same time do not change the count.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DescriptorLifetimeTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Writes_with_backups_close_every_descriptor_they_open_whatever_their_end(bool hardLinkBackups)
    {
        using var root = new TemporaryDirectory("gafds-");
        var writer = new AtomicFileWriter(new RootedFileSystem(root.Path), hardLinkBackups: hardLinkBackups);
        var withBackup = new AtomicWriteOptions { KeepBackup = true };
        File.WriteAllText(root.Combine("app"), "0");
        Assert.True(writer.Write("/app", "1"u8, withBackup));
        Assert.True(writer.Write("/app", "2"u8, withBackup));
        Assert.False(writer.Write("/app", "2"u8, withBackup with { SkipIfUnchanged = true }));
        writer.Stage("/app", new MemoryStream("discarded"u8.ToArray()), withBackup)!.Dispose();
        using (var staged = writer.Stage("/app", new MemoryStream("refused"u8.ToArray()), withBackup)!)
        {
            // The commit's rename over a directory fails: the commit throws, the backup is put back.
            File.Move(root.Combine("app"), root.Combine("moved"));
            Directory.CreateDirectory(root.Combine("app", "in-the-way"));
            Assert.ThrowsAny<IOException>(staged.Commit);
        }

        await MakeFifoAsync(root.Combine("fifo"));
        Assert.Throws<PathRefusedException>(() => writer.Write("/fifo", "x"u8, withBackup));

        Assert.Equal("2", File.ReadAllText(root.Combine("moved")));
        Assert.Empty(DescriptorsUnder(root.Path));
    }

    [Fact]
    public async Task Reading_entries_and_loading_the_journal_close_every_descriptor_they_open()
    {
        using var root = new TemporaryDirectory("gafds-");
        var fileSystem = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("file"), "contents");
        File.CreateSymbolicLink(root.Combine("link"), "file");
        File.CreateSymbolicLink(root.Combine("loop"), "loop");
        Directory.CreateDirectory(root.Combine("directory"));
        await MakeFifoAsync(root.Combine("fifo"));
        File.WriteAllText(root.Combine("xenstore-journal"), "boot\tboot-a\n");
        File.SetUnixFileMode(root.Combine("xenstore-journal"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.Equal(
            [FileKind.File, FileKind.SymbolicLink, FileKind.Directory, FileKind.Other],
            new[] { "/file", "/link", "/directory", "/fifo" }.Select(path => fileSystem.ReadEntry(path)!.Kind));
        Assert.Null(fileSystem.ReadEntry("/missing"));
        Assert.Throws<IOException>(() => fileSystem.ReadEntry("/loop/x"));
        Assert.Null(new ResponseJournal(root.Path, capacity: 4, bootId: "boot-a").Load().Failure);

        Assert.Empty(DescriptorsUnder(root.Path));
    }

    /// <summary>The targets of this process's descriptors (<c>/proc/self/fd</c>) that lie under <paramref name="directory"/>.</summary>
    private static List<string> DescriptorsUnder(string directory)
    {
        var found = new List<string>();
        foreach (var descriptor in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith(directory + "/", StringComparison.Ordinal))
                {
                    found.Add(target);
                }
            }
            catch (IOException)
            {
                // Closed by another thread while listed: not this test's.
            }
        }

        return found;
    }

    private static async Task MakeFifoAsync(string path)
    {
        var mkfifo = await ExternalTool.RunAsync(ExternalTool.Require("mkfifo", "coreutils"), ["-m", "0600", path]);
        Assert.True(mkfifo.ExitCode == 0, mkfifo.StandardError);
    }
}
