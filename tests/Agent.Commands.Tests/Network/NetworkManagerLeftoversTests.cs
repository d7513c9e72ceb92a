using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What the real NetworkManager (<see cref="NetworkManagerScenario"/>) leaves on an interface a
/// <c>resetnetwork</c> no longer configures, after the change, after a reboot and after a rollback
/// of the change; and on an interface whose connection before the change an operator had brought up
/// by hand (<c>autoconnect=no</c>), after a rollback. The rollback is what <see cref="NetworkApplier"/>
/// does: every file put back, then the steps it repeats on rollback, from the plan over the files
/// before the change and, where it matters, what NetworkManager answered had been active
/// (<see cref="NetworkManagerActiveBeforeTests.AskAsync"/>). And what a foreign connection at our
/// autoconnect-priority, 999, does to eth0 after our keyfile is applied over it, a power cut and a later reboot.
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

    /// <summary>Whether cloud-init's connection for eth0 (by MAC, priority 120) was active before the operator brought theirs up by hand.</summary>
    public static TheoryData<bool> CloudInitOnEth0() => new() { false, true };

    [Theory]
    [MemberData(nameof(CloudInitOnEth0))]
    public async Task A_failed_first_reset_brings_back_an_operators_connection_brought_up_by_hand(bool cloudInit)
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        var rendered = Render(configuration, []);
        NetworkManagerScenario Machine()
        {
            var scenario = new NetworkManagerScenario(fixture.Interfaces);
            scenario.Write("operator eth0.nmconnection", OperatorEth0);
            if (cloudInit)
            {
                scenario.Write("cloud-init eth0.nmconnection", CloudInitEth0);
            }

            return scenario;
        }

        // What resetnetwork asks NetworkManager before its change, in that state (the same keyfiles,
        // the same steps): the plan is made from the answer, as the reset makes it.
        var (active, answer) = await NetworkManagerActiveBeforeTests.AskAsync(Machine, s => s.Started("started").Applied("by hand", new RenderResult([], []), ByHand));
        var plan = Plan(configuration, [], active);
        var failing = ApplyStep.Run("false");

        using var scenario = Machine();
        var phases = await scenario.Started("started")
            .Applied("by hand", new RenderResult([], []), ByHand)
            .Queried("asked", NetworkManagerActiveConnections.Query(NmcliQuestion.Timeout))
            .Applied("failed", rendered, plan with { AfterWrite = [.. plan.AfterWrite, failing] })
            .Applied("rolled back", new RenderResult([], [.. rendered.Files.Select(f => f.Path)]), new ApplyPlan([], NetworkApplier.RepeatedOnRollback(plan)))
            .RunAsync();

        Assert.True(phases["started"].State.Devices["eth0"].Connection == (cloudInit ? "cloud-init eth0" : ""), $"eth0 had the wrong connection at the start:\n{phases["started"].State.Transcript}");
        Assert.True(phases["by hand"].State.Devices["eth0"].Connection == "operator eth0", $"the operator's connection was not active first:\n{phases["by hand"].State.Transcript}");
        Assert.Equal(answer, NetworkManagerActiveBeforeTests.WithoutLoopback(phases["asked"].Answer));
        Assert.Equal(["nmcli connection up uuid 3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11 ifname eth0"], plan.OnlyOnRollback.Select(s => s.Name));
        Assert.True(phases["failed"].State.Devices["eth0"].Connection == NetworkManagerRenderer.ConnectionId("eth0"), $"ours did not take eth0:\n{phases["failed"].State.Transcript}");
        var state = phases["rolled back"].State;
        Assert.All(phases["rolled back"].Exits, exit => Assert.True(exit.Value == 0, $"the rollback's '{exit.Key}' exited with {exit.Value}:\n{state.Transcript}"));
        Assert.True(
            state.Devices["eth0"].Connection == "operator eth0" && state.Addresses.Contains("eth0 198.51.100.7/24") && !state.Addresses.Contains("eth0 203.0.113.9/24"),
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

    /// <summary>
    /// Foreign connections for eth0 (MAC 00:16:3e:00:00:01), each with UUID <c>00000000-…</c>, smaller than ours, and a
    /// name before ours, each file's mode and owner: at 999, by name, by MAC, by a <c>[match]</c> glob, at <c>0x3e7</c> (read as 999),
    /// by a MAC NetworkManager cannot read (ignored: any device), by a <c>[match]</c> pattern with a trailing blank (GKeyFile keeps it),
    /// by a mandatory (<c>&amp;</c>) glob, past a <c>mac-address-denylist</c> (a key 1.42 does not know);
    /// and what never takes eth0 at 999: another name, <c>autoconnect=false</c>, a <c>[match]</c> leaving eth0 out,
    /// a priority out of NetworkManager's range (read as 0), a file readable by others or owned by another user (not loaded),
    /// a mandatory pattern eth0 fails, an optional inverted one, eth0's MAC denied (<c>mac-address-blacklist</c>);
    /// a MAC in unpadded hex (<c>0:16:3e:0:0:1</c>, read by NetworkManager), eth0's or another's; and a file with both
    /// <c>[ethernet]</c> and <c>[802-3-ethernet]</c>, of which NetworkManager reads the second alone, in either order.
    /// </summary>
    public static TheoryData<string, string, string, uint> Foreign() => new()
    {
        { "aaa eth0", "interface-name=eth0\nautoconnect-priority=999", "600", 0 },
        { "aaa mac", "autoconnect-priority=999\n\n[ethernet]\nmac-address=00-16-3E-00-00-01", "600", 0 },
        { "aaa match", "autoconnect-priority=999\n\n[match]\ninterface-name=eth*;", "600", 0 },
        { "aaa hex", "interface-name=eth0\nautoconnect-priority=0x3e7", "600", 0 },
        { "aaa bare mac", "autoconnect-priority=999\n\n[ethernet]\nmac-address=00163E000002", "600", 0 },
        { "aaa blank mac", "autoconnect-priority=999\n\n[ethernet]\nmac-address=00:16:3E:00:00:02 ", "600", 0 },
        { "aaa blank not", "autoconnect-priority=999\n\n[match]\ninterface-name=!eth0 ", "600", 0 },
        { "aaa and", "autoconnect-priority=999\n\n[match]\ninterface-name=&eth*;|eth0", "600", 0 },
        { "aaa denylist", "autoconnect-priority=999\n\n[ethernet]\nmac-address-denylist=00:16:3E:00:00:01;", "600", 0 },
        { "aaa eth1", "interface-name=eth1\nautoconnect-priority=999", "600", 0 },
        { "aaa off", "interface-name=eth0\nautoconnect-priority=999\nautoconnect=false", "600", 0 },
        { "aaa not", "autoconnect-priority=999\n\n[match]\ninterface-name=!eth0;", "600", 0 },
        { "aaa 1000", "interface-name=eth0\nautoconnect-priority=1000", "600", 0 },
        { "aaa 0644", "interface-name=eth0\nautoconnect-priority=999", "644", 0 },
        { "aaa nobody", "interface-name=eth0\nautoconnect-priority=999", "600", 65534 },
        { "aaa and eth1", "autoconnect-priority=999\n\n[match]\ninterface-name=&eth1", "600", 0 },
        { "aaa or not", "autoconnect-priority=999\n\n[match]\ninterface-name=|!eth0", "600", 0 },
        { "aaa blacklist", "autoconnect-priority=999\n\n[ethernet]\nmac-address-blacklist=00:16:3E:00:00:01;", "600", 0 },
        { "aaa short mac", "autoconnect-priority=999\n\n[ethernet]\nmac-address=0:16:3e:0:0:1", "600", 0 },
        { "aaa short other", "autoconnect-priority=999\n\n[ethernet]\nmac-address=0-16-3e-0-0-9", "600", 0 },
        { "aaa dual", "autoconnect-priority=999\n\n[ethernet]\nmac-address=00:16:3E:00:00:09\n\n[802-3-ethernet]\nmtu=1400", "600", 0 },
        { "aaa dual mac", "autoconnect-priority=999\n\n[802-3-ethernet]\nmac-address=00:16:3E:00:00:01\n\n[ethernet]\nmac-address=00:16:3E:00:00:09", "600", 0 },
        { "aaa dual other", "autoconnect-priority=999\n\n[802-3-ethernet]\nmac-address=00:16:3E:00:00:09\n\n[ethernet]\nmac-address=00:16:3E:00:00:01", "600", 0 },
        { "aaa dual blacklist", "autoconnect-priority=999\n\n[ethernet]\nmac-address-blacklist=00:16:3E:00:00:01;\n\n[802-3-ethernet]\nmtu=1400", "600", 0 },
        // Blanks as GKeyFile and NetworkManager read them (GLib's ASCII blanks: space, tab, CR, LF, form feed; not a vertical tab or
        // a no-break space; a CR before a line's end dropped): what they keep NetworkManager cannot read, and what they drop it reads.
        { "aaa nbsp mac", "autoconnect-priority=999\n\n[ethernet]\nmac-address=\u00a000:16:3E:00:00:02", "600", 0 },
        { "aaa vt mac", "autoconnect-priority=999\n\n[ethernet]\nmac-address=\v00:16:3E:00:00:02", "600", 0 },
        { "aaa vt off", "interface-name=eth0\nautoconnect-priority=999\nautoconnect=false\v", "600", 0 },
        { "aaa crlf match", "autoconnect-priority=999\r\n\r\n[match]\r\ninterface-name=eth0\r", "600", 0 },
        { "aaa crlf mac", "autoconnect-priority=999\n\n[ethernet]\nmac-address=00:16:3E:00:00:02\r", "600", 0 },
        { "aaa list mac", "autoconnect-priority=999\n\n[ethernet]\nmac-address=0; 22 ;62;\v0;+0;2\t", "600", 0 },
        { "aaa nbsp 999", "interface-name=eth0\nautoconnect-priority=999\u00a0", "600", 0 },
        { "aaa 999 vt", "interface-name=eth0\nautoconnect-priority=999\v", "600", 0 },
        { "aaa nbsp name", "interface-name=eth0\u00a0\nautoconnect-priority=999", "600", 0 },
        { "aaa type blank", "interface-name=eth0\nautoconnect-priority=999\ntype=ethernet ", "600", 0 },
        // A mac-address-blacklist entry as libnm reads a MAC: unpadded hex is one (eth0's: never takes it); an entry with a blank keeps the
        // connection from loading. A group header followed by a form feed makes the file no keyfile; a key led by a no-break space is unknown.
        { "aaa blacklist short", "autoconnect-priority=999\n\n[ethernet]\nmac-address-blacklist=0:16:3e:0:0:1", "600", 0 },
        { "aaa blacklist blank", "autoconnect-priority=999\n\n[ethernet]\nmac-address-blacklist=00:16:3E:00:00:09 ;", "600", 0 },
        { "aaa ff group", "interface-name=eth0\nautoconnect-priority=999\n\n[ethernet]\f\nmtu=1400", "600", 0 },
        { "aaa nbsp key", "\u00a0interface-name=eth1\nautoconnect-priority=999", "600", 0 },
    };

    /// <summary>
    /// Whatever <c>resetnetwork</c> answers must be what NetworkManager does: a success where our connection
    /// keeps eth0 after the change, a power cut, a later reboot and a reboot without NetworkManager's record
    /// of when each connection was last active; a refusal (naming the file) where NetworkManager, given our
    /// keyfile anyway, gives eth0 to the foreign connection. NetworkManager orders connections of equal
    /// autoconnect-priority by that record, in whole seconds, then by UUID, the smaller first. The one ours
    /// takes eth0 from is stamped as it goes, mostly in the second ours comes up (then the foreign one wins at
    /// the power cut and the later reboot), sometimes the second before (then ours does): the reboot without
    /// the record is where the UUIDs decide whatever the seconds. One with a larger UUID than ours loses only
    /// while no later second separates them, and is refused too (<see cref="NetworkManagerForeignKeyfilesTests"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task Resetnetwork_succeeds_only_where_our_connection_keeps_eth0_over_a_foreign_one(string id, string settings, string mode, uint owner)
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        var name = id + ".nmconnection";
        var foreign = $"[connection]\nid={id}\nuuid=00000000-0000-4000-8000-000000000001\ntype=ethernet\n{settings}\n\n[ipv4]\nmethod=manual\naddress1=198.51.100.7/24\n\n[ipv6]\nmethod=ignore\n";
        var path = "/etc/NetworkManager/system-connections/" + name;
        using var scenario = new NetworkManagerScenario(fixture.Interfaces);
        scenario.Write(name, foreign, (UnixFileMode)Convert.ToInt32(mode, 8), owner);

        // The renderer's answer over the file NetworkManager reads, as the agent reads it (its mode and owner through the real file system).
        var refusal = Record.Exception(() => new NetworkManagerRenderer().Render(configuration, scenario.View));

        var phases = await scenario.Started("foreign")
            .Applied("ours", Render(configuration, []), Plan(configuration, []))
            .Rebooted("power cut", abruptly: true)
            .Later("running")
            .Rebooted("rebooted later")
            .Rebooted("without record", abruptly: true, withoutTimestamps: true)
            .RunAsync();

        var ours = NetworkManagerRenderer.ConnectionId("eth0");
        Assert.All(phases["ours"].Exits, exit => Assert.True(exit.Value == 0, $"'{exit.Key}' exited with {exit.Value}:\n{phases["ours"].State.Transcript}"));
        var lost = new[] { "ours", "power cut", "rebooted later", "without record" }.Where(phase => phases[phase].State.Devices["eth0"].Connection != ours).ToArray();
        if (refusal is null)
        {
            Assert.True(lost.Length == 0, $"not refused, but eth0 has '{phases[lost.FirstOrDefault() ?? "ours"].State.Devices["eth0"].Connection}' in {string.Join(", ", lost)}:\n{phases["without record"].State.Transcript}");
            Assert.True(!phases["without record"].State.Addresses.Contains("eth0 198.51.100.7/24"), $"the foreign address is on eth0:\n{phases["without record"].State.Transcript}");
        }
        else
        {
            var refused = Assert.IsType<InvalidNetworkDataException>(refusal);
            Assert.StartsWith($"{path} also matches eth0 (", refused.Message, StringComparison.Ordinal);
            Assert.True(phases["foreign"].State.Devices["eth0"].Connection == id, $"the foreign connection was not active first:\n{phases["foreign"].State.Transcript}");
            var state = phases["without record"].State;
            Assert.True(
                state.Devices["eth0"].Connection == id && state.Addresses.Contains("eth0 198.51.100.7/24"),
                $"refused ({refused.Message}), but eth0 has '{state.Devices["eth0"].Connection}' after the reboot without NetworkManager's record:\n{state.Transcript}");
        }
    }

    /// <summary>The operator bringing up their connection by hand.</summary>
    internal static readonly ApplyPlan ByHand = new([], [ApplyStep.Run("nmcli", "connection", "up", "operator eth0")]);

    /// <summary>An operator's connection for eth0 that NetworkManager never activates by itself (<c>autoconnect=false</c>).</summary>
    internal const string OperatorEth0 = """
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

        """;

    /// <summary>cloud-init's connection for eth0 (<see cref="CloudInitKeyfile"/>).</summary>
    internal static readonly string CloudInitEth0 = CloudInitKeyfile("eth0", "1d5e7f3a-2b4c-5d6e-8f9a-0b1c2d3e4f5a", "00:16:3E:00:00:01", "203.0.113.9/24");

    /// <summary>cloud-init's connection for eth1 (<see cref="CloudInitKeyfile"/>).</summary>
    internal static readonly string CloudInitEth1 = CloudInitKeyfile("eth1", "2c6e8f6a-71c4-5b7e-8f4e-6a1d2b3c4d5e", "00:16:3E:00:00:02", "198.51.100.8/24");

    private static void WriteForeign(NetworkManagerScenario scenario, bool foreign)
    {
        if (foreign)
        {
            scenario.Write("cloud-init eth1.nmconnection", CloudInitEth1);
        }
    }

    /// <summary>
    /// cloud-init's connection for <paramref name="name"/>, as its NetworkManager renderer writes it:
    /// by MAC, priority 120, a static <paramref name="address"/> (and <paramref name="gateway"/>, when given), no IPv6.
    /// </summary>
    internal static string CloudInitKeyfile(string name, string uuid, string mac, string address, string? gateway = null) => $"""
        [connection]
        id=cloud-init {name}
        uuid={uuid}
        type=ethernet
        autoconnect-priority=120

        [ethernet]
        mac-address={mac}

        [ipv4]
        method=manual
        address1={address}
        {(gateway is null ? "" : $"gateway={gateway}\n")}
        [ipv6]
        method=ignore

        """;

    /// <summary>eth1, no longer configured: none of our connection or addresses, and cloud-init's connection when it has one.</summary>
    private static void AssertEth1Foreign(NetworkManagerOutcome state, bool foreign, string phase)
    {
        var connection = state.Devices["eth1"].Connection;
        Assert.True(connection == (foreign ? "cloud-init eth1" : ""), $"{phase}: eth1 has '{connection}':\n{state.Transcript}");
        Assert.True(!state.Addresses.Contains("eth1 " + Address1), $"{phase}: our old address is still on eth1:\n{state.Transcript}");
        Assert.True(state.Addresses.Contains("eth1 198.51.100.8/24") == foreign, $"{phase}: cloud-init's address on eth1 is {(foreign ? "missing" : "there")}:\n{state.Transcript}");
    }

    /// <summary>What the renderer writes over <paramref name="existing"/> (the keyfiles a previous reset left, which it may move aside).</summary>
    internal static RenderResult Render(NetworkConfiguration configuration, IReadOnlyList<RenderedFile> existing) =>
        new NetworkManagerRenderer().Render(configuration, View(existing));

    /// <summary>
    /// The backend's plan over <paramref name="existing"/>, the files before the change, and
    /// <paramref name="active"/>, NetworkManager's answer about its active connections (by default none
    /// known: NetworkManager not asked, so the rollback leaves alone what was active before), and
    /// <paramref name="devices"/>, its answer about each device's autoconnect (by default none known).
    /// </summary>
    internal static ApplyPlan Plan(
        NetworkConfiguration configuration, IReadOnlyList<RenderedFile> existing, IReadOnlyDictionary<string, ActiveConnection>? active = null, IReadOnlyDictionary<string, DeviceAutoconnect>? devices = null)
    {
        var view = View(existing);
        var facts = SystemProbe.Probe(view) with { NetworkManagerActive = active, NetworkManagerDevices = devices };
        return NetworkBackends.For(NetworkBackend.NetworkManager).PlanApply(configuration.Interfaces.Select(nic => nic.Name).ToArray(), facts, view);
    }

    private static InMemoryFileView View(IReadOnlyList<RenderedFile> existing) =>
        new(existing.ToDictionary(f => f.Path, f => f.Contents, StringComparer.Ordinal));
}
