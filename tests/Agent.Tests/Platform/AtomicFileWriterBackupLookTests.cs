using GuestAgent.Platform;
using GuestAgent.Platform.Native;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// A commit's backup is the file its stage looked at (<c>O_PATH|O_NOFOLLOW</c>, then reopened through
/// <c>/proc/self/fd</c>), hard-linked through that descriptor (<c>linkat</c> of <c>/proc/self/fd/N</c>)
/// or copied from it, with the owner, mode and attributes read from it: never whatever the target's
/// name holds by the commit. Here another file is renamed over the target between the stage and the
/// commit; the old code linked or opened the name again, and so backed up the file renamed in: a
/// setuid program as a hard link, or another file's contents with the looked-at file's mode.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileWriterBackupLookTests
{
    private static readonly AtomicWriteOptions WithBackup = new() { KeepBackup = true };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_file_renamed_over_the_target_after_the_stage_is_not_the_backup(bool hardLinkBackups)
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("app"), "vetted");
        File.SetUnixFileMode(root.Combine("app"), Mode("0755"));
        File.WriteAllText(root.Combine("other"), "privileged program");
        File.SetUnixFileMode(root.Combine("other"), Mode("4755"));
        var writer = new AtomicFileWriter(new RootedFileSystem(root.Path), hardLinkBackups: hardLinkBackups);
        using var staged = writer.Stage("/app", new MemoryStream("new"u8.ToArray()), WithBackup)!;
        // A second name keeps the file looked at linkable once the rename takes its first.
        Assert.Equal(0, Link(root.Combine("app"), root.Combine("second-name")));
        File.Move(root.Combine("other"), root.Combine("app"), overwrite: true);

        staged.Commit();

        Assert.Equal("new", File.ReadAllText(root.Combine("app")));
        Assert.Equal("vetted", File.ReadAllText(root.Combine("app.bak")));
        Assert.Equal(Mode("0755"), File.GetUnixFileMode(root.Combine("app.bak")));
    }

    [Fact]
    public void A_target_removed_after_the_stage_is_still_backed_up_from_the_file_looked_at()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("app"), "vetted");
        var writer = new AtomicFileWriter(new RootedFileSystem(root.Path));
        using var staged = writer.Stage("/app", new MemoryStream("new"u8.ToArray()), WithBackup)!;
        File.Delete(root.Combine("app"));

        staged.Commit();

        Assert.Equal("new", File.ReadAllText(root.Combine("app")));
        Assert.Equal("vetted", File.ReadAllText(root.Combine("app.bak")));
    }

    private static int Link(string existing, string created) =>
        Syscalls.LinkAt(LibC.AtFdCwd, LibC.Utf8(existing), LibC.AtFdCwd, LibC.Utf8(created), 0);

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
