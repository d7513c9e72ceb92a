using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The rollback of a first <c>resetnetwork</c> on NetworkManager, run by the real daemon
/// (<see cref="NetworkManagerScenario"/>): our keyfile is written, reloaded and brought up, a later
/// step fails, the rollback removes the keyfile again and runs what <see cref="NetworkApplier"/>
/// repeats on rollback (the same steps a recovery after a crash reads from the record). What the
/// interface had before, a connection an image or cloud-init left or none, is what it has after.
/// </summary>
public sealed class NetworkManagerRollbackTests
{
    private const string Foreign = "cloud-init eth0";

    [Fact]
    public async Task A_failed_first_reset_gives_the_interface_back_to_the_connection_it_had()
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        using var scenario = new NetworkManagerScenario(fixture.Interfaces);
        scenario.Write(Foreign + ".nmconnection", NetworkManagerLeftoversTests.CloudInitKeyfile("eth0", "1dd9a779-d327-56e1-8454-c65e2556c12c", "00:16:3E:00:00:01", "198.51.100.7/24", "198.51.100.1"));

        var phases = await RunFailedFirstReset(scenario, configuration);

        Assert.True(phases["foreign"].State.Devices["eth0"].Connection == Foreign, $"the foreign connection was not active first:\n{phases["foreign"].State.Transcript}");
        var state = phases["rolled back"].State;
        AssertRequiredStepsSucceeded(phases["rolled back"], configuration);
        Assert.True(state.Devices["eth0"].Connection == Foreign, $"eth0 has '{state.Devices["eth0"].Connection}', not {Foreign}, after the rollback:\n{state.Transcript}");
        Assert.True(
            state.Addresses.Contains("eth0 198.51.100.7/24") && NetworkManagerDaemonTests.HasRoute(state.Routes, "default via 198.51.100.1 dev eth0"),
            $"the foreign connection's address or gateway is not back on eth0:\n{state.Transcript}");
        AssertNoneOfOurs(configuration, state);
    }

    [Fact]
    public async Task A_failed_first_reset_leaves_an_interface_that_had_no_connection_without_one()
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        using var scenario = new NetworkManagerScenario(fixture.Interfaces);

        var phases = await RunFailedFirstReset(scenario, configuration);

        var state = phases["rolled back"].State;
        AssertRequiredStepsSucceeded(phases["rolled back"], configuration);
        Assert.True(state.Devices["eth0"].Connection.Length == 0, $"eth0 has '{state.Devices["eth0"].Connection}' after the rollback, none before:\n{state.Transcript}");
        AssertNoneOfOurs(configuration, state);
    }

    [Fact]
    public void A_rollback_brings_up_again_only_our_connections_whose_keyfile_was_there()
    {
        var eth0 = NetworkManagerRenderer.PathFor("eth0");
        var view = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [eth0] = "[connection]\nid=guest-agent-eth0\n",
            [NetworkBackups.PathOf(NetworkManagerRenderer.PathFor("eth1"))] = "[connection]\nid=guest-agent-eth1\n",
        });

        var plan = NetworkBackends.For(NetworkBackend.NetworkManager).PlanApply(["eth0", "eth1"], SystemProbe.Probe(view), view);

        Assert.Equal(["nmcli connection reload", "nmcli connection up guest-agent-eth0", "nmcli connection up guest-agent-eth1"], plan.AfterWrite.Select(s => s.Name));
        Assert.Equal(["nmcli connection reload", "nmcli connection up guest-agent-eth0"], NetworkApplier.RepeatedOnRollback(plan).Select(s => s.Name));
    }

    /// <summary>
    /// A first reset whose steps all succeed, our connection taking eth0, until a later one fails (as
    /// <c>systemctl try-reload-or-restart systemd-resolved.service</c> may), then its rollback: the
    /// keyfile gone (moved to an inert <c>.bak~</c>, as good as deleted to NetworkManager) and the steps
    /// the applier repeats on rollback, from the plan over the files before the change (none of ours).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, NetworkManagerPhase>> RunFailedFirstReset(NetworkManagerScenario scenario, NetworkConfiguration configuration)
    {
        var rendered = new NetworkManagerRenderer().Render(configuration, new InMemoryFileView());
        var plan = Plan(configuration);
        var failing = ApplyStep.Run("false");
        var phases = await scenario.Started("foreign")
            .Applied("failed", rendered, plan with { AfterWrite = [.. plan.AfterWrite, failing] })
            .Applied("rolled back", new RenderResult([], [.. rendered.Files.Select(f => f.Path)]), new ApplyPlan([], NetworkApplier.RepeatedOnRollback(plan)))
            .RunAsync();
        var failed = phases["failed"];
        Assert.True(failed.Exits[failing.Name] != 0 && failed.State.Devices["eth0"].Connection == NetworkManagerRenderer.ConnectionId("eth0"), $"our connection did not take eth0 before the failing step:\n{failed.State.Transcript}");
        return phases;
    }

    /// <summary>Every step the rollback must succeed in did: otherwise the answer says applying the previous configuration again failed.</summary>
    private static void AssertRequiredStepsSucceeded(NetworkManagerPhase phase, NetworkConfiguration configuration)
    {
        var steps = NetworkApplier.RepeatedOnRollback(Plan(configuration));
        Assert.NotEmpty(steps);
        Assert.All(steps.Where(s => s.MustSucceed), step => Assert.True(
            phase.Exits[step.Name] == 0, $"the rollback's '{step.Name}' exited with {phase.Exits[step.Name]}: the answer says applying the previous configuration failed:\n{phase.State.Transcript}"));
    }

    private static void AssertNoneOfOurs(NetworkConfiguration configuration, NetworkManagerOutcome state)
    {
        foreach (var nic in configuration.Interfaces)
        {
            Assert.All(nic.Addresses, address => Assert.False(state.Addresses.Contains($"{nic.Name} {address.Cidr}"), $"{address.Cidr} of ours is still on {nic.Name}:\n{state.Transcript}"));
        }
    }

    private static ApplyPlan Plan(NetworkConfiguration configuration)
    {
        var view = new InMemoryFileView();
        return NetworkBackends.For(NetworkBackend.NetworkManager).PlanApply(configuration.Interfaces.Select(nic => nic.Name).ToArray(), SystemProbe.Probe(view), view);
    }
}
