using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Platform;
using GuestAgent.Testing;

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

        using (InstanceLock.Take(settings, fileSystem))
        {
            Assert.True(File.Exists(lockPath));
            // The lock belongs to the open file description, so even this process cannot take it twice.
            var error = Assert.Throws<DaemonException>(() => InstanceLock.Take(settings, fileSystem));
            Assert.Equal($"another guest-agent run is already serving from this state directory: {lockPath} is locked; stop it first (the lock is released when it exits)", error.Message);
        }

        using var again = InstanceLock.Take(settings, fileSystem);
        Assert.Equal(lockPath, again.HostPath);
    }

    [Fact]
    public async Task A_lock_held_by_another_process_is_seen_and_its_release_frees_it()
    {
        using var root = new TemporaryDirectory();
        var settings = new AgentSettings { Root = root.Path };
        var fileSystem = new RootedFileSystem(root.Path);
        using (InstanceLock.Take(settings, fileSystem))
        {
            // Creates the lock file for the competing flock below.
        }

        var competitor = await CompetingLock.HoldAsync(root.Combine("var", "lib", "guest-agent", "run.lock"), "flock");
        await using (competitor)
        {
            Assert.Throws<DaemonException>(() => InstanceLock.Take(settings, fileSystem));
            await competitor.ReleaseAsync();
        }

        using var taken = InstanceLock.Take(settings, fileSystem);
    }

    [Fact]
    public void A_state_directory_that_cannot_be_created_is_a_clear_failure()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("var"), "a file where a directory should be");
        var settings = new AgentSettings { Root = root.Path };

        var error = Assert.Throws<DaemonException>(() => InstanceLock.Take(settings, new RootedFileSystem(root.Path)));

        Assert.StartsWith($"cannot lock {root.Path}/var/lib/guest-agent/run.lock against a second agent: ", error.Message, StringComparison.Ordinal);
    }
}
