using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary><see cref="IFileSystem.DeleteTree"/>: everything under the path goes, nothing a link in it points to.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeleteTreeTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();
    private readonly TemporaryDirectory _outside = new("guestagent-outside-");
    private readonly RootedFileSystem _fs;

    public DeleteTreeTests()
    {
        _fs = new RootedFileSystem(_root.Path);
        File.WriteAllText(_outside.Combine("file"), "keep");
        Directory.CreateDirectory(_outside.Combine("dir"));
        File.WriteAllText(_outside.Combine("dir", "inner"), "keep too");
    }

    [Fact]
    public void A_tree_with_links_out_of_it_is_removed_and_their_targets_kept()
    {
        var tree = FixtureDirectories.Create(_root.Combine("var", "tree", "a", "b"));
        File.WriteAllText(Path.Combine(tree, "file"), "x");
        File.CreateSymbolicLink(Path.Combine(tree, "to-dir"), _outside.Combine("dir"));
        File.CreateSymbolicLink(_root.Combine("var", "tree", "to-file"), _outside.Combine("file"));
        File.CreateSymbolicLink(_root.Combine("var", "tree", "dangling"), "/nowhere");
        File.WriteAllText(_root.Combine("var", "sibling"), "stays");

        Assert.True(_fs.DeleteTree("/var/tree"));

        Assert.Equal(["sibling"], Directory.EnumerateFileSystemEntries(_root.Combine("var")).Select(Path.GetFileName));
        Assert.Equal("keep", File.ReadAllText(_outside.Combine("file")));
        Assert.Equal("keep too", File.ReadAllText(_outside.Combine("dir", "inner")));
    }

    [Fact]
    public void A_link_to_a_directory_is_removed_itself()
    {
        FixtureDirectories.Create(_root.Combine("var"));
        File.CreateSymbolicLink(_root.Combine("var", "link"), _outside.Combine("dir"));

        Assert.True(_fs.DeleteTree("/var/link"));

        Assert.False(Path.Exists(_root.Combine("var", "link")));
        Assert.Equal("keep too", File.ReadAllText(_outside.Combine("dir", "inner")));
    }

    [Fact]
    public void A_file_is_removed_and_nothing_there_is_not_an_error()
    {
        FixtureDirectories.Create(_root.Combine("var"));
        File.WriteAllText(_root.Combine("var", "file"), "x");

        Assert.True(_fs.DeleteTree("/var/file"));
        Assert.False(_fs.DeleteTree("/var/file"));
        Assert.False(_fs.DeleteTree("/missing/file"));
        Assert.False(File.Exists(_root.Combine("var", "file")));
    }

    [Fact]
    public void A_path_through_an_untrusted_link_is_refused_and_nothing_removed()
    {
        Directory.CreateDirectory(_root.Combine("var"));
        // Writable by others: a link in it is not one only root could have made.
        _fs.SetMode("/var", (UnixFileMode)Convert.ToInt32("777", 8));
        File.CreateSymbolicLink(_root.Combine("var", "link"), _outside.Path);

        Assert.Throws<PathRefusedException>(() => _fs.DeleteTree("/var/link/dir"));

        Assert.Equal("keep too", File.ReadAllText(_outside.Combine("dir", "inner")));
    }

    [Fact]
    public void A_parent_linked_with_an_absolute_target_is_followed_under_the_root_as_the_walk_follows_it()
    {
        // A name no host has: the kernel's walk of the host path would look for it at the host's /.
        var target = "/guest-agent-tree-" + Guid.NewGuid().ToString("N");
        FixtureDirectories.Create(_root.Combine("var"));
        File.CreateSymbolicLink(_root.Combine("var", "state"), target);
        var tree = FixtureDirectories.Create(_root.Path + target + "/tree/a");
        File.WriteAllText(Path.Combine(tree, "file"), "x");

        Assert.True(_fs.DeleteTree("/var/state/tree"));

        Assert.False(Path.Exists(_root.Path + target + "/tree"));
        Assert.True(Directory.Exists(_root.Path + target));
        Assert.False(_fs.DeleteTree("/var/state/tree"));
        Assert.False(_fs.DeleteTree("/var/state/missing/tree"));
    }

    [Fact]
    public void A_missing_root_is_an_error_not_nothing_to_delete()
    {
        // The root is configuration: like CreateDirectory, the walk never makes it, and a wrong one is said so.
        var fs = new RootedFileSystem(_root.Combine("missing-root"));

        var error = Assert.Throws<IOException>(() => fs.DeleteTree("/var/tree"));

        Assert.IsNotType<PathRefusedException>(error);
        Assert.Contains(_root.Combine("missing-root"), error.Message, StringComparison.Ordinal);
        Assert.False(Path.Exists(_root.Combine("missing-root")));
    }

    [Fact]
    public void The_root_itself_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _fs.DeleteTree("/"));
        Assert.True(Directory.Exists(_root.Path));
    }

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }
}
