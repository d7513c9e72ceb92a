using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// A replaced file comes back by renaming its <c>.bak</c> over it when that still is the very file
/// the change replaced: no new space needed, so a rollback on a full file system finishes
/// (<c>FullEtcTests</c> runs it on a real full tmpfs). Anything else is written back from the saved
/// copy, as before: a file the change never replaced keeps its own <c>.bak</c>, and a <c>.bak</c>
/// changed since (contents, mode, owner, ACL, attributes) is never taken for the old file.
/// </summary>
public sealed class RenameBackRecoveryTests : InterruptedChangeTests
{

    [Fact]
    public async Task A_replaced_file_comes_back_as_the_very_file_it_was()
    {
        var interfaces = Inodes.Of(_change.Root.HostPath("/etc/network/interfaces"));
        var hostname = Inodes.Of(_change.Root.HostPath("/etc/hostname"));
        await _change.CrashWhileApplyingAsync();
        Assert.Equal(interfaces, Inodes.Of(_change.Root.HostPath("/etc/network/interfaces.bak")));

        var disk = new ObservedFileSystem(_change.Root.System.FileSystem);
        Assert.Equal(NetworkRecoveryOutcome.Recovered, await new NetworkRecovery(_change.Root.System with { Processes = new ScriptedProcessRunner(_ => Success), FileSystem = disk }, new NetworkOptions(), new RecordingLogger<NetworkRecovery>())
            .RecoverAsync(TestContext.Current.CancellationToken));

        _change.AssertRestored();
        Assert.Equal(interfaces, Inodes.Of(_change.Root.HostPath("/etc/network/interfaces")));
        Assert.Equal(hostname, Inodes.Of(_change.Root.HostPath("/etc/hostname")));
        // Each rename is on disk before the record that could redo it goes.
        var operations = disk.Operations;
        Assert.True(operations.IndexOf("sync /etc/network") < operations.IndexOf("delete " + InterruptedChange.RecordPath + ".ended"));
    }

    [Fact]
    public async Task A_file_never_replaced_keeps_its_own_backup_even_when_that_is_a_copy_of_it()
    {
        // An earlier run's backup with the same contents, mode and owner as the file: killed before
        // writing, the recovery must not rename it over the file (and then write the backup anew).
        File.Copy(_change.Root.HostPath("/etc/network/interfaces"), _change.Root.HostPath("/etc/network/interfaces.bak"), overwrite: true);
        File.SetUnixFileMode(_change.Root.HostPath("/etc/network/interfaces.bak"), File.GetUnixFileMode(_change.Root.HostPath("/etc/network/interfaces")));
        var before = TreeSnapshot.TakeExceptState(_change.Root.HostPath("/"));
        var file = Inodes.Of(_change.Root.HostPath("/etc/network/interfaces"));
        var backup = Inodes.Of(_change.Root.HostPath("/etc/network/interfaces.bak"));
        var crashed = await _change.RunUntilCrashAsync(new ScriptedProcessRunner(spec => spec.Program == "ifdown" ? throw new SimulatedCrash() : Success));
        Assert.IsType<SimulatedCrash>(crashed);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success)));

        Assert.Equal(before, TreeSnapshot.TakeExceptState(_change.Root.HostPath("/")));
        Assert.Equal(file, Inodes.Of(_change.Root.HostPath("/etc/network/interfaces")));
        Assert.Equal(backup, Inodes.Of(_change.Root.HostPath("/etc/network/interfaces.bak")));
    }

    [Theory]
    [InlineData("contents")]
    [InlineData("mode")]
    [InlineData("owner")]
    [InlineData("acl")]
    [InlineData("attributes")]
    public async Task A_backup_changed_since_is_not_taken_for_the_old_file(string change)
    {
        var owner = _change.Root.System.FileSystem.GetStatus("/etc/network/interfaces")!.Value.Owner;
        await _change.CrashWhileApplyingAsync();
        var backup = _change.Root.HostPath("/etc/network/interfaces.bak");
        switch (change)
        {
            case "contents":
                File.WriteAllText(backup, "old interfaceS\n");
                break;
            case "mode":
                File.SetUnixFileMode(backup, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                break;
            case "acl":
                var setfacl = ExternalTool.Require("setfacl", "acl");
                Assert.Equal(0, (await ExternalTool.RunAsync(setfacl, ["-m", "u:4321:r", backup])).ExitCode);
                break;
            case "attributes":
                await Xattrs.SetAsync(backup, "user.since", "1");
                break;
            default:
                Assert.SkipUnless(Owners.AsRoot, "changing a file's owner needs root");
                _change.Root.System.FileSystem.SetOwner("/etc/network/interfaces.bak", InterruptedChange.OtherUser);
                break;
        }

        var changed = Inodes.Of(backup);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success)));

        // The old file written back from the record, exactly; the changed backup replaced by the earlier one.
        _change.AssertRestored();
        Assert.Equal(owner, _change.Root.System.FileSystem.GetStatus("/etc/network/interfaces")!.Value.Owner);
        Assert.True(_change.Root.System.FileSystem.ReadAccessControl("/etc/network/interfaces")!.Value.IsEmpty);
        Assert.Empty(await Xattrs.GetAsync(_change.Root.HostPath("/etc/network/interfaces")));
        Assert.NotEqual(changed, Inodes.Of(_change.Root.HostPath("/etc/network/interfaces")));
    }
}
