using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The networkd backend's apply steps (<c>networkctl reload</c>, then <c>networkctl reconfigure
/// &lt;if&gt;</c> per interface, from <see cref="NetworkdBackend.PlanApply"/>) run by the real
/// systemd-networkd over links it has already configured (<see cref="NetworkdScenario"/>), and what a
/// restart of networkd as a boot leaves: a second <c>resetnetwork</c> leaves nothing of the first
/// (our file of an interface no longer configured moved to <c>.bak</c>, which networkd does not read),
/// every link keeps its IPv6 link-local address, and of several <c>.network</c> files matching an
/// interface, networkd takes the first by name across its directories: ours wins over a foreign file
/// that sorts after it, and <c>resetnetwork</c> refuses where a foreign one would win.
/// </summary>
public sealed class NetworkdReapplyTests
{
    public static TheoryData<string, string> Pairs() => new()
    {
        { "dual-stack", "ipv4-only" },
        { "ipv4-only", "ipv6-only" },
        { "several-addresses", "ipv4-only" },
        { "several-interfaces", "off-link-gateways" },
        { "several-interfaces", "ipv4-only" },
        { "rackspace", "static-routes" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_second_reset_leaves_nothing_of_the_first_and_survives_a_restart(string first, string second)
    {
        var (a, b) = (NetworkFixture.Load(first), NetworkFixture.Load(second));
        var (configurationA, configurationB) = (a.Build(), b.Build());
        using var scenario = new NetworkdScenario(a.Interfaces.Concat(b.Interfaces));
        var renderedA = Render(configurationA, []);
        scenario.WriteRendered(renderedA);
        var renderedB = Render(configurationB, renderedA.Files);

        var phases = await scenario.Started("first")
            .Applied("second", renderedB, Plan(configurationB))
            .Rebooted("rebooted")
            .RunAsync();

        AssertOurs(configurationA, phases["first"].State, "first");
        Assert.NotEmpty(phases["second"].Exits);
        Assert.All(phases["second"].Exits, exit => Assert.True(exit.Value == 0, $"'{exit.Key}' exited with {exit.Value}:\n{phases["second"].State.Transcript}"));
        foreach (var phase in new[] { "second", "rebooted" })
        {
            var state = phases[phase].State;
            AssertOurs(configurationB, state, phase);
            AssertNothingLeft(configurationA, configurationB, state, stayedUp: phase == "second");
        }
    }

    /// <summary>
    /// A file an image, netplan or an operator left that also matches eth0, in <c>/etc/systemd/network</c>
    /// or <c>/run/systemd/network</c> (where netplan's generator writes at every boot).
    /// </summary>
    public static TheoryData<string, string, string> Foreign() => new()
    {
        { "/etc/systemd/network", "10-eth0.network", "Name=eth0" },
        { "/etc/systemd/network", "99-default.network", "Name=*" },
        { "/run/systemd/network", "10-netplan-eth0.network", "Name=eth0" },
        { "/etc/systemd/network", "00-eth0.network", "Name=eth0" },
        { "/etc/systemd/network", "05-eth0.network", "Name=eth0" },
        { "/run/systemd/network", "04-wired.network", "Name=en* eth*" },
        { "/etc/systemd/network", "01-mac.network", "MACAddress=00:16:3e:00:00:01" },
        { "/etc/systemd/network", "00-other.network", "Name=eth1" },
    };

    /// <summary>
    /// Whatever <c>resetnetwork</c> answers must be what networkd does: a success where networkd applies
    /// our file, before and after a restart; a refusal (naming the file) where networkd, given our files
    /// anyway, applies the foreign one instead.
    /// </summary>
    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task Resetnetwork_succeeds_only_where_networkd_applies_our_file_over_a_foreign_one(string directory, string name, string match)
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        var foreign = $"[Match]\n{match}\n\n[Network]\nAddress=198.51.100.7/24\nGateway=198.51.100.1\n";
        var path = $"{directory}/{name}";
        var refusal = Record.Exception(() => new NetworkdRenderer().Render(configuration, new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal) { [path] = foreign })));
        using var scenario = new NetworkdScenario(fixture.Interfaces);
        if (directory == "/run/systemd/network")
        {
            scenario.WriteRun(name, foreign);
        }
        else
        {
            scenario.Write(name, foreign);
        }

        var phases = await scenario.Settled()
            .Applied("ours", Render(configuration, []), Plan(configuration))
            .Rebooted("rebooted")
            .RunAsync();

        var ours = NetworkdRenderer.PathFor("eth0");
        var applied = new[] { "ours", "rebooted" }.Where(phase => phases[phase].State.NetworkFiles.GetValueOrDefault("eth0") == ours).ToArray();
        if (refusal is null)
        {
            Assert.All(phases["ours"].Exits, exit => Assert.True(exit.Value == 0, $"'{exit.Key}' exited with {exit.Value}:\n{phases["ours"].State.Transcript}"));
            foreach (var phase in new[] { "ours", "rebooted" })
            {
                var state = phases[phase].State;
                AssertOurs(configuration, state, phase);
                Assert.True(!state.Addresses.Contains("eth0 198.51.100.7/24"), $"{phase}: the foreign file's address is still on eth0:\n{state.Transcript}");
            }
        }
        else
        {
            var refused = Assert.IsType<InvalidNetworkDataException>(refusal);
            Assert.Contains(path, refused.Message, StringComparison.Ordinal);
            Assert.Contains("eth0", refused.Message, StringComparison.Ordinal);
            Assert.True(applied.Length == 0, $"refused ({refused.Message}), but networkd applies our file over {path} ({string.Join(", ", applied)}):\n{phases["rebooted"].State.Transcript}");
        }
    }

    /// <summary>Every address, route and server of <paramref name="configuration"/>, each of its interfaces configured from our file, each with its link-local address.</summary>
    private static void AssertOurs(NetworkConfiguration configuration, NetworkdOutcome state, string phase)
    {
        NetworkdDaemonTests.AssertApplied(configuration, state);
        foreach (var nic in configuration.Interfaces)
        {
            Assert.True(
                state.NetworkFiles.GetValueOrDefault(nic.Name) == NetworkdRenderer.PathFor(nic.Name),
                $"{phase}: networkd configures {nic.Name} from '{state.NetworkFiles.GetValueOrDefault(nic.Name)}', not ours:\n{state.Transcript}");
            Assert.True(
                state.Addresses.Any(address => address.StartsWith($"{nic.Name} fe80:", StringComparison.Ordinal)),
                $"{phase}: {nic.Name} has no IPv6 link-local address:\n{state.Transcript}");
        }
    }

    /// <summary>
    /// No address, default gateway or route of <paramref name="first"/> that <paramref name="second"/> does not have too,
    /// and no interface <paramref name="second"/> leaves out still managed by networkd (its file moved to <c>.bak</c>); such an
    /// interface keeps its link-local address while its link <paramref name="stayedUp"/> (after a boot nothing brings it up).
    /// </summary>
    private static void AssertNothingLeft(NetworkConfiguration first, NetworkConfiguration second, NetworkdOutcome state, bool stayedUp)
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
                    !state.NetworkFiles.ContainsKey(nic.Name),
                    $"{nic.Name}, no longer configured, is still configured from '{state.NetworkFiles.GetValueOrDefault(nic.Name)}':\n{state.Transcript}");
                Assert.True(
                    !stayedUp || state.Addresses.Any(address => address.StartsWith($"{nic.Name} fe80:", StringComparison.Ordinal)),
                    $"{nic.Name}, no longer configured, has no IPv6 link-local address:\n{state.Transcript}");
            }
        }
    }

    /// <summary>What the renderer writes over <paramref name="existing"/> (the files a previous reset left, which it may move aside).</summary>
    private static RenderResult Render(NetworkConfiguration configuration, IReadOnlyList<RenderedFile> existing) =>
        new NetworkdRenderer().Render(configuration, new InMemoryFileView(existing.ToDictionary(f => f.Path, f => f.Contents, StringComparer.Ordinal)));

    private static ApplyPlan Plan(NetworkConfiguration configuration)
    {
        var view = new InMemoryFileView();
        return NetworkBackends.For(NetworkBackend.SystemdNetworkd).PlanApply(configuration.Interfaces.Select(nic => nic.Name).ToArray(), SystemProbe.Probe(view), view);
    }
}
