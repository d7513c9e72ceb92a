using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// resetnetwork's rollback and recovery put a file's POSIX ACL back as the snapshot saw it (set and
/// read with the real <c>setfacl</c>/<c>getfacl</c>), not the ACL of the changed file there now.
/// </summary>
public sealed class FileRestorerAclTests
{
    [Fact]
    public async Task An_ACL_entry_the_change_added_is_gone_after_the_rollback()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/hostname", "old-name\n", "640");
        var snapshot = FileSnapshot.Take(root.System.FileSystem, "/etc/hostname");
        root.WriteFile("/etc/hostname", "new-name\n", "640");
        await Acls.SetAsync("-m", "u:1234:rwx", root.HostPath("/etc/hostname"));

        Assert.Empty(new FileRestorer(root.System, NullLogger.Instance).Restore([snapshot], [], []));

        Assert.Equal("old-name\n", File.ReadAllText(root.HostPath("/etc/hostname")));
        Assert.Equal(Acls.NoneAt0640, await Acls.GetAsync(root.HostPath("/etc/hostname")));
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), File.GetUnixFileMode(root.HostPath("/etc/hostname")));
    }

    [Fact]
    public async Task An_ACL_the_change_removed_is_back_after_the_rollback_even_when_the_contents_already_are()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/hostname", "old-name\n", "640");
        await Acls.SetAsync("-m", "u:4321:r--", root.HostPath("/etc/hostname"));
        var snapshot = FileSnapshot.Take(root.System.FileSystem, "/etc/hostname");
        // Same contents and mode bits: only the ACL tells the file from the saved one.
        await Acls.SetAsync("-b", root.HostPath("/etc/hostname"));

        Assert.Empty(new FileRestorer(root.System, NullLogger.Instance).Restore([snapshot], [], []));

        Assert.Equal(Acls.Reader4321At0640, await Acls.GetAsync(root.HostPath("/etc/hostname")));
    }

    [Fact]
    public async Task The_recovery_record_keeps_the_saved_ACL_so_a_recovery_after_a_crash_puts_it_back()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/hostname", "old-name\n", "640");
        var snapshot = FileSnapshot.Take(root.System.FileSystem, "/etc/hostname");
        var record = new TransactionRecord(TransactionPhase.Applying, DateTimeOffset.UnixEpoch, [snapshot], [], [], [], [], null);
        var read = TransactionRecordFormat.Read(TransactionRecordFormat.Write(record));
        root.WriteFile("/etc/hostname", "new-name\n", "640");
        await Acls.SetAsync("-m", "u:1234:rwx", root.HostPath("/etc/hostname"));

        Assert.Empty(new FileRestorer(root.System, NullLogger.Instance).Restore(read.Files, [], []));

        Assert.Equal(Acls.NoneAt0640, await Acls.GetAsync(root.HostPath("/etc/hostname")));
    }
}
