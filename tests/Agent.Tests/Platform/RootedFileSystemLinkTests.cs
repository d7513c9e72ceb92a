using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// In root mode every <see cref="RootedFileSystem"/> method reaches the directories of its path as
/// the agent's own walk does (<see cref="IFileSystem.CreateDirectory"/>): a symbolic link's absolute
/// target starts again at the root, as in a chroot, never at the host's <c>/</c>. The final
/// component keeps each method's own rule: followed by the readers, not by the status, the link's
/// own reads and the deletion. The target is a name no host has, so the kernel's walk of a host
/// path would find nothing there.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RootedFileSystemLinkTests : IDisposable
{
    private static readonly UnixFileMode ReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TemporaryDirectory _root = new();
    private readonly RootedFileSystem _fs;
    private readonly string _target = "/guest-agent-links-" + Guid.NewGuid().ToString("N");

    public RootedFileSystemLinkTests()
    {
        _fs = new RootedFileSystem(_root.Path);
        // /var/lib/state -> /TARGET, holding a file, a directory and a link with an absolute target to each.
        FixtureDirectories.Create(_root.Combine("var", "lib"));
        FixtureDirectories.Create(Host("/sub"));
        File.WriteAllText(Host("/file"), "through the root");
        File.WriteAllText(Host("/sub/inner"), "inner");
        File.CreateSymbolicLink(_root.Combine("var", "lib", "state"), _target);
        File.CreateSymbolicLink(Host("/final"), _target + "/file");
        File.CreateSymbolicLink(Host("/to-sub"), _target + "/sub");
    }

    [Fact]
    public void Readers_find_a_file_and_a_directory_through_a_linked_directory()
    {
        Assert.True(_fs.FileExists("/var/lib/state/file"));
        Assert.True(_fs.DirectoryExists("/var/lib/state/sub"));
        Assert.Equal("through the root", _fs.ReadAllText("/var/lib/state/file"));
        Assert.Equal("inner"u8.ToArray(), _fs.ReadAllBytes("/var/lib/state/sub/inner"));
        using (var stream = new StreamReader(_fs.OpenRead("/var/lib/state/file")))
        {
            Assert.Equal("through the root", stream.ReadToEnd());
        }

        Assert.Equal(["/var/lib/state/file", "/var/lib/state/final", "/var/lib/state/sub", "/var/lib/state/to-sub"], _fs.ListDirectory("/var/lib/state"));
        Assert.Equal(FileKind.File, _fs.GetStatus("/var/lib/state/file")!.Value.Kind);
        Assert.Equal("through the root"u8.ToArray(), _fs.ReadRegularFile("/var/lib/state/file")!.Contents.ToArray());
        Assert.Equal(FileKind.File, _fs.ReadEntry("/var/lib/state/file")!.Kind);
        Assert.NotNull(_fs.ReadAccessControl("/var/lib/state/file"));
        Assert.NotNull(_fs.ReadExtendedAttributes("/var/lib/state/file"));
        _fs.SyncDirectory("/var/lib/state/sub");
    }

    [Fact]
    public void A_final_link_with_an_absolute_target_is_followed_under_the_root_by_the_readers()
    {
        Assert.True(_fs.FileExists("/var/lib/state/final"));
        Assert.Equal("through the root", _fs.ReadAllText("/var/lib/state/final"));
        Assert.True(_fs.DirectoryExists("/var/lib/state/to-sub"));
        Assert.Equal(["/var/lib/state/to-sub/inner"], _fs.ListDirectory("/var/lib/state/to-sub"));
        Assert.Equal("inner", _fs.ReadAllText("/var/lib/state/to-sub/inner"));
    }

    [Fact]
    public void A_final_link_is_itself_what_the_status_and_the_link_readers_see()
    {
        Assert.Equal(FileKind.SymbolicLink, _fs.GetStatus("/var/lib/state/final")!.Value.Kind);
        Assert.Equal(_target + "/file", _fs.ReadLink("/var/lib/state/final"));
        Assert.Equal(_target + "/file", _fs.ReadEntry("/var/lib/state/final")!.LinkTarget);
        Assert.Null(_fs.ReadRegularFile("/var/lib/state/final"));
        Assert.Equal(FileKind.SymbolicLink, _fs.GetStatus("/var/lib/state")!.Value.Kind);
        Assert.Equal(_target, _fs.ReadLink("/var/lib/state"));
    }

    [Fact]
    public void Writers_act_on_the_entries_the_linked_directory_leads_to()
    {
        _fs.SetMode("/var/lib/state/file", ReadWrite);
        _fs.SetOwner("/var/lib/state/file", FileOwner.Effective);
        _fs.Move("/var/lib/state/file", "/var/lib/state/sub/moved");
        _fs.CreateSymbolicLink("/var/lib/state/new-link", "sub/moved");

        Assert.Equal(ReadWrite, File.GetUnixFileMode(Host("/sub/moved")));
        Assert.False(File.Exists(Host("/file")));
        Assert.Equal("sub/moved", new FileInfo(Host("/new-link")).LinkTarget);
        Assert.True(_fs.DeleteFile("/var/lib/state/sub/moved"));
        Assert.False(File.Exists(Host("/sub/moved")));
    }

    [Fact]
    public void SetMode_follows_a_final_link_under_the_root_and_DeleteFile_removes_the_link_itself()
    {
        _fs.SetMode("/var/lib/state/final", ReadWrite);

        Assert.Equal(ReadWrite, File.GetUnixFileMode(Host("/file")));
        Assert.True(_fs.DeleteFile("/var/lib/state/final"));
        Assert.False(Path.Exists(Host("/final")));
        Assert.Equal("through the root", File.ReadAllText(Host("/file")));
    }

    [Fact]
    public void Dot_dot_after_a_link_leaves_the_link_s_target_as_the_kernel_does()
    {
        // state/../x is ROOT/x (state is ROOT/TARGET), not /var/lib/x as folding the text would give.
        File.WriteAllText(_root.Combine("x"), "beside the target");
        File.CreateSymbolicLink(_root.Combine("var", "lib", "up"), "state/../x");

        Assert.Equal("beside the target", _fs.ReadAllText("/var/lib/up"));
    }

    [Fact]
    public void A_final_link_whose_target_is_gone_under_the_root_exists_as_File_Exists_says_and_reads_as_not_found()
    {
        // Where the host has a directory: the kernel's own lookup of the link would find it there.
        File.CreateSymbolicLink(Host("/gone"), "/tmp");

        Assert.True(_fs.FileExists("/var/lib/state/gone"));
        Assert.False(_fs.DirectoryExists("/var/lib/state/gone"));
        Assert.Empty(_fs.ListDirectory("/var/lib/state/gone"));
        Assert.Throws<FileNotFoundException>(() => _fs.ReadAllText("/var/lib/state/gone"));
    }

    [Fact]
    public void A_loop_of_absolute_links_is_a_link_leading_nowhere_and_reading_it_fails_as_a_loop()
    {
        File.CreateSymbolicLink(_root.Combine("loop"), "/loop");

        Assert.False(_fs.FileExists("/loop/file"));
        // As File.Exists answers for a link that leads nowhere: the link itself is there, and no directory.
        Assert.True(_fs.FileExists("/loop"));
        Assert.False(_fs.DirectoryExists("/loop"));
        Assert.Empty(_fs.ListDirectory("/loop"));
        // ELOOP, as the kernel answers a loop: not "not found", which the host's own /loop would give.
        Assert.Equal(40, Assert.ThrowsAny<IOException>(() => _fs.ReadAllText("/loop")).HResult);
    }

    [Fact]
    public void The_production_root_reads_no_link_of_its_own()
    {
        var fs = new RootedFileSystem("/");
        var file = _root.Combine("var", "lib", "state", "..", "state", "x");

        var calls = SyscallTrace.Calls(() => _ = fs.GetStatus(file), "readlink,readlinkat,statx,newfstatat,lstat");

        // One look, at the path itself: the kernel, not the agent, walks its directories.
        Assert.Equal(1, calls.Count(line => !line.StartsWith("+++", StringComparison.Ordinal)));
        Assert.Contains(fs.Resolve(file), calls.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_final_link_is_looked_at_where_the_walk_leads_not_where_the_kernel_would()
    {
        // A relative link climbing past the root: the kernel leaves the root through it, the walk stops
        // at the root (as in a chroot). Beside the root, where the kernel would lead, a decoy link.
        using var outer = new TemporaryDirectory();
        var root = outer.Combine("root");
        FixtureDirectories.Create(Path.Combine(root, "var", "lib"));
        FixtureDirectories.Create(Path.Combine(root, "data"));
        FixtureDirectories.Create(outer.Combine("data"));
        File.CreateSymbolicLink(Path.Combine(root, "var", "lib", "state"), "../../../data");
        File.WriteAllText(Path.Combine(root, "data", "note"), "in the root");
        File.CreateSymbolicLink(outer.Combine("data", "note"), "/decoy-" + Guid.NewGuid().ToString("N"));
        var fs = new RootedFileSystem(root);

        Assert.Equal("in the root", fs.ReadAllText("/var/lib/state/note"));
        Assert.True(fs.FileExists("/var/lib/state/note"));
        Assert.Equal(FileKind.File, fs.GetStatus("/var/lib/state/note")!.Value.Kind);
    }

    public void Dispose() => _root.Dispose();

    private string Host(string underTarget) => _root.Path + _target + underTarget;
}
