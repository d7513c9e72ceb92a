using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// The change lock on its own, in a real state directory: whichever way it is taken, its directory
/// is made (or made again) private first, and a change whose time to apply is already spent still
/// takes a free lock rather than failing on a wait below zero.
/// </summary>
public sealed class NetworkChangeLockTests
{
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public void A_recovery_s_lock_makes_the_widened_record_directory_private_again()
    {
        using var root = new FakeRoot();
        FixtureDirectories.Create(root.Host("/var/lib/guest-agent/resetnetwork"));
        File.SetUnixFileMode(root.Host("/var/lib/guest-agent/resetnetwork"), PrivateDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var system = root.CreateSystem();

        using var held = NetworkChangeLock.TryTake(system, new TransactionStore(system, FakeRoot.StateDirectory, NullLogger.Instance));

        Assert.NotNull(held);
        Assert.Equal(PrivateDirectory, root.Mode("/var/lib/guest-agent/resetnetwork"));
        Assert.True(File.Exists(root.Host("/var/lib/guest-agent/resetnetwork/lock")));
    }

    [Fact]
    public async Task A_spent_deadline_still_takes_a_free_lock()
    {
        using var root = new FakeRoot();
        var clock = new FakeTimeProvider();
        var system = root.CreateSystem() with { Time = clock };
        var deadline = new StepDeadline(clock, clock.GetTimestamp(), TimeSpan.FromSeconds(1), "the 1 s allowed for applying");
        clock.Advance(TimeSpan.FromSeconds(2));

        using var held = await NetworkChangeLock.TakeAsync(system, new TransactionStore(system, FakeRoot.StateDirectory, NullLogger.Instance), deadline, TestContext.Current.CancellationToken);

        Assert.Equal(PrivateDirectory, root.Mode("/var/lib/guest-agent/resetnetwork"));
        // Held: a second attempt finds it taken.
        Assert.Null(NetworkChangeLock.TryTake(system, new TransactionStore(system, FakeRoot.StateDirectory, NullLogger.Instance)));
    }
}
