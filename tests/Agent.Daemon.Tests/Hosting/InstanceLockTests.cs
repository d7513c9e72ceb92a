using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Daemon.Tests.Hosting;

/// <summary>The lock that keeps a second <c>run</c> off a state directory, against real flocks.</summary>
public sealed class InstanceLockTests
{
    [Fact]
    public void The_lock_is_taken_once_and_free_again_after_release()
    {
        using var root = new TemporaryDirectory();
        var settings = new AgentSettings { Root = root.Path, StateDirectory = "/var/lib/state" };
        var fileSystem = new RootedFileSystem(root.Path);
        var lockPath = root.Combine("var", "lib", "state", "run.lock");

        using (InstanceLock.Take(settings, fileSystem, NullLogger.Instance))
        {
            Assert.True(File.Exists(lockPath));
            // The lock belongs to the open file description, so even this process cannot take it twice.
            var error = Assert.Throws<DaemonException>(() => InstanceLock.Take(settings, fileSystem, NullLogger.Instance));
            Assert.Equal($"another guest-agent run is already serving from this state directory: {lockPath} is locked; stop it first (the lock is released when it exits)", error.Message);
        }

        using var again = InstanceLock.Take(settings, fileSystem, NullLogger.Instance);
        Assert.Equal(lockPath, again!.HostPath);
    }

    [Fact]
    public async Task A_lock_held_by_another_process_is_seen_and_its_release_frees_it()
    {
        using var root = new TemporaryDirectory();
        var settings = new AgentSettings { Root = root.Path };
        var fileSystem = new RootedFileSystem(root.Path);
        using (InstanceLock.Take(settings, fileSystem, NullLogger.Instance))
        {
            // Creates the lock file for the competing flock below.
        }

        var competitor = await CompetingLock.HoldAsync(root.Combine("var", "lib", "guest-agent", "run.lock"), "flock");
        await using (competitor)
        {
            Assert.Throws<DaemonException>(() => InstanceLock.Take(settings, fileSystem, NullLogger.Instance));
            await competitor.ReleaseAsync();
        }

        using var taken = InstanceLock.Take(settings, fileSystem, NullLogger.Instance);
    }

    [Fact]
    public void A_state_directory_linked_with_an_absolute_target_is_locked_where_the_link_leads_under_the_root()
    {
        // As in a chroot, /TARGET is the root's; the host has no such directory, so the lexical path leads nowhere.
        using var root = new TemporaryDirectory();
        var target = "/state-" + Guid.NewGuid().ToString("N");
        FixtureDirectories.Create(root.Path + target);
        FixtureDirectories.Create(root.Combine("var", "lib"));
        File.CreateSymbolicLink(root.Combine("var", "lib", "guest-agent"), target);
        var settings = new AgentSettings { Root = root.Path };
        var fileSystem = new RootedFileSystem(root.Path);
        var lockPath = root.Path + target + "/run.lock";
        var logger = new RecordingLogger<InstanceLockTests>();

        using var taken = InstanceLock.Take(settings, fileSystem, logger);

        Assert.Empty(logger.Entries);
        Assert.Equal(lockPath, taken?.HostPath);
        // The message names the file another agent holds, which is what fuser or lsof would be asked about.
        var error = Assert.Throws<DaemonException>(() => InstanceLock.Take(settings, fileSystem, NullLogger.Instance));
        Assert.Equal($"another guest-agent run is already serving from this state directory: {lockPath} is locked; stop it first (the lock is released when it exits)", error.Message);
    }

    [Fact]
    public void A_lock_that_cannot_be_made_is_logged_and_the_agent_serves_without_it()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("var"), "a file where a directory should be");
        var settings = new AgentSettings { Root = root.Path };
        var logger = new RecordingLogger<InstanceLockTests>();

        var taken = InstanceLock.Take(settings, new RootedFileSystem(root.Path), logger);

        Assert.Null(taken);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.StartsWith($"Cannot lock {root.Path}/var/lib/guest-agent/run.lock against a second agent (", entry.Message, StringComparison.Ordinal);
        Assert.EndsWith("); serving without that guard", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_state_directory_is_made_private_and_an_existing_one_keeps_its_mode()
    {
        using var root = new TemporaryDirectory();
        var fileSystem = new RootedFileSystem(root.Path);

        using (InstanceLock.Take(new AgentSettings { Root = root.Path, StateDirectory = "/var/lib/fresh" }, fileSystem, NullLogger.Instance))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(root.Combine("var", "lib", "fresh")));
        }

        var shared = Directory.CreateDirectory(root.Combine("var", "lib", "shared"));
        shared.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        using (InstanceLock.Take(new AgentSettings { Root = root.Path, StateDirectory = "/var/lib/shared" }, fileSystem, NullLogger.Instance))
        {
            Assert.Equal(shared.UnixFileMode, File.GetUnixFileMode(shared.FullName));
        }
    }

    [Fact]
    public void A_state_directory_it_may_not_create_is_logged_and_the_agent_serves_without_the_lock()
    {
        // Tests run as root here, whom permissions do not stop: the refusal (EACCES) is the file system's.
        using var root = new TemporaryDirectory();
        var logger = new RecordingLogger<InstanceLockTests>();

        var taken = InstanceLock.Take(new AgentSettings { Root = root.Path }, new RefusingFileSystem(new RootedFileSystem(root.Path)), logger);

        Assert.Null(taken);
        Assert.Equal(
            $"Cannot lock {root.Path}/var/lib/guest-agent/run.lock against a second agent (Access to the path '/var/lib/guest-agent' is denied.); serving without that guard",
            Assert.Single(logger.At(LogLevel.Error)));
    }

    /// <summary>The real file system, except that creating a directory is refused as EACCES is.</summary>
    private sealed class RefusingFileSystem(IFileSystem inner) : DelegatingFileSystem(inner)
    {
        public override void CreateDirectory(string path, UnixFileMode mode, FileOwner? owner = null) =>
            throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
    }
}
