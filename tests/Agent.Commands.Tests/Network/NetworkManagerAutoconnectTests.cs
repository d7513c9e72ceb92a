using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A device with no active connection before the change, on the real NetworkManager (<see cref="NetworkManagerScenario"/>):
/// whether its autoconnect was still on (no carrier at the time, its connection taken down with <c>nmcli connection
/// down</c>) or off (an operator's <c>nmcli device disconnect</c>), which the reset asks (<see cref="NetworkManagerDevices"/>).
/// A rollback leaves it without a connection either way, and where autoconnect was on, able to get one again when its
/// carrier returns, as the restored files would give it at boot; where it was off, off for the boot.
/// </summary>
public sealed class NetworkManagerAutoconnectTests
{
    private static readonly RenderResult Nothing = new([], []);

    /// <summary>The veth's peer down: eth0 loses its carrier, and NetworkManager, once the loss has lasted its 6 seconds (a brief one is ignored), takes its connection down and calls it unavailable.</summary>
    private static readonly ApplyPlan CarrierDown = new([], [ApplyStep.Run("ip", "link", "set", "gapeer0", "down"), ApplyStep.Run("sleep", "8")]);

    /// <summary>The carrier back, and time for NetworkManager to act on it.</summary>
    private static readonly ApplyPlan CarrierBack = new([], [ApplyStep.Run("ip", "link", "set", "gapeer0", "up"), ApplyStep.Run("sleep", "5")]);

    /// <summary>
    /// A connection for eth0 appearing later (cloud-init's keyfile written, <c>nmcli connection reload</c>): NetworkManager's
    /// autoconnect activates it on a device whose autoconnect is on, and not on one it was turned off on.
    /// </summary>
    private static readonly RenderResult CloudInitLater = new(
        [new RenderedFile(Path.Combine(Path.GetDirectoryName(NetworkManagerRenderer.PathFor("eth0"))!, "cloud-init eth0.nmconnection"), NetworkManagerLeftoversTests.CloudInitEth0, UnixFileMode.UserRead | UnixFileMode.UserWrite)],
        []);

    private static readonly ApplyPlan Reloaded = new([], [ApplyStep.Run("nmcli", "connection", "reload"), ApplyStep.Run("sleep", "3")]);

    [Fact]
    public async Task A_rollback_leaves_a_device_without_carrier_able_to_connect_when_its_carrier_returns()
    {
        var (phases, plan) = await ChangedAndUndoneAsync(CarrierDown, expectedState: NetworkManagerDevices.Unavailable, expectedAutoconnect: true, oursBefore: false, cloudInit: true, Nothing, after: CarrierBack);

        // Nothing beyond the reload: ours is gone with its keyfile, and anything else would block a connection or the device.
        Assert.Equal("nmcli connection reload", Steps(plan));
        // Not unavailable again: the change's 'up' activated ours without a carrier (NetworkManager 1.42 does, for static
        // addresses), and a device once activated is 'disconnected', not 'unavailable', when that connection goes, until its
        // carrier changes. So autoconnect may give it cloud-init's at once, on a link without a carrier: what the carrier's
        // return would give it. Never ours, whose keyfile the rollback removed.
        var undone = phases["undone"].State;
        Assert.True(undone.Devices["eth0"].Connection is "" or "cloud-init eth0", $"undone, eth0 has '{undone.Devices["eth0"].Connection}' (rollback steps: {Steps(plan)}):\n{undone.Transcript}");
        var back = phases["after"].State;
        Assert.True(
            back.Devices["eth0"].Connection == "cloud-init eth0",
            $"with its carrier back, eth0 has '{back.Devices["eth0"].Connection}', not cloud-init's connection as at boot (rollback steps: {Steps(plan)}):\n{back.Transcript}");
    }

    /// <summary>
    /// Our connection taken down by hand (<c>nmcli connection down</c>: that connection blocked, the device's autoconnect on):
    /// the rollback takes ours down again, not the device, so a connection appearing later still gets the device.
    /// </summary>
    [Fact]
    public async Task A_rollback_takes_our_connection_down_again_where_it_was_taken_down_by_hand_and_leaves_the_device_autoconnecting()
    {
        var down = new ApplyPlan([], [ApplyStep.Run("nmcli", "connection", "down", NetworkManagerRenderer.ConnectionId("eth0"))]);
        var (phases, plan) = await ChangedAndUndoneAsync(down, expectedState: 30, expectedAutoconnect: true, oursBefore: true, cloudInit: false, CloudInitLater, Reloaded);

        Assert.Contains(NetworkApplier.RepeatedOnRollback(plan), step => step.Name == $"nmcli connection down {NetworkManagerRenderer.ConnectionId("eth0")}" && step.ThisBootOnly);
        Assert.DoesNotContain(NetworkApplier.RepeatedOnRollback(plan), step => step.Name.StartsWith("nmcli device disconnect", StringComparison.Ordinal));
        Assert.True(phases["undone"].Exits[$"nmcli connection down {NetworkManagerRenderer.ConnectionId("eth0")}"] == 0, phases["undone"].State.Transcript);
        Assert.True(phases["undone"].State.Devices["eth0"].Connection == "", phases["undone"].State.Transcript);
        // Ours blocked as by the operator, the device not: autoconnect gives it the connection that appears later.
        var later = phases["after"].State;
        Assert.True(later.Devices["eth0"].Connection == "cloud-init eth0", $"with cloud-init's connection added, eth0 has '{later.Devices["eth0"].Connection}' (rollback steps: {Steps(plan)}):\n{later.Transcript}");
    }

    /// <summary>An operator's <c>nmcli device disconnect</c>: autoconnect off; the rollback disconnects it again, and it stays so for the boot, a connection appearing later or not.</summary>
    [Fact]
    public async Task A_rollback_disconnects_again_a_device_disconnected_by_hand()
    {
        var disconnect = new ApplyPlan([], [ApplyStep.Run("nmcli", "device", "disconnect", "eth0")]);
        var (phases, plan) = await ChangedAndUndoneAsync(disconnect, expectedState: 30, expectedAutoconnect: false, oursBefore: true, cloudInit: false, CloudInitLater, Reloaded);

        Assert.Contains(NetworkApplier.RepeatedOnRollback(plan), step => step.Name == "nmcli device disconnect eth0" && step.ThisBootOnly);
        Assert.True(phases["undone"].State.Devices["eth0"].Connection == "", phases["undone"].State.Transcript);
        var later = phases["after"].State;
        Assert.True(later.Devices["eth0"].Connection == "", $"eth0 got '{later.Devices["eth0"].Connection}' from a connection added later, which the operator's disconnect did not allow:\n{later.Transcript}");
    }

    /// <summary>NetworkManager not saying whether the device autoconnects (not asked, or a word not read): disconnected as before the question was asked.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Where_NetworkManager_did_not_say_whether_a_device_autoconnects_the_rollback_disconnects_it_as_before(bool asked)
    {
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        var devices = asked ? new Dictionary<string, DeviceAutoconnect>(StringComparer.Ordinal) { ["eth0"] = new(30, null) } : null;
        var plan = NetworkManagerLeftoversTests.Plan(configuration, [], new Dictionary<string, ActiveConnection>(StringComparer.Ordinal), devices);
        Assert.Equal("nmcli connection reload, nmcli device disconnect eth0", Steps(plan));
        Assert.True(NetworkApplier.RepeatedOnRollback(plan)[^1].ThisBootOnly);
    }

    [Theory]
    [InlineData("GENERAL.DEVICE:eth0\nGENERAL.STATE:20 (unavailable)\nGENERAL.AUTOCONNECT:yes\n\nGENERAL.DEVICE:eth1\nGENERAL.STATE:30 (disconnected)\nGENERAL.AUTOCONNECT:no\n", "eth0=20/True eth1=30/False")]
    [InlineData("GENERAL.DEVICE:eth0\nGENERAL.STATE:30 (getrennt)\nGENERAL.AUTOCONNECT:ja\n", "eth0=30/")]
    [InlineData("GENERAL.DEVICE:eth0\nGENERAL.AUTOCONNECT:no\nGENERAL.DEVICE:eth0\nGENERAL.AUTOCONNECT:yes\n", "eth0=/False")]
    [InlineData("", "")]
    public void The_devices_answer_is_read_by_state_number_and_autoconnect_word(string output, string expected)
    {
        var devices = NetworkManagerDevices.Parse(output);
        Assert.NotNull(devices);
        Assert.Equal(expected, string.Join(' ', devices.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value.State}/{d.Value.Autoconnect}")));
    }

    [Theory]
    [InlineData("GENERAL.STATE:20 (unavailable)\n")]
    [InlineData("GENERAL.DEVICE:eth0\nGENERAL.TYPE:ethernet\n")]
    [InlineData("GENERAL.DEVICE:eth0\nsomething\n")]
    public void A_devices_answer_with_a_line_that_cannot_be_read_is_unknown(string output) =>
        Assert.Null(NetworkManagerDevices.Parse(output));

    /// <summary>
    /// On a machine with cloud-init's keyfile for eth0 where <paramref name="cloudInit"/> and ours where <paramref name="oursBefore"/>: <paramref name="operated"/>,
    /// then both questions the reset asks, which must say eth0 has no connection, in <paramref name="expectedState"/> with
    /// <paramref name="expectedAutoconnect"/>. Then, brought to the same state again, the change to ipv4-only failing after its
    /// steps and rolled back by the plan made from those answers ("undone"), and <paramref name="written"/> written and <paramref name="after"/> run ("after").
    /// </summary>
    private static async Task<(IReadOnlyDictionary<string, NetworkManagerPhase> Phases, ApplyPlan Plan)> ChangedAndUndoneAsync(
        ApplyPlan operated, int expectedState, bool expectedAutoconnect, bool oursBefore, bool cloudInit, RenderResult written, ApplyPlan after)
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        var before = oursBefore ? NetworkManagerLeftoversTests.Render(configuration, []) : Nothing;
        NetworkManagerScenario Machine() => NetworkManagerScenario.WithOurs(fixture.Interfaces, before, cloudInit);

        IReadOnlyDictionary<string, ActiveConnection>? active;
        IReadOnlyDictionary<string, DeviceAutoconnect>? devices;
        using (var asking = Machine())
        {
            var asked = await asking.Started("first").Applied("operated", Nothing, operated)
                .Queried("active", NetworkManagerActiveConnections.Query(NmcliQuestion.Timeout))
                .Queried("devices", NetworkManagerDevices.Query(NmcliQuestion.Timeout))
                .RunAsync();
            active = NetworkManagerActiveConnections.Parse(asked["active"].Answer);
            devices = NetworkManagerDevices.Parse(asked["devices"].Answer);
            var transcript = asked["devices"].State.Transcript;
            Assert.True(active is not null && !active.ContainsKey("eth0"), $"NetworkManager's answer: {asked["active"].Answer}\n{transcript}");
            Assert.True(
                devices is not null && devices.TryGetValue("eth0", out var eth0) && eth0.State == expectedState && eth0.Autoconnect == expectedAutoconnect,
                $"NetworkManager's answer: {asked["devices"].Answer}\n{transcript}");
        }

        var plan = NetworkManagerLeftoversTests.Plan(configuration, before.Files, active, devices);
        var changed = NetworkManagerLeftoversTests.Render(configuration, before.Files);
        var restored = oursBefore ? before : new RenderResult([], [NetworkManagerRenderer.PathFor("eth0")]);
        using var scenario = Machine();
        var phases = await scenario.Started("first").Applied("operated", Nothing, operated)
            .Applied("changed", changed, plan with { AfterWrite = [.. plan.AfterWrite, ApplyStep.Run("false")] })
            .Applied("undone", restored, new ApplyPlan([], NetworkApplier.RepeatedOnRollback(plan)))
            .Applied("after", written, after)
            .RunAsync();
        return (phases, plan);
    }

    private static string Steps(ApplyPlan plan) => string.Join(", ", NetworkApplier.RepeatedOnRollback(plan).Select(s => s.Name));
}
