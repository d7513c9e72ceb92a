using System.Text;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The restores under an SDK user's <see cref="IFileSystem"/> that implements no
/// <see cref="IFileSystem.ReadAccessControl"/> (<see cref="FileSystemWithoutAcls"/>): the interface's
/// default answers <c>null</c>, "cannot tell", so <c>resetnetwork</c>'s rollback and recovery and
/// <c>kmsactivate</c>'s put back contents and mode and leave the file the ACL it has (set and read
/// with the real <c>setfacl</c>/<c>getfacl</c>), never remove one as an empty ACL would.
/// </summary>
public sealed class UserFileSystemRestoreTests
{
    private const string Hostname = "/etc/hostname";
    private const string Hosts = "/etc/hosts";

    [Fact]
    public async Task Resetnetwork_s_rollback_and_recovery_put_the_mode_back_and_leave_the_ACL_there()
    {
        using var root = new CommandRoot();
        var system = root.System with { FileSystem = new FileSystemWithoutAcls(root.System.FileSystem) };
        root.WriteFile(Hostname, "old-name\n", "640");
        root.WriteFile(Hosts, "127.0.0.1 localhost\n", "640");
        await Acls.SetAsync("-m", "u:4321:r--", root.HostPath(Hosts));

        FileSnapshot[] snapshots = [FileSnapshot.Take(system.FileSystem, Hostname), FileSnapshot.Take(system.FileSystem, Hosts)];
        Assert.All(snapshots, snapshot => Assert.Null(snapshot.Current!.Acl));
        var record = TransactionRecordFormat.Write(new TransactionRecord(TransactionPhase.Applying, DateTimeOffset.UnixEpoch, snapshots, [], [], [], [], null));
        Assert.DoesNotContain("\"acl\"", Encoding.UTF8.GetString(record), StringComparison.Ordinal);

        foreach (var saved in new[] { snapshots, TransactionRecordFormat.Read(record).Files })
        {
            // The same inodes rewritten and chmodded: an ACL stays, its mask follows the group bits (---).
            root.WriteFile(Hostname, "new-name\n", "600");
            root.WriteFile(Hosts, "10.0.0.1 changed\n", "600");

            Assert.Empty(new FileRestorer(system, NullLogger.Instance).Restore(saved, [], []));

            Assert.Equal("old-name\n", File.ReadAllText(root.HostPath(Hostname)));
            Assert.Equal(Acls.NoneAt0640, await Acls.GetAsync(root.HostPath(Hostname)));
            Assert.Equal("127.0.0.1 localhost\n", File.ReadAllText(root.HostPath(Hosts)));
            // The mode is the saved one, which gives the ACL there its mask back; the entry was never removed.
            Assert.Equal(Acls.Reader4321At0640, await Acls.GetAsync(root.HostPath(Hosts)));
        }
    }

    [Fact]
    public async Task Kmsactivate_s_restore_puts_up2date_s_mode_back_and_leaves_the_ACL_it_has()
    {
        using var root = new CommandRoot();
        var system = root.System with { FileSystem = new FileSystemWithoutAcls(root.System.FileSystem) };
        root.WriteFile(Up2DateConfig.Path, "serverURL=https://satellite.internal/XMLRPC\n", "640");
        await Acls.SetAsync("-m", "u:4321:r--", root.HostPath(Up2DateConfig.Path));
        using var saved = SavedRegistration.Take(system);
        // The same inode rewritten and chmodded: its ACL stays, its mask follows the group bits (---).
        root.WriteFile(Up2DateConfig.Path, "serverURL=https://rhn.example.com/XMLRPC\n", "600");

        saved.Restore();

        Assert.Equal("serverURL=https://satellite.internal/XMLRPC\n", File.ReadAllText(root.HostPath(Up2DateConfig.Path)));
        // The mode is the saved one, which gives the ACL there its mask back; the entry was never removed.
        Assert.Equal(Acls.Reader4321At0640, await Acls.GetAsync(root.HostPath(Up2DateConfig.Path)));
    }
}
