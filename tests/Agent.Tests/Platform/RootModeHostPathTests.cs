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

    public void Dispose() => _root.Dispose();
}
