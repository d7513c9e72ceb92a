using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Demo;

/// <summary>
/// demo's list of the files the agent wrote: every file new or different under the root, at any
/// depth, by its path relative to the root, in ordinal order, whatever its size.
/// </summary>
public sealed class FileSnapshotTests
{
    [Fact]
    public void New_and_changed_files_at_any_depth_are_listed_relative_to_the_root_in_ordinal_order()
    {
        using var root = new TemporaryDirectory();
        FixtureDirectories.Create(root.Combine("etc/ssh"));
        File.WriteAllText(root.Combine("etc/hostname"), "old-name\n");
        File.WriteAllText(root.Combine("etc/ssh/sshd_config"), "PermitRootLogin no\n");
        File.WriteAllText(root.Combine("untouched"), "same\n");
        var before = FileSnapshot.Take(root.Path);

        // Same size, other contents: only a comparison of the contents sees it.
        File.WriteAllText(root.Combine("etc/hostname"), "new-name\n");
        File.WriteAllText(root.Combine("etc/ssh/sshd_config"), "PermitRootLogin prohibit-password\n");
        File.WriteAllText(root.Combine("Zz-new-at-top"), "x");
        FixtureDirectories.Create(root.Combine("etc/netplan"));
        File.WriteAllText(root.Combine("etc/netplan/90-guest-agent.yaml"), "network: {}\n");
        File.WriteAllText(root.Combine("untouched"), "same\n");

        Assert.Equal(
            ["Zz-new-at-top", "etc/hostname", "etc/netplan/90-guest-agent.yaml", "etc/ssh/sshd_config"],
            before.ChangedIn(FileSnapshot.Take(root.Path)));
    }

    [Fact]
    public void A_root_nobody_changed_lists_nothing_and_a_removed_file_is_not_a_change()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("kept"), "k");
        File.WriteAllText(root.Combine("removed"), "r");
        var before = FileSnapshot.Take(root.Path);

        Assert.Empty(before.ChangedIn(FileSnapshot.Take(root.Path)));
        File.Delete(root.Combine("removed"));
        Assert.Empty(before.ChangedIn(FileSnapshot.Take(root.Path)));
    }
}
