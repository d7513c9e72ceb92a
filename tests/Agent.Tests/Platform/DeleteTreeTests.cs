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

    // A name that is not valid UTF-8 (an archive's or another tool's Latin-1 caf\xE9) is one .NET's listing decodes with U+FFFD,
    // a name unlinkat finds nothing at: before session 63 the removal passed over it as already gone, and then failed on
    // the directory holding it ("rmdir failed for '/var/tree': Directory not empty").
    [Fact]
    public void Names_that_are_not_utf8_go_with_the_tree()
    {
        var tree = FixtureDirectories.Create(_root.Combine("var", "tree"));
        var inner = FixtureDirectories.Create(Path.Combine(tree, "dir"));
        File.WriteAllText(Path.Combine(inner, "caf\u00E9"), "utf-8");
        RawFileNames.Create(inner, RawFileNames.Latin1("f\xFF"), "x", UnixFileMode.UserRead);
        RawFileNames.RenameTo(tree, "dir", RawFileNames.Latin1("d\xE9"));
        RawFileNames.Create(tree, RawFileNames.Latin1("caf\xE9"), "x", UnixFileMode.UserRead);
        try
        {
            Assert.True(_fs.DeleteTree("/var/tree"));

            Assert.False(Path.Exists(tree));
        }
        finally
        {
            RemoveWhatIsLeft(tree);
        }
    }

    [Fact]
    public void A_name_that_is_not_utf8_it_cannot_remove_is_named_by_its_bytes()
    {
        var tree = FixtureDirectories.Create(_root.Combine("var", "tree"));
        RawFileNames.Create(tree, RawFileNames.Latin1("caf\xE9'"), "x", UnixFileMode.UserRead);
        try
        {
            Exception? failure = null;
            SyscallTrace.Failing(() => failure = Record.Exception(() => _fs.DeleteTree("/var/tree")), "unlinkat", "EACCES", tree);

            Assert.Equal("unlink failed for '/var/tree/caf%E9%27': Permission denied", Assert.IsType<IOException>(failure).Message);
        }
        finally
        {
            RemoveWhatIsLeft(tree);
        }
    }

    [Fact]
    public void A_utf8_name_it_cannot_remove_is_named_so_that_no_other_name_reads_the_same()
    {
        // Valid UTF-8 names, once shown as they were: "caf%E9" read as the Latin-1 name caf\xE9 is shown,
        // and ESC reached the journal as its own \x1B, which a name holding those four characters reads as too.
        var tree = FixtureDirectories.Create(_root.Combine("var", "tree"));
        File.WriteAllText(Path.Combine(tree, "caf%E9 \u001B\\x1B\u00E9\u202E"), "utf-8");
        try
        {
            Exception? failure = null;
            SyscallTrace.Failing(() => failure = Record.Exception(() => _fs.DeleteTree("/var/tree")), "unlinkat", "EACCES", tree);

            Assert.Equal("unlink failed for '/var/tree/caf%25E9 %1B%5Cx1B\u00E9%E2%80%AE': Permission denied", Assert.IsType<IOException>(failure).Message);
        }
        finally
        {
            RemoveWhatIsLeft(tree);
        }
    }

    [Fact]
    public void The_root_itself_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _fs.DeleteTree("/"));
        Assert.True(Directory.Exists(_root.Path));
    }

    /// <summary>What a failed removal left (a temporary directory's recursive delete, through .NET, cannot name a name that is not UTF-8).</summary>
    private static void RemoveWhatIsLeft(string tree)
    {
        if (Path.Exists(tree))
        {
            using var rm = System.Diagnostics.Process.Start("rm", ["-rf", "--", tree]);
            rm.WaitForExit();
        }
    }

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }
}
