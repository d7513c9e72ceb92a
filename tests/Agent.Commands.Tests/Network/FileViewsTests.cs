using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The two views detection reads through, on one tree of real files, links and directories: the
/// file system's (a link is never read through, only its target named) and the in-memory one the
/// tests build, which must answer as the file system does. And what a <see cref="FileSnapshot"/>
/// keeps of a path before a change: contents, mode, the backup beside it, a link's target.
/// </summary>
public sealed class FileViewsTests
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["/etc/os-release"] = "ID=debian\n",
        ["/etc/netplan/50-cloud-init.yaml"] = "network:\n  version: 2\n",
        ["/run/systemd/resolve/stub-resolv.conf"] = "nameserver 127.0.0.53\n",
    };

    private static readonly Dictionary<string, string> Links = new()
    {
        ["/etc/resolv.conf"] = "../run/systemd/resolve/stub-resolv.conf",
    };

    [Fact]
    public void Both_views_answer_alike_and_never_read_through_a_link()
    {
        using var root = new FakeRoot();
        foreach (var (path, text) in Files)
        {
            root.Write(path, text);
        }

        foreach (var (link, target) in Links)
        {
            root.Link(link, target);
        }

        IFileView[] views = [new FileSystemView(root.CreateSystem().FileSystem), new InMemoryFileView(Files, linkTargets: Links)];
        foreach (var view in views)
        {
            Assert.Equal(["netplan", "os-release", "resolv.conf"], view.List("/etc"));
            Assert.Equal(["resolve"], view.List("/run/systemd/"));
            Assert.True(view.Exists("/etc/netplan"));
            Assert.True(view.Exists("/run/systemd/"));
            Assert.False(view.Exists("/etc/net"));
            Assert.True(view.IsSymbolicLink("/etc/resolv.conf"));
            Assert.False(view.IsSymbolicLink("/etc/os-release"));
            Assert.Equal("../run/systemd/resolve/stub-resolv.conf", view.ReadLink("/etc/resolv.conf"));
            Assert.Null(view.ReadText("/etc/resolv.conf"));
            Assert.Null(view.ReadText("/etc/netplan"));
            Assert.Equal("ID=debian\n", view.ReadText("/etc/os-release"));
        }
    }

    [Fact]
    public void A_snapshot_keeps_the_file_its_mode_and_its_backup()
    {
        using var root = new FakeRoot();
        root.Write("/etc/hosts", "127.0.0.1 localhost\n");
        File.SetUnixFileMode(root.Host("/etc/hosts"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        root.Write(SiblingNames.BackupPath("/etc/hosts"), "old hosts\n");

        var snapshot = FileSnapshot.Take(root.CreateSystem().FileSystem, "/etc/hosts");

        Assert.False(snapshot.IsOther);
        Assert.Null(snapshot.LinkTarget);
        Assert.Equal("127.0.0.1 localhost\n"u8.ToArray(), snapshot.Current!.Contents);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, snapshot.Current.Mode);
        Assert.Equal("old hosts\n"u8.ToArray(), snapshot.Backup!.Contents);
        Assert.Equal("/etc/hosts.bak", snapshot.BackupPath);
    }

    [Fact]
    public void A_snapshot_of_a_link_or_directory_keeps_what_it_is()
    {
        using var root = new FakeRoot();
        root.Write("/run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
        root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");
        FixtureDirectories.Create(root.Host("/etc/hostname"));
        var fileSystem = root.CreateSystem().FileSystem;

        var link = FileSnapshot.Take(fileSystem, "/etc/resolv.conf");
        var directory = FileSnapshot.Take(fileSystem, "/etc/hostname");
        var missing = FileSnapshot.Take(fileSystem, "/etc/hosts");

        Assert.True(link.IsOther);
        Assert.Null(link.Current);
        Assert.Equal("../run/systemd/resolve/stub-resolv.conf", link.LinkTarget);
        Assert.True(directory.IsOther);
        Assert.Null(directory.Current);
        Assert.Null(directory.LinkTarget);
        Assert.False(missing.IsOther);
        Assert.Null(missing.Current);
        Assert.Null(missing.Backup);
    }
}
