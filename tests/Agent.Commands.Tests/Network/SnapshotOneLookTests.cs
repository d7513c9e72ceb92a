using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// resetnetwork's snapshot of a path is what one look found there (<see cref="IFileSystem.ReadEntry"/>):
/// a file or a link with its target, never a file from one look with "a link to X" or "something
/// else" from another. Here the path is swapped (a file for a link, a link for a file) right after
/// its first look, as a race would; the old code looked three times (the file, the status, the
/// link) and saved a file and a link at once, or neither where a link was all along, which its
/// restore deleted.
/// </summary>
public sealed class SnapshotOneLookTests
{
    private const string Path = "/etc/resolv.conf";

    [Fact]
    public void A_file_swapped_for_a_link_after_the_look_is_saved_as_the_file_alone()
    {
        using var root = new CommandRoot();
        root.WriteFile(Path, "nameserver 192.0.2.1\n", "644");

        var snapshot = FileSnapshot.Take(SwappedAfterFirstLook(root, () => File.CreateSymbolicLink(root.HostPath(Path) + ".swap", "../run/resolved/stub-resolv.conf")), Path);

        Assert.Equal("nameserver 192.0.2.1\n", System.Text.Encoding.UTF8.GetString(snapshot.Current!.Contents));
        Assert.Equal((false, null), (snapshot.IsOther, snapshot.LinkTarget));
    }

    [Fact]
    public void A_link_swapped_for_a_file_after_the_look_is_saved_as_the_link_and_put_back()
    {
        using var root = new CommandRoot();
        root.WriteFile("/run/resolved/stub-resolv.conf", "nameserver 127.0.0.53\n", "644");
        root.CreateDirectory("/etc");
        File.CreateSymbolicLink(root.HostPath(Path), "../run/resolved/stub-resolv.conf");

        var snapshot = FileSnapshot.Take(SwappedAfterFirstLook(root, () => File.WriteAllText(root.HostPath(Path) + ".swap", "nameserver 192.0.2.9\n")), Path);

        Assert.Equal((null, true, "../run/resolved/stub-resolv.conf"), (snapshot.Current, snapshot.IsOther, snapshot.LinkTarget));
        Assert.Empty(new FileRestorer(root.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).Restore([snapshot], [], []));
        Assert.Equal("../run/resolved/stub-resolv.conf", new FileInfo(root.HostPath(Path)).LinkTarget);
    }

    /// <summary>
    /// The root's file system, where the first look at <paramref name="path"/> (whichever call makes
    /// it) is followed by <paramref name="make"/>'s entry, made beside it, renamed over it.
    /// </summary>
    private static SwappingFileSystem SwappedAfterFirstLook(CommandRoot root, Action make) =>
        new(root.System.FileSystem, Path, () =>
        {
            make();
            File.Move(root.HostPath(Path) + ".swap", root.HostPath(Path), overwrite: true);
        });
}
