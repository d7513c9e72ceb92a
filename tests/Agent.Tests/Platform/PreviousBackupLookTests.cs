using GuestAgent.Platform;
using GuestAgent.Platform.Native;
using GuestAgent.Testing;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// The older backup a commit keeps under a hidden name until its rename is done is the one it
/// looked at (<c>O_PATH|O_NOFOLLOW</c>): checked for setuid, setgid and capabilities and hard-linked
/// through that one descriptor (<c>linkat</c> of <c>/proc/self/fd/N</c>), never by name again. A
/// status read by name and a link by name (the old code) could check one file and link another
/// renamed over the backup in between: here each file is renamed over the backup right after the
/// look, where the old code read the status of, and linked, the file renamed in.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PreviousBackupLookTests
{
    [Fact]
    public void A_setuid_program_renamed_over_the_backup_after_the_look_is_not_the_one_kept()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("config.bak"), "older backup");
        File.WriteAllText(root.Combine("program"), "privileged program");
        File.SetUnixFileMode(root.Combine("program"), Mode("4755"));
        using var directory = Directory(root);
        using var looked = Look(directory, "config.bak");
        // A second name keeps the inode looked at linkable once the rename takes its first (one with no name left is not kept).
        Assert.True(LibCAt.TryLinkAt(directory, "config.bak", "second-name", "/config.bak"));
        File.Move(root.Combine("program"), root.Combine("config.bak"), overwrite: true);

        var previous = AtomicFileWriter.PreviousBackup.Keep(directory, "config", "config.bak", looked, "/config.bak");

        Assert.True(previous.Existed);
        Assert.Equal("older backup", File.ReadAllText(root.Combine(previous.Kept!)));
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(root.Combine(previous.Kept!)) & UnixFileMode.SetUser);
    }

    [Fact]
    public void A_setuid_backup_looked_at_is_not_kept_though_a_plain_file_is_renamed_over_it()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("config.bak"), "older setuid program");
        File.SetUnixFileMode(root.Combine("config.bak"), Mode("4755"));
        File.WriteAllText(root.Combine("plain"), "plain");
        using var directory = Directory(root);
        using var looked = Look(directory, "config.bak");
        File.Move(root.Combine("plain"), root.Combine("config.bak"), overwrite: true);

        var previous = AtomicFileWriter.PreviousBackup.Keep(directory, "config", "config.bak", looked, "/config.bak");

        Assert.Equal((true, null), (previous.Existed, previous.Kept));
        Assert.Equal(["config.bak"], System.IO.Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_backup_removed_after_the_look_has_nothing_left_to_keep_and_fails_nothing()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("config.bak"), "older backup");
        using var directory = Directory(root);
        using var looked = Look(directory, "config.bak");
        File.Delete(root.Combine("config.bak"));

        var previous = AtomicFileWriter.PreviousBackup.Keep(directory, "config", "config.bak", looked, "/config.bak");

        Assert.Equal((true, null), (previous.Existed, previous.Kept));
        Assert.Empty(System.IO.Directory.GetFileSystemEntries(root.Path));
    }

    [Fact]
    public void A_link_looked_at_is_kept_as_the_link_itself_not_its_target_nor_a_link_put_there_since()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("target"), "the link's target");
        File.CreateSymbolicLink(root.Combine("config.bak"), "target");
        using var directory = Directory(root);
        using var looked = Look(directory, "config.bak");
        Assert.True(LibCAt.TryLinkAt(directory, "config.bak", "second-name", "/config.bak"));
        File.Delete(root.Combine("config.bak"));
        File.CreateSymbolicLink(root.Combine("config.bak"), "elsewhere");

        var previous = AtomicFileWriter.PreviousBackup.Keep(directory, "config", "config.bak", looked, "/config.bak");

        Assert.Equal("target", new FileInfo(root.Combine(previous.Kept!)).LinkTarget);
    }

    [Fact]
    public void Keeping_by_name_finds_nothing_where_there_is_no_backup_and_keeps_the_one_there()
    {
        using var root = new TemporaryDirectory();
        using var directory = Directory(root);

        var none = AtomicFileWriter.PreviousBackup.Keep(directory, "config", "config.bak", "/config.bak");
        Assert.Equal((false, null), (none.Existed, none.Kept));

        File.WriteAllText(root.Combine("config.bak"), "older backup");
        var previous = AtomicFileWriter.PreviousBackup.Keep(directory, "config", "config.bak", "/config.bak");
        Assert.Equal("older backup", File.ReadAllText(root.Combine(previous.Kept!)));
    }

    private static SafeFileHandle Directory(TemporaryDirectory root) => LibCAt.Open(root.Path, OpenFlags.PathOnly | OpenFlags.Directory);

    private static SafeFileHandle Look(SafeFileHandle directory, string name)
    {
        Assert.Equal(0, LibCAt.TryOpenAt(directory, name, OpenFlags.PathOnly | OpenFlags.NoFollow, 0, out var looked));
        return looked!;
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
