using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// What hands the kernel or another program a host path in root mode (a lock file opened by path, a
/// staged file to run) reaches the entry the file system's own methods reach: a directory linked
/// with an absolute target is the root's, as in a chroot, not the host's. The target is a name no
/// host has, so the kernel's walk of the lexical path would find nothing there.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RootModeHostPathTests : IDisposable
{
    private static readonly UnixFileMode Mode0755 = (UnixFileMode)Convert.ToInt32("755", 8);

    private readonly TemporaryDirectory _root = new();
    private readonly RootedFileSystem _fs;
    private readonly string _target = "/guest-agent-host-paths-" + Guid.NewGuid().ToString("N");

    public RootModeHostPathTests()
    {
        _fs = new RootedFileSystem(_root.Path);
        // /var/lib/state -> /TARGET, in a directory of the agent's own that nobody else may write (a trusted link).
        FixtureDirectories.Create(_root.Combine("var", "lib"));
        FixtureDirectories.Create(_root.Path + _target);
        File.CreateSymbolicLink(_root.Combine("var", "lib", "state"), _target);
    }

    [Theory]
    [InlineData(FileLockKind.OwnFlock)]
    [InlineData(FileLockKind.Record)]
    public void A_lock_file_in_a_linked_directory_is_made_and_locked_where_the_link_leads_under_the_root(FileLockKind kind)
    {
        using var held = FileLock.TryAcquire(_fs, "/var/lib/state/run.lock", kind);

        Assert.NotNull(held);
        Assert.Equal(_root.Path + _target + "/run.lock", held.HostPath);
        Assert.True(File.Exists(held.HostPath));
        // The same file, whichever way the agent names it: a second holder is refused.
        Assert.Null(FileLock.TryAcquire(_fs, _target + "/run.lock", kind));
    }

    [Theory]
    [InlineData(FileLockKind.OwnFlock)]
    [InlineData(FileLockKind.Record)]
    [InlineData(FileLockKind.Flock)]
    public void A_link_at_the_lock_file_is_refused_even_when_it_leads_to_a_file_under_the_root(FileLockKind kind)
    {
        // A link at the lock's own name: what it leads to is someone else's file, wherever it is.
        File.WriteAllText(_root.Path + _target + "/other", "");
        File.CreateSymbolicLink(_root.Path + _target + "/run.lock", _target + "/other");

        Assert.Throws<IOException>(() => FileLock.TryAcquire(_fs, "/var/lib/state/run.lock", kind));
    }

    [Fact]
    public void A_file_to_flock_in_a_linked_directory_is_the_one_under_the_root()
    {
        File.WriteAllText(_root.Path + _target + "/master.passwd", "root:*:0:0::0:0:Charlie &:/root:/bin/sh\n");

        using var held = FileLock.TryAcquire(_fs, "/var/lib/state/master.passwd", FileLockKind.Flock);

        Assert.NotNull(held);
        Assert.Equal(_root.Path + _target + "/master.passwd", held.HostPath);
    }

    [Fact]
    public void A_file_staged_through_a_trusted_linked_directory_is_at_its_host_path()
    {
        using var source = new MemoryStream("#!/bin/sh\necho new\n"u8.ToArray());

        using var staged = new AtomicFileWriter(_fs).Stage(
            "/var/lib/state/agent", source, new AtomicWriteOptions { NewFileMode = Mode0755, NewFileOwner = null, DirectoryLinks = DirectoryLinkPolicy.FollowTrusted });

        Assert.NotNull(staged);
        // Where agentupdate runs it from: the temp file the stage wrote, beside the target it replaces.
        Assert.Equal(_root.Path + _target, Path.GetDirectoryName(staged.HostPath));
        Assert.Equal("#!/bin/sh\necho new\n", File.ReadAllText(staged.HostPath));
        staged.Commit();
        Assert.Equal("#!/bin/sh\necho new\n", File.ReadAllText(_root.Path + _target + "/agent"));
    }

    [Fact]
    public void HostPath_resolves_the_links_on_the_way_under_the_root_and_a_final_one_only_when_asked()
    {
        File.CreateSymbolicLink(_root.Path + _target + "/final", _target + "/file");

        Assert.Equal(_root.Path + _target + "/file", _fs.HostPath("/var/lib/state/file", followFinalLink: false));
        Assert.Equal(_root.Path + _target + "/final", _fs.HostPath("/var/lib/state/final", followFinalLink: false));
        Assert.Equal(_root.Path + _target + "/file", _fs.HostPath("/var/lib/state/final", followFinalLink: true));
        Assert.Equal(_root.Path + _target, _fs.HostPath("/var/lib/state", followFinalLink: true));
        Assert.Equal(_root.Combine("var", "lib", "state"), _fs.HostPath("/var/lib/state", followFinalLink: false));
        // Nothing there yet is no error: a file to create is named where it will be made.
        Assert.Equal(_root.Path + _target + "/new/deeper", _fs.HostPath("/var/lib/state/new/deeper", followFinalLink: true));
        Assert.Equal(_root.Path, _fs.HostPath("/", followFinalLink: true));
        Assert.Throws<ArgumentException>(() => _fs.HostPath("/..", followFinalLink: false));
    }

    [Fact]
    public void HostPath_fails_as_the_kernel_does_where_the_links_loop()
    {
        File.CreateSymbolicLink(_root.Combine("loop"), "/loop");

        Assert.Equal(40, Assert.ThrowsAny<IOException>(() => _fs.HostPath("/loop/file", followFinalLink: false)).HResult);
        Assert.Equal(40, Assert.ThrowsAny<IOException>(() => _fs.HostPath("/loop", followFinalLink: true)).HResult);
        Assert.Equal(_root.Combine("loop"), _fs.HostPath("/loop", followFinalLink: false));
    }

    [Fact]
    public void HostPath_with_the_production_root_is_Resolve_s_without_a_system_call()
    {
        var fs = new RootedFileSystem("/");
        var file = _root.Combine("var", "lib", "state", "..", "state", "x");

        var calls = SyscallTrace.Calls(() => Assert.Equal(fs.Resolve(file), fs.HostPath(file, followFinalLink: true)), "readlink,readlinkat,statx,newfstatat,lstat");

        Assert.DoesNotContain(calls, line => !line.StartsWith("+++", StringComparison.Ordinal));
    }

    [Fact]
    public void An_IFileSystem_of_its_own_hands_the_kernel_Resolve_s_path()
    {
        IFileSystem fs = new FileSystemWithoutAcls(_fs);

        Assert.Equal(_root.Combine("var", "lib", "state", "file"), fs.HostPath("/var/lib/state/file", followFinalLink: true));
    }

    public void Dispose() => _root.Dispose();
}
