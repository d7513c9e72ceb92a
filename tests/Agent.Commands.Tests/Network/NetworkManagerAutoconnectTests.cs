using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A device with no active connection before the change whose autoconnect was still on (no carrier at
/// the time), on the real NetworkManager (<see cref="NetworkManagerScenario"/>): a rollback must leave it
/// as it was, without a connection, yet able to get one when its carrier returns, as the restored files
/// would give it at boot. An operator's <c>nmcli device disconnect</c> is the other case
/// (<see cref="NetworkManagerRecoveryAcrossBootsTests"/>): there autoconnect was off, and stays off for the boot.
/// </summary>
public sealed class NetworkManagerAutoconnectTests
{
    [Fact]
    public async Task A_rollback_leaves_a_device_without_carrier_able_to_connect_when_its_carrier_returns()
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        NetworkManagerScenario Machine()
        {
            var scenario = new NetworkManagerScenario(fixture.Interfaces);
            scenario.Write("cloud-init eth0.nmconnection", NetworkManagerLeftoversTests.CloudInitEth0);
            return scenario;
        }

        // The veth's peer down: eth0 loses its carrier, and NetworkManager, once the loss has lasted its
        // 6 seconds (a brief one is ignored), takes its connection down and calls it unavailable.
        var carrierDown = new ApplyPlan([], [ApplyStep.Run("ip", "link", "set", "gapeer0", "down"), ApplyStep.Run("sleep", "8")]);
        var (active, answer) = await NetworkManagerActiveBeforeTests.AskAsync(Machine, s => s.Started("first").Applied("no carrier", new RenderResult([], []), carrierDown));
        Assert.False(active.ContainsKey("eth0"), $"NetworkManager's answer: {answer}");
        var plan = NetworkManagerLeftoversTests.Plan(configuration, [], active);
        var rendered = NetworkManagerLeftoversTests.Render(configuration, []);
        var restored = new RenderResult([], [NetworkManagerRenderer.PathFor("eth0")]);
        var carrierBack = new ApplyPlan([], [ApplyStep.Run("ip", "link", "set", "gapeer0", "up"), ApplyStep.Run("sleep", "5")]);

        using var scenario = Machine();
        var phases = await scenario.Started("first").Applied("no carrier", new RenderResult([], []), carrierDown)
            .Applied("changed", rendered, plan with { AfterWrite = [.. plan.AfterWrite, ApplyStep.Run("false")] })
            .Applied("undone", restored, new ApplyPlan([], NetworkApplier.RepeatedOnRollback(plan)))
            .Applied("carrier back", new RenderResult([], []), carrierBack)
            .RunAsync();

        var undone = phases["undone"].State;
        Assert.True(undone.Devices["eth0"].Connection == "", $"undone, eth0 has '{undone.Devices["eth0"].Connection}' without a carrier:\n{undone.Transcript}");
        var back = phases["carrier back"].State;
        Assert.True(
            back.Devices["eth0"].Connection == "cloud-init eth0",
            $"with its carrier back, eth0 has '{back.Devices["eth0"].Connection}', not cloud-init's connection as at boot (rollback steps: {string.Join(", ", NetworkApplier.RepeatedOnRollback(plan).Select(s => s.Name))}):\n{back.Transcript}");
    }
}
