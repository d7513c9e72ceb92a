using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// A NetworkManager keyfile a second <c>resetnetwork</c> moved aside (eth1, no longer configured) to
/// its inert <c>.bak~</c> (<see cref="NetworkBackups"/>), over an earlier <c>.bak~</c> of other
/// contents: a rollback, and the recovery after a crash, find it under that name and rename it back,
/// the very file it was, with the earlier <c>.bak~</c> back too; the answer says so.
/// </summary>
public sealed class MovedKeyfileRestoreTests : IDisposable
{
    private static readonly ProcessResult Success = new(0, "", "");
    private static readonly string Eth0 = NetworkManagerRenderer.PathFor("eth0");
    private static readonly string Eth1 = NetworkManagerRenderer.PathFor("eth1");
    private static readonly ApplyPlan Plan = new([], [ApplyStep.Run("nmcli", "connection", "reload"), ApplyStep.Run("nmcli", "connection", "up", "guest-agent-eth0")]);
    private static readonly RenderResult Files = new([new RenderedFile(Eth0, "new eth0\n", RenderedFile.Private)], [Eth1]);

    private readonly CommandRoot _root = new();
    private readonly string _before;
    private readonly string _eth1;

    public MovedKeyfileRestoreTests()
    {
        _root.WriteFile(Eth0, "old eth0\n", "600");
        _root.WriteFile(Eth1, "old eth1\n", "600");
        _root.WriteFile(Eth1 + ".bak~", "an earlier eth1\n", "600");
        _before = TreeSnapshot.TakeExceptState(_root.HostPath("/"));
        _eth1 = Inodes.Of(_root.HostPath(Eth1));
    }

    [Fact]
    public async Task A_rollback_renames_the_moved_keyfile_back_and_says_the_previous_configuration_is_back()
    {
        var ups = 0;
        var programs = new ScriptedProcessRunner(spec => spec.Arguments.Contains("up") && ups++ == 0 ? new ProcessResult(4, "", "Error: Connection activation failed") : Success);

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(_root.System with { Processes = programs }, NullLogger.Instance).ApplyAsync(Files, Plan, TestContext.Current.CancellationToken));

        Assert.EndsWith("; the previous configuration was restored and applied again", error.Message, StringComparison.Ordinal);
        AssertRestored();
    }

    [Fact]
    public async Task The_recovery_after_a_crash_renames_the_moved_keyfile_back()
    {
        var crashing = new ScriptedProcessRunner(spec => spec.Arguments.Contains("up") ? throw new SimulatedCrash() : Success);
        await Assert.ThrowsAsync<SimulatedCrash>(() =>
            new NetworkApplier(_root.System with { Processes = crashing }, NullLogger.Instance).ApplyAsync(Files, Plan, TestContext.Current.CancellationToken));
        Assert.Equal("old eth1\n", File.ReadAllText(_root.HostPath(Eth1 + ".bak~")));

        var outcome = await new NetworkRecovery(_root.System with { Processes = new ScriptedProcessRunner(_ => Success) }, new NetworkOptions(), new RecordingLogger<NetworkRecovery>())
            .RecoverAsync(TestContext.Current.CancellationToken);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, outcome);
        AssertRestored();
    }

    public void Dispose() => _root.Dispose();

    /// <summary>Every file back, the earlier <c>.bak~</c> too, and eth1's keyfile the very file it was (renamed back, not written again).</summary>
    private void AssertRestored()
    {
        Assert.Equal(_before, TreeSnapshot.TakeExceptState(_root.HostPath("/")));
        Assert.Equal(_eth1, Inodes.Of(_root.HostPath(Eth1)));
    }
}
