using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// <c>resetnetwork</c>'s networkd answer against what the real systemd-networkd 252 does with drop-ins and its
/// directories' precedence (<see cref="NetworkdDropInCases"/>), and with the <c>[Match]</c> keys the agent cannot
/// judge: a success only where networkd, after the apply and after a restart as at a boot, configures eth0 from our
/// file with just our addresses; a refusal only where, given our files anyway, it does something else (a foreign
/// file's, or our file changed by a drop-in, which <c>networkctl status</c> does not show: it names our file alone).
/// </summary>
public sealed class NetworkdDropInTests
{
    [Theory]
    [MemberData(nameof(NetworkdDropInCases.Names), MemberType = typeof(NetworkdDropInCases))]
    public async Task Resetnetwork_succeeds_only_where_networkd_applies_our_file_as_written(string name)
    {
        var (files, _) = NetworkdDropInCases.Cases[name];
        var (refusal, applied) = await RunAsync(files);

        if (refusal is null)
        {
            Assert.True(applied.Length == 2, $"answered 0, but networkd does not apply our file as written after {string.Join(" and ", new[] { "ours", "rebooted" }.Except(applied))}");
        }
        else
        {
            Assert.True(applied.Length == 0, $"refused ({refusal.Message}), but networkd applies our file as written in {string.Join(", ", applied)}");
        }
    }

    /// <summary>
    /// <c>[Match]</c> keys the agent reads as matching eth0 (as networkd does on a veth: its kind is <c>veth</c>, its type
    /// <c>ether</c>, its driver, which networkd asks the kernel through ethtool, <c>veth</c>) and keys it cannot read
    /// (counted as matching: refusing is safe, a guess is not), which networkd leaves out on the veth (no permanent
    /// address, no udev in the namespace for <c>Path=</c> and <c>Property=</c>, a <c>Driver=</c> the agent reads from
    /// <c>/sys</c>, where a veth has none). The latter pin the documented over-refusal: networkd applies our file there.
    /// </summary>
    [Theory]
    [InlineData("Kind=veth", true)]
    [InlineData("Type=ether", true)]
    [InlineData("Driver=veth", true)]
    [InlineData("Host=*", true)]
    [InlineData("PermanentMACAddress=00:16:3e:00:00:01", false)]
    [InlineData("Kind=bond", false)]
    [InlineData("Path=*", false)]
    [InlineData("Property=ID_PATH=*", false)]
    [InlineData("Driver=vif", false)]
    [InlineData("SSID=home", false)]
    [InlineData("WLANInterfaceType=station", false)]
    public async Task A_match_key_the_agent_cannot_judge_is_refused_whether_networkd_takes_the_file_or_not(string match, bool networkdTakesIt)
    {
        var (refusal, applied) = await RunAsync([NetworkdDropInCases.Foreign("/etc/systemd/network/00-foo.network", match)]);

        Assert.NotNull(refusal);
        Assert.StartsWith($"/etc/systemd/network/00-foo.network also matches eth0 ({match})", refusal.Message, StringComparison.Ordinal);
        Assert.True(
            applied.Length == (networkdTakesIt ? 0 : 2),
            networkdTakesIt ? $"networkd applies our file over {match} in {string.Join(", ", applied)}" : $"networkd takes the file matching {match}; the over-refusal documented is a match");
    }

    /// <summary>The renderer's answer over <paramref name="files"/>, and the phases (after the apply, after a restart) in which networkd applied our file as written.</summary>
    private static async Task<(Exception? Refusal, string[] Applied)> RunAsync((string Path, string? Contents)[] files)
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        var view = new InMemoryFileView(
            files.Where(f => f.Contents is not null).ToDictionary(f => f.Path, f => f.Contents!, StringComparer.Ordinal),
            linkTargets: files.Where(f => f.Contents is null).ToDictionary(f => f.Path, _ => "/dev/null", StringComparer.Ordinal));
        var refusal = Record.Exception(() => new NetworkdRenderer().Render(configuration, view));
        Assert.True(refusal is null or InvalidNetworkDataException, $"{refusal}");
        using var scenario = new NetworkdScenario(fixture.Interfaces);
        foreach (var (path, contents) in files)
        {
            scenario.WriteAt(path, contents);
        }

        var phases = await scenario.Settled()
            .Applied("ours", new NetworkdRenderer().Render(configuration, new InMemoryFileView()), Plan(configuration))
            .Rebooted("rebooted")
            .RunAsync();
        return (refusal, new[] { "ours", "rebooted" }.Where(phase => AsWritten(configuration, phases[phase].State)).ToArray());
    }

    /// <summary>eth0 configured from our file (what <c>networkctl status</c> names, networkd's <c>NETWORK_FILE=</c>) with every address of it and no other.</summary>
    private static bool AsWritten(NetworkConfiguration configuration, NetworkdOutcome state) =>
        state.NetworkFiles.GetValueOrDefault("eth0") == NetworkdRenderer.PathFor("eth0")
        && configuration.Interfaces.Single().Addresses.All(address => state.Addresses.Contains($"eth0 {address.Cidr}"))
        && !state.Addresses.Contains($"eth0 {NetworkdDropInCases.ForeignAddress}");

    private static ApplyPlan Plan(NetworkConfiguration configuration)
    {
        var view = new InMemoryFileView();
        return NetworkBackends.For(NetworkBackend.SystemdNetworkd).PlanApply(configuration.Interfaces.Select(nic => nic.Name).ToArray(), SystemProbe.Probe(view), view);
    }
}
