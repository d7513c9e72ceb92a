using GuestAgent.Platform;
using GuestAgent.Platform.Native;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// The property the writer's safety rests on, made deterministic: once a directory is pinned,
/// swapping it (or one above it) for a link to somewhere else does not move where entries are made.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PinnedDirectoryTests
{
    private static readonly UnixFileMode Mode0755 = (UnixFileMode)Convert.ToInt32("755", 8);

    [Fact]
    public void Swapping_a_directory_on_the_way_for_a_link_after_the_walk_does_not_redirect_anything()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/home/alice/.ssh", Mode0755);
        fs.CreateDirectory("/root/.ssh", Mode0755);

        using var pinned = PinnedDirectory.Open(root.Path, ["home", "alice", ".ssh"], null, DirectoryLinkPolicy.Refuse);
        // The attacker's move between the check and the use: the real directories go away, links take their place.
        Directory.Move(root.Combine("home", "alice"), root.Combine("home", "alice-moved"));
        File.CreateSymbolicLink(root.Combine("home", "alice"), "../root");
        var errno = LibCAt.TryOpenAt(pinned.Handle, "authorized_keys", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.NoFollow, UnixFileMode.UserRead | UnixFileMode.UserWrite, out var file);
        file?.Dispose();

        Assert.Equal(0, errno);
        Assert.Equal("/home/alice/.ssh", pinned.AgentPath);
        Assert.True(File.Exists(root.Combine("home", "alice-moved", ".ssh", "authorized_keys")));
        Assert.Empty(Directory.GetFileSystemEntries(root.Combine("root", ".ssh")));
    }

    [Fact]
    public void Directories_made_by_a_failed_walk_are_removed_and_those_of_a_good_one_kept_and_synced()
    {
        using var root = new TemporaryDirectory();

        // "a" and "b" are made, then the third name is longer than NAME_MAX.
        Assert.ThrowsAny<IOException>(() => PinnedDirectory.Open(root.Path, ["a", "b", new string('n', 300)], new DirectoryCreation(Mode0755, null), DirectoryLinkPolicy.Refuse));
        Assert.Empty(Directory.GetFileSystemEntries(root.Path));

        var synced = SyscallTrace.SyncedPaths(
            () =>
            {
                using var made = PinnedDirectory.Open(root.Path, ["a", "b"], new DirectoryCreation(Mode0755, null), DirectoryLinkPolicy.Refuse);
                made.SyncCreated();
            },
            root.Path,
            root.Combine("a"));

        Assert.True(Directory.Exists(root.Combine("a", "b")));
        // The entry of each new directory is in its parent: both parents reach the disk.
        Assert.Equal([root.Path, root.Combine("a")], synced);
    }

    [Fact]
    public void The_deepest_existing_directorys_owner_is_read_from_the_walk_and_given_to_the_directories_it_makes()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/home/alice", Mode0755);
        var asRoot = Owners.AsRoot;
        var alice = asRoot ? new FileOwner(4321, 8765) : fs.GetStatus("/home/alice")!.Value.Owner;
        if (asRoot)
        {
            fs.SetOwner("/home/alice", alice);
        }

        using var pinned = PinnedDirectory.Open(root.Path, ["home", "alice", "a", "b"], new DirectoryCreation(Mode0755, FileOwner.Root, InheritUserOwner: true), DirectoryLinkPolicy.Refuse);
        // Moved away after the walk: the owner still comes from the directory the walk held, not from the path.
        Directory.Move(root.Combine("home", "alice"), root.Combine("home", "alice-moved"));

        Assert.Equal(alice, pinned.DeepestExistingOwner);
        Assert.Equal(alice, fs.GetStatus("/home/alice-moved/a")!.Value.Owner);
        Assert.Equal(alice, fs.GetStatus("/home/alice-moved/a/b")!.Value.Owner);
    }
}
