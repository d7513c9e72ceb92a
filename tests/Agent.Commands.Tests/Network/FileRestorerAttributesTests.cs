using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// resetnetwork's rollback and recovery put a file's extended attributes back as the snapshot saw
/// them (set and read with the real <c>setfattr</c>/<c>getfattr</c>): a file the change deleted or
/// replaced comes back with its <c>user.*</c> attributes and, as root, its SELinux label (an ordinary
/// <c>security.selinux</c> attribute here, without SELinux loaded), not with none.
/// </summary>
public sealed class FileRestorerAttributesTests
{
    private const string Path = "/etc/hostname";

    [Fact]
    public async Task A_file_the_change_deleted_comes_back_with_its_attributes_and_label()
    {
        using var root = new CommandRoot();
        var expected = await SavedFileWithAttributesAsync(root);
        var snapshot = FileSnapshot.Take(root.System.FileSystem, Path);
        File.Delete(root.HostPath(Path));

        Assert.Empty(new FileRestorer(root.System, NullLogger.Instance).Restore([snapshot], [], []));

        Assert.Equal("old-name\n", File.ReadAllText(root.HostPath(Path)));
        Assert.Equal(expected, await Xattrs.GetAsync(root.HostPath(Path)));
    }

    [Fact]
    public async Task An_attribute_the_change_added_is_gone_after_the_rollback_even_when_the_contents_already_are_back()
    {
        using var root = new CommandRoot();
        root.WriteFile(Path, "old-name\n", "640");
        await Xattrs.SetAsync(root.HostPath(Path), "user.kept", "1");
        var snapshot = FileSnapshot.Take(root.System.FileSystem, Path);
        await Xattrs.SetAsync(root.HostPath(Path), "user.added", "2");

        Assert.Empty(new FileRestorer(root.System, NullLogger.Instance).Restore([snapshot], [], []));

        Assert.Equal(["user.kept=\"1\""], await Xattrs.GetAsync(root.HostPath(Path)));
    }

    [Fact]
    public async Task The_recovery_record_keeps_the_saved_attributes_so_a_recovery_after_a_crash_puts_them_back()
    {
        using var root = new CommandRoot();
        var expected = await SavedFileWithAttributesAsync(root);
        var snapshot = FileSnapshot.Take(root.System.FileSystem, Path);
        var record = new TransactionRecord(TransactionPhase.Applying, DateTimeOffset.UnixEpoch, [snapshot], [], [], [], [], null);
        var read = TransactionRecordFormat.Read(TransactionRecordFormat.Write(record));
        File.Delete(root.HostPath(Path));
        root.WriteFile(Path, "new-name\n", "640");

        Assert.Empty(new FileRestorer(root.System, NullLogger.Instance).Restore(read.Files, [], []));

        Assert.Equal("old-name\n", File.ReadAllText(root.HostPath(Path)));
        Assert.Equal(expected, await Xattrs.GetAsync(root.HostPath(Path)));
    }

    [Fact]
    public void A_file_system_that_cannot_tell_its_attributes_saves_none_and_the_restore_keeps_those_there()
    {
        using var root = new CommandRoot();
        root.WriteFile(Path, "old-name\n", "640");

        var snapshot = FileSnapshot.Take(new FileSystemWithoutAcls(root.System.FileSystem), Path);

        Assert.Null(snapshot.Current!.Attributes);
        Assert.Null(TransactionRecordFormat.Read(TransactionRecordFormat.Write(new TransactionRecord(TransactionPhase.Applying, DateTimeOffset.UnixEpoch, [snapshot], [], [], [], [], null))).Files[0].Current!.Attributes);
    }

    /// <summary>The old file, with a <c>user.*</c> attribute and, as root, a label; returns what <c>getfattr</c> lists.</summary>
    private static async Task<string[]> SavedFileWithAttributesAsync(CommandRoot root)
    {
        root.WriteFile(Path, "old-name\n", "640");
        await Xattrs.SetAsync(root.HostPath(Path), "user.backup.exclude", "1");
        if (!Owners.AsRoot)
        {
            return ["user.backup.exclude=\"1\""];
        }

        await Xattrs.SetAsync(root.HostPath(Path), "security.selinux", Xattrs.Label);
        return [$"security.selinux=\"{Xattrs.Label}\"", "user.backup.exclude=\"1\""];
    }
}
