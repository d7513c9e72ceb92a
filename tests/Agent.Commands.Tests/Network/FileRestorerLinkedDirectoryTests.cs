using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// In root mode a directory the change created is removed where the file system's own methods found
/// it empty: under a directory linked with an absolute target, the root's, as in a chroot, not a path
/// of the host's. The target is a name no host has, so the lexical path would lead nowhere.
/// </summary>
public sealed class FileRestorerLinkedDirectoryTests
{
    [Fact]
    public void A_created_directory_under_a_linked_directory_is_removed_under_the_root()
    {
        using var root = new CommandRoot();
        var target = "/etc-" + Guid.NewGuid().ToString("N");
        root.CreateDirectory(target + "/sysconfig/network-scripts");
        File.CreateSymbolicLink(root.HostPath("/etc"), target);

        Assert.Empty(new FileRestorer(root.System, NullLogger.Instance).Restore([], [], ["/etc/sysconfig/network-scripts"]));

        Assert.False(Path.Exists(root.HostPath(target + "/sysconfig/network-scripts")));
        Assert.True(Directory.Exists(root.HostPath(target + "/sysconfig")));
    }
}
