using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// What is at a write's target is looked at (<c>O_PATH|O_NOFOLLOW</c>), never opened by name: a
/// device node's driver never runs its <c>open</c> (a watchdog arms on one) and a FIFO is never
/// opened, as strace shows every <c>openat</c> naming the target; the main writer refuses both as
/// before, the response journal replaces them; a regular file is read through the inode looked at.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileInPlaceLookTests
{
    [Theory]
    [InlineData("fifo")]
    [InlineData("device")]
    public async Task The_writer_refuses_a_FIFO_or_device_at_its_target_without_opening_it(string kind)
    {
        using var root = new TemporaryDirectory();
        var target = root.Combine("config");
        await MakeAsync(kind, target);
        Exception? failure = null;

        var opens = SyscallTrace.Calls(() => failure = Record.Exception(() => new AtomicFileWriter(new RootedFileSystem(root.Path)).Write("/config", "new"u8)), "openat");

        Assert.Equal(PathRefusal.TargetNotRegular, Assert.IsType<PathRefusedException>(failure).Reason);
        ReadInPlaceOpenTests.AssertOnlyLookedAt(opens, "\"config\", O_RDONLY");
        Assert.NotEqual(FileKind.File, new RootedFileSystem(root.Path).GetStatus("/config")!.Value.Kind);
    }

    [Fact]
    public async Task The_journal_replaces_a_FIFO_at_its_target_without_opening_it()
    {
        using var root = new TemporaryDirectory();
        var target = root.Combine("journal");
        await MakeAsync("fifo", target);

        var opens = SyscallTrace.Calls(() => AtomicFileWriter.ReplaceStreamed(target, (UnixFileMode)Convert.ToInt32("600", 8), stream => stream.Write("new"u8)), "openat");

        ReadInPlaceOpenTests.AssertOnlyLookedAt(opens, $"\"{target}\", O_RDONLY");
        Assert.Equal("new", File.ReadAllText(target));
    }

    [Fact]
    public void A_regular_file_is_read_through_the_inode_looked_at_never_its_name_again()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("config"), "old");

        var opens = SyscallTrace.Calls(() => Assert.False(new AtomicFileWriter(new RootedFileSystem(root.Path)).Write("/config", "old"u8, new AtomicWriteOptions { SkipIfUnchanged = true })), "openat");

        ReadInPlaceOpenTests.AssertOnlyLookedAt(opens, "\"config\", O_RDONLY");
        Assert.Contains(opens, line => line.Contains("\"/proc/self/fd/", StringComparison.Ordinal) && line.Contains("O_RDONLY|O_NONBLOCK|O_CLOEXEC)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_FIFO_swapped_in_before_the_commit_is_never_opened_and_the_backup_is_the_file_looked_at()
    {
        using var root = new TemporaryDirectory();
        var target = root.Combine("app");
        File.WriteAllText(target, "old");
        var writer = new AtomicFileWriter(new RootedFileSystem(root.Path), hardLinkBackups: false);
        using var staged = writer.Stage("/app", new MemoryStream("new"u8.ToArray()), new AtomicWriteOptions { KeepBackup = true })!;
        File.Delete(target);
        await MakeAsync("fifo", target);

        var opens = SyscallTrace.Calls(staged.Commit, "openat");

        Assert.DoesNotContain(opens, line => line.Contains("\"app\"", StringComparison.Ordinal));
        Assert.Equal("old", File.ReadAllText(root.Combine("app.bak")));
        Assert.Equal("new", File.ReadAllText(target));
    }

    internal static async Task MakeAsync(string kind, string path)
    {
        if (kind == "device")
        {
            Assert.SkipUnless(Owners.AsRoot, "mknod of a device node needs root (CAP_MKNOD)");
        }

        // The null device (1, 3): its open does nothing, so the old code's open is seen only by strace.
        var made = kind == "fifo"
            ? await ExternalTool.RunAsync(ExternalTool.Require("mkfifo", "coreutils"), ["-m", "0600", path])
            : await ExternalTool.RunAsync(ExternalTool.Require("mknod", "coreutils"), ["-m", "0600", path, "c", "1", "3"]);
        Assert.True(made.ExitCode == 0, made.StandardError);
    }
}
