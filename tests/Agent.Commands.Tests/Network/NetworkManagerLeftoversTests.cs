using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What the real NetworkManager (<see cref="NetworkManagerScenario"/>) leaves on an interface a
/// <c>resetnetwork</c> no longer configures, after the change, after a reboot and after a rollback
/// of the change; and on an interface whose connection before the change an operator had brought up
/// by hand (<c>autoconnect=no</c>), after a rollback. The rollback is what <see cref="NetworkApplier"/>
/// does: every file put back, then the steps it repeats on rollback, from the plan over the files
/// before the change.
/// </summary>
public sealed class NetworkManagerLeftoversTests
{
    private const string Address1 = "10.0.12.7/16";

    /// <summary>cloud-init's connection for eth1 (by MAC, priority 120), or none.</summary>
    public static TheoryData<bool> ForeignOnEth1() => new() { false, true };

    [Theory]
    [MemberData(nameof(ForeignOnEth1))]
    public async Task An_interface_a_second_reset_drops_is_left_as_at_boot(bool foreign)
    {
        var (a, b) = (NetworkFixture.Load("several-interfaces"), NetworkFixture.Load("ipv4-only"));
        var (configurationA, configurationB) = (a.Build(), b.Build());
        using var scenario = new NetworkManagerScenario(a.Interfaces);
        var renderedA = Render(configurationA, []);
        scenario.WriteRendered(renderedA);
        WriteForeign(scenario, foreign);

        var phases = await scenario.Started("first")
            .Applied("second", Render(configurationB, renderedA.Files), Plan(configurationB, renderedA.Files))
            .Later("running")
            .Rebooted("rebooted")
            .RunAsync();

        NetworkManagerDaemonTests.AssertApplied(configurationA, phases["first"].State, NetworkManagerRenderer.ConnectionId);
        Assert.All(phases["second"].Exits, exit => Assert.True(exit.Value == 0, $"'{exit.Key}' exited with {exit.Value}:\n{phases["second"].State.Transcript}"));
        foreach (var phase in new[] { "second", "rebooted" })
        {
            var state = phases[phase].State;
            NetworkManagerDaemonTests.AssertApplied(configurationB, state, NetworkManagerRenderer.ConnectionId);
            AssertEth1Foreign(state, foreign, phase);
        }
    }

    [Theory]
    [MemberData(nameof(ForeignOnEth1))]
    public async Task A_rollback_brings_our_connection_back_up_on_an_interface_the_change_dropped(bool foreign)
    {
        var (a, b) = (NetworkFixture.Load("several-interfaces"), NetworkFixture.Load("ipv4-only"));
        var (configurationA, configurationB) = (a.Build(), b.Build());
        using var scenario = new NetworkManagerScenario(a.Interfaces);
        var renderedA = Render(configurationA, []);
        scenario.WriteRendered(renderedA);
        WriteForeign(scenario, foreign);
        var plan = Plan(configurationB, renderedA.Files);
        var failing = ApplyStep.Run("false");

        var phases = await scenario.Started("first")
            .Applied("failed", Render(configurationB, renderedA.Files), plan with { AfterWrite = [.. plan.AfterWrite, failing] })
            .Applied("rolled back", renderedA, new ApplyPlan([], NetworkApplier.RepeatedOnRollback(plan)))
            .RunAsync();

        NetworkManagerDaemonTests.AssertApplied(configurationA, phases["first"].State, NetworkManagerRenderer.ConnectionId);
        AssertEth1Foreign(phases["failed"].State, foreign, "failed");
        var rolledBack = phases["rolled back"];
        Assert.All(rolledBack.Exits, exit => Assert.True(exit.Value == 0, $"the rollback's '{exit.Key}' exited with {exit.Value}:\n{rolledBack.State.Transcript}"));
        // The answer says the previous configuration was applied again: eth1's connection of ours with it.
        NetworkManagerDaemonTests.AssertApplied(configurationA, rolledBack.State, NetworkManagerRenderer.ConnectionId);
        Assert.True(!rolledBack.State.Addresses.Contains("eth1 198.51.100.8/24"), $"cloud-init's address is still on eth1 after the rollback:\n{rolledBack.State.Transcript}");
    }

    [Fact(Skip = "Known defect (session 61): the rollback leaves eth0 without the operator's autoconnect=no connection it had; bringing it back needs what NetworkManager had active before the change, which the plan (made from files) does not know")]
    public async Task A_failed_first_reset_brings_back_an_operators_connection_brought_up_by_hand()
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        using var scenario = new NetworkManagerScenario(fixture.Interfaces);
        scenario.Write("operator eth0.nmconnection", """
            [connection]
            id=operator eth0
            uuid=3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11
            type=ethernet
            interface-name=eth0
            autoconnect=false

            [ipv4]
            method=manual
            address1=198.51.100.7/24
            gateway=198.51.100.1

            [ipv6]
            method=ignore

            """);
        var rendered = Render(configuration, []);
        var plan = Plan(configuration, []);
        var failing = ApplyStep.Run("false");

        var phases = await scenario.Started("started")
            .Applied("by hand", new RenderResult([], []), new ApplyPlan([], [ApplyStep.Run("nmcli", "connection", "up", "operator eth0")]))
            .Applied("failed", rendered, plan with { AfterWrite = [.. plan.AfterWrite, failing] })
            .Applied("rolled back", new RenderResult([], [.. rendered.Files.Select(f => f.Path)]), new ApplyPlan([], NetworkApplier.RepeatedOnRollback(plan)))
            .RunAsync();

        Assert.True(phases["by hand"].State.Devices["eth0"].Connection == "operator eth0", $"the operator's connection was not active first:\n{phases["by hand"].State.Transcript}");
        Assert.True(phases["failed"].State.Devices["eth0"].Connection == NetworkManagerRenderer.ConnectionId("eth0"), $"ours did not take eth0:\n{phases["failed"].State.Transcript}");
        var state = phases["rolled back"].State;
        Assert.All(phases["rolled back"].Exits, exit => Assert.True(exit.Value == 0, $"the rollback's '{exit.Key}' exited with {exit.Value}:\n{state.Transcript}"));
        Assert.True(
            state.Devices["eth0"].Connection == "operator eth0" && state.Addresses.Contains("eth0 198.51.100.7/24"),
            $"eth0 has '{state.Devices["eth0"].Connection}', not the operator's connection it had before, after a rollback that says the previous configuration is back:\n{state.Transcript}");
    }

    [Fact]
    public void A_rollback_brings_up_again_our_connections_of_the_interfaces_the_change_drops()
    {
        var view = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NetworkManagerRenderer.PathFor("eth0")] = "",
            [NetworkManagerRenderer.PathFor("eth1")] = "",
            [NetworkManagerRenderer.PathFor("eth2") + ".bak"] = "",
            ["/etc/NetworkManager/system-connections/cloud-init eth3.nmconnection"] = "",
        });

        var plan = NetworkBackends.For(NetworkBackend.NetworkManager).PlanApply(["eth0"], SystemProbe.Probe(view), view);

        Assert.Equal(["nmcli connection reload", "nmcli connection up guest-agent-eth0"], plan.AfterWrite.Select(s => s.Name));
        Assert.Equal(["nmcli connection reload", "nmcli connection up guest-agent-eth0", "nmcli connection up guest-agent-eth1"], NetworkApplier.RepeatedOnRollback(plan).Select(s => s.Name));
        // Its NIC may be gone (why the interface was dropped): then there is nothing to bring up, and nothing to put back.
        Assert.False(NetworkApplier.RepeatedOnRollback(plan)[^1].MustSucceed);
        // The planner keeps them in the plan the applier records (recovery after a crash runs them too).
        Assert.Equal(["nmcli connection up guest-agent-eth1"], ApplyPlanner.Plan(NetworkBackend.NetworkManager, NetworkFixture.Load("ipv4-only").Build(), SystemProbe.Probe(view), view).OnlyOnRollback.Select(s => s.Name));
    }

    /// <summary>Foreign connections at 999 too, each by name and by UUID on either side of ours.</summary>
    public static TheoryData<string, string> Ties() => new()
    {
        { "aaa eth0", "00000000-0000-4000-8000-000000000001" },
        { "zzz eth0", "ffffffff-ffff-4fff-bfff-fffffffffff1" },
    };

    [Theory(Skip = "Known defect (session 61): NetworkManager orders connections of equal autoconnect-priority by their timestamp (whole seconds: the one ours took the device from is stamped as it goes, in the same second as ours) and then by UUID, the smaller first; 'aaa eth0' wins eth0 at the next boot after a success answer")]
    [MemberData(nameof(Ties))]
    public async Task A_foreign_connection_at_999_ties_with_ours(string id, string uuid)
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        using var scenario = new NetworkManagerScenario(fixture.Interfaces);
        scenario.Write(id + ".nmconnection", $"""
            [connection]
            id={id}
            uuid={uuid}
            type=ethernet
            interface-name=eth0
            autoconnect-priority=999

            [ipv4]
            method=manual
            address1=198.51.100.7/24

            [ipv6]
            method=ignore

            """);

        var phases = await scenario.Started("foreign")
            .Applied("ours", Render(configuration, []), Plan(configuration, []))
            .Rebooted("power cut", abruptly: true)
            .Later("running")
            .Rebooted("rebooted later")
            .RunAsync();

        Assert.True(phases["foreign"].State.Devices["eth0"].Connection == id, $"the foreign connection was not active first:\n{phases["foreign"].State.Transcript}");
        foreach (var phase in new[] { "ours", "power cut", "rebooted later" })
        {
            var state = phases[phase].State;
            Assert.True(state.Devices["eth0"].Connection == NetworkManagerRenderer.ConnectionId("eth0"), $"{phase}: eth0 has '{state.Devices["eth0"].Connection}':\n{state.Transcript}");
        }
    }

    private static void WriteForeign(NetworkManagerScenario scenario, bool foreign)
    {
        if (foreign)
        {
            scenario.Write("cloud-init eth1.nmconnection", """
                [connection]
                id=cloud-init eth1
                uuid=2c6e8f6a-71c4-5b7e-8f4e-6a1d2b3c4d5e
                type=ethernet
                autoconnect-priority=120

                [ethernet]
                mac-address=00:16:3E:00:00:02

                [ipv4]
                method=manual
                address1=198.51.100.8/24

                [ipv6]
                method=ignore

                """);
        }
    }

    /// <summary>eth1, no longer configured: none of our connection or addresses, and cloud-init's connection when it has one.</summary>
    private static void AssertEth1Foreign(NetworkManagerOutcome state, bool foreign, string phase)
    {
        var connection = state.Devices["eth1"].Connection;
        Assert.True(connection == (foreign ? "cloud-init eth1" : ""), $"{phase}: eth1 has '{connection}':\n{state.Transcript}");
        Assert.True(!state.Addresses.Contains("eth1 " + Address1), $"{phase}: our old address is still on eth1:\n{state.Transcript}");
        Assert.True(state.Addresses.Contains("eth1 198.51.100.8/24") == foreign, $"{phase}: cloud-init's address on eth1 is {(foreign ? "missing" : "there")}:\n{state.Transcript}");
    }

    /// <summary>What the renderer writes over <paramref name="existing"/> (the keyfiles a previous reset left, which it may move aside).</summary>
    private static RenderResult Render(NetworkConfiguration configuration, IReadOnlyList<RenderedFile> existing) =>
        new NetworkManagerRenderer().Render(configuration, View(existing));

    /// <summary>The backend's plan over <paramref name="existing"/>, the files before the change.</summary>
    private static ApplyPlan Plan(NetworkConfiguration configuration, IReadOnlyList<RenderedFile> existing)
    {
        var view = View(existing);
        return NetworkBackends.For(NetworkBackend.NetworkManager).PlanApply(configuration.Interfaces.Select(nic => nic.Name).ToArray(), SystemProbe.Probe(view), view);
    }

    private static InMemoryFileView View(IReadOnlyList<RenderedFile> existing) =>
        new(existing.ToDictionary(f => f.Path, f => f.Contents, StringComparer.Ordinal));
}
