using System.Globalization;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The NetworkManager backend's apply steps (<c>nmcli connection reload</c>, <c>nmcli connection up
/// guest-agent-&lt;if&gt;</c>, from <see cref="NetworkManagerBackend.PlanApply"/>) run by the real
/// daemon over connections already active (<see cref="NetworkManagerScenario"/>), and what survives a
/// restart of NetworkManager as a reboot would leave it: a second <c>resetnetwork</c> leaves nothing of
/// the first, our connection takes an interface from one an image or cloud-init left, and keeps it
/// after the reboot, which is when NetworkManager's autoconnect chooses again.
/// </summary>
public sealed class NetworkManagerActiveConnectionTests
{
    public static TheoryData<string, string> Pairs() => new()
    {
        { "ipv4-only", "ipv6-only" },
        { "ipv4-only", "several-addresses" },
        { "several-addresses", "ipv4-only" },
        { "several-interfaces", "off-link-gateways" },
        { "off-link-gateways", "several-interfaces" },
        { "several-gateways", "dual-stack" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_second_reset_over_an_active_connection_leaves_nothing_of_the_first(string first, string second)
    {
        var (a, b) = (NetworkFixture.Load(first), NetworkFixture.Load(second));
        var (configurationA, configurationB) = (a.Build(), b.Build());
        using var scenario = new NetworkManagerScenario(a.Interfaces.Concat(b.Interfaces));
        var renderedA = Render(configurationA, []);
        scenario.WriteRendered(renderedA);
        var renderedB = Render(configurationB, renderedA.Files);

        var phases = await scenario.Started("first")
            .Applied("second", renderedB, Plan(configurationB))
            .Rebooted("rebooted")
            .RunAsync();

        NetworkManagerDaemonTests.AssertApplied(configurationA, phases["first"].State, NetworkManagerRenderer.ConnectionId);
        Assert.All(phases["second"].Exits, exit => Assert.True(exit.Value == 0, $"'{exit.Key}' exited with {exit.Value}:\n{phases["second"].State.Transcript}"));
        Assert.NotEmpty(phases["second"].Exits);
        foreach (var phase in new[] { "second", "rebooted" })
        {
            NetworkManagerDaemonTests.AssertApplied(configurationB, phases[phase].State, NetworkManagerRenderer.ConnectionId);
            AssertNothingLeft(configurationA, configurationB, phases[phase].State);
        }
    }

    /// <summary>
    /// Connections an image, cloud-init or an operator left for eth0, each active before the first
    /// <c>resetnetwork</c>: NetworkManager's own for a wired device (matched by name, priority 0),
    /// cloud-init's (matched by MAC, <c>autoconnect-priority=120</c>, as its NetworkManager renderer
    /// writes every one) and an operator's just below the highest priority NetworkManager takes, 999.
    /// (One at 999 too ties with ours: NetworkManager then takes the connection active last, to the
    /// second, and both are stamped as ours comes up, so the smaller UUID wins; <c>resetnetwork</c>
    /// refuses such a connection: <see cref="NetworkManagerLeftoversTests"/>.)
    /// </summary>
    public static TheoryData<string, string> Foreign() => new()
    {
        { "Wired connection 1", "interface-name=eth0\n" },
        { "cloud-init eth0", "autoconnect-priority=120\n\n[ethernet]\nmac-address=00:16:3E:00:00:01\n" },
        { "operator eth0", "interface-name=eth0\nautoconnect-priority=998\n" },
    };

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task Our_connection_takes_the_interface_from_a_foreign_one_and_keeps_it_after_a_reboot(string id, string match)
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        using var scenario = new NetworkManagerScenario(fixture.Interfaces);
        scenario.Write(id + ".nmconnection", $"""
            [connection]
            id={id}
            uuid=5d2c7f2e-0d6e-4a0e-9c7b-{Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(id[..6]))}
            type=ethernet
            {match}
            [ipv4]
            method=manual
            address1=198.51.100.7/24
            gateway=198.51.100.1

            [ipv6]
            method=ignore

            """);

        var phases = await scenario.Started("foreign")
            .Applied("ours", Render(configuration, []), Plan(configuration))
            .Later("running")
            .Rebooted("rebooted")
            .RunAsync();

        Assert.True(phases["foreign"].State.Devices["eth0"].Connection == id, $"the foreign connection was not active first:\n{phases["foreign"].State.Transcript}");
        Assert.All(phases["ours"].Exits, exit => Assert.True(exit.Value == 0, $"'{exit.Key}' exited with {exit.Value}:\n{phases["ours"].State.Transcript}"));
        foreach (var phase in new[] { "ours", "rebooted" })
        {
            var state = phases[phase].State;
            NetworkManagerDaemonTests.AssertApplied(configuration, state, NetworkManagerRenderer.ConnectionId);
            Assert.True(
                !state.Addresses.Contains("eth0 198.51.100.7/24") && !NetworkManagerDaemonTests.HasRoute(state.Routes, "default via 198.51.100.1 dev eth0"),
                $"{phase}: the foreign connection's address or gateway is still on eth0:\n{state.Transcript}");
        }
    }

    [Fact]
    public async Task The_first_interfaces_default_routes_win_and_every_alias_is_there_after_a_second_reset()
    {
        // several-interfaces first, so several-gateways' eth1 takes its default gateways over an active connection.
        var (a, b) = (NetworkFixture.Load("several-interfaces"), NetworkFixture.Load("several-gateways"));
        var (configurationA, configurationB) = (a.Build(), b.Build());
        using var scenario = new NetworkManagerScenario(a.Interfaces.Concat(b.Interfaces));
        var renderedA = Render(configurationA, []);
        scenario.WriteRendered(renderedA);

        var phases = await scenario.Started("first")
            .Applied("second", Render(configurationB, renderedA.Files), Plan(configurationB))
            .Rebooted("rebooted")
            .RunAsync();

        foreach (var phase in new[] { "second", "rebooted" })
        {
            var state = phases[phase].State;
            NetworkManagerDaemonTests.AssertApplied(configurationB, state, NetworkManagerRenderer.ConnectionId);
            foreach (var family in new[] { "-4", "-6" })
            {
                // The kernel takes the default route of the lowest metric: eth0's, the first interface's.
                var defaults = state.Routes.Where(r => r.StartsWith("default ", StringComparison.Ordinal) && r.Contains(':', StringComparison.Ordinal) == (family == "-6")).ToArray();
                Assert.True(defaults.Length > 1, $"{phase}: not several {family} default routes:\n{state.Transcript}");
                var winner = defaults.MinBy(Metric)!;
                Assert.True(
                    winner.Contains(" dev eth0 ", StringComparison.Ordinal) && defaults.Count(r => Metric(r) == Metric(winner)) == 1,
                    $"{phase}: the {family} default route that wins is '{winner}', not eth0's alone:\n{string.Join('\n', defaults)}");
            }
        }
    }

    [Fact]
    public async Task A_failed_up_is_rolled_back_by_applying_the_restored_keyfile_again()
    {
        // A keyfile others may read is one NetworkManager refuses: the reload drops the connection, its up fails.
        var (configurationA, configurationB) = (NetworkFixture.Load("ipv4-only").Build(), NetworkFixture.Load("ipv6-only").Build());
        using var scenario = new NetworkManagerScenario(NetworkFixture.Load("ipv4-only").Interfaces);
        var renderedA = Render(configurationA, []);
        scenario.WriteRendered(renderedA);
        var up = Plan(configurationB).AfterWrite[^1].Name;

        var phases = await scenario.Started("first")
            .Applied("failed", Render(configurationB, renderedA.Files), Plan(configurationB), mode: (UnixFileMode)Convert.ToInt32("644", 8))
            .Applied("rolled back", renderedA, Plan(configurationA))
            .RunAsync();

        Assert.True(phases["failed"].Exits[up] != 0, $"'{up}' succeeded over a keyfile NetworkManager refuses:\n{phases["failed"].State.Transcript}");
        Assert.All(phases["rolled back"].Exits, exit => Assert.True(exit.Value == 0, $"'{exit.Key}' exited with {exit.Value}:\n{phases["rolled back"].State.Transcript}"));
        NetworkManagerDaemonTests.AssertApplied(configurationA, phases["rolled back"].State, NetworkManagerRenderer.ConnectionId);
        AssertNothingLeft(configurationB, configurationA, phases["rolled back"].State);
    }

    /// <summary>No address, default gateway or route of <paramref name="first"/> that <paramref name="second"/> does not have too, and no interface <paramref name="second"/> leaves out still with our connection.</summary>
    private static void AssertNothingLeft(NetworkConfiguration first, NetworkConfiguration second, NetworkManagerOutcome state)
    {
        var addresses = second.Interfaces.SelectMany(nic => nic.Addresses.Select(address => $"{nic.Name} {address.Cidr}")).ToHashSet(StringComparer.Ordinal);
        var routes = second.Interfaces.SelectMany(NetworkManagerDaemonTests.ExpectedRoutes).ToHashSet(StringComparer.Ordinal);
        foreach (var nic in first.Interfaces)
        {
            Assert.All(nic.Addresses.Select(address => $"{nic.Name} {address.Cidr}").Where(a => !addresses.Contains(a)), address => Assert.False(
                state.Addresses.Contains(address), $"{address} of the first configuration is still there:\n{state.Transcript}"));
            Assert.All(NetworkManagerDaemonTests.ExpectedRoutes(nic).Where(r => !routes.Contains(r)), route => Assert.False(
                NetworkManagerDaemonTests.HasRoute(state.Routes, route), $"'{route}' of the first configuration is still there:\n{state.Transcript}"));
            if (second.Interfaces.All(other => other.Name != nic.Name))
            {
                Assert.True(
                    state.Devices[nic.Name].Connection != NetworkManagerRenderer.ConnectionId(nic.Name),
                    $"{nic.Name}, no longer configured, still has our connection:\n{state.Transcript}");
            }
        }
    }

    /// <summary>A route's metric as <c>ip route show</c> prints it (none: the kernel's 0).</summary>
    private static int Metric(string route)
    {
        var words = route.Split(' ');
        var index = Array.IndexOf(words, "metric");
        return index < 0 ? 0 : int.Parse(words[index + 1], CultureInfo.InvariantCulture);
    }

    /// <summary>What the renderer writes over <paramref name="existing"/> (the keyfiles a previous reset left, which it may move aside).</summary>
    private static RenderResult Render(NetworkConfiguration configuration, IReadOnlyList<RenderedFile> existing) =>
        new NetworkManagerRenderer().Render(configuration, new InMemoryFileView(existing.ToDictionary(f => f.Path, f => f.Contents, StringComparer.Ordinal)));

    private static ApplyPlan Plan(NetworkConfiguration configuration)
    {
        var view = new InMemoryFileView();
        return NetworkBackends.For(NetworkBackend.NetworkManager).PlanApply(configuration.Interfaces.Select(nic => nic.Name).ToArray(), SystemProbe.Probe(view), view);
    }
}
