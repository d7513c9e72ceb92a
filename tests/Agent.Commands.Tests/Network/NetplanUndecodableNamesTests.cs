using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.NetplanTwoNicMachine;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A netplan file whose name is not valid UTF-8 (an image's Latin-1 <c>/etc/netplan/caf\xE9.yaml</c>): the real netplan
/// (0.106) globs <c>*.yaml</c> as bytes and merges such a file like any other, so its addresses for eth0 stay beside ours
/// and its <c>renderer</c> counts; no path string names it, so <c>resetnetwork</c>, which takes a readable file's definitions
/// of eth0 out, can neither read nor edit it, and must refuse it, naming it exactly, its bytes that are not UTF-8 as <c>%XX</c>.
/// </summary>
public sealed class NetplanUndecodableNamesTests
{
    private const string Etc = "/etc/netplan";
    private static readonly byte[] Name = RawFileNames.Latin1("caf\xE9.yaml");
    private const string Foreign = "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [198.51.100.7/24]\n";

    [Fact]
    public async Task Netplan_merges_a_file_whose_name_is_not_utf8_into_eth0_and_resetnetwork_refuses_it()
    {
        using var root = WithFiles(eth1: false);
        FixtureDirectories.Create(root.Host(Etc));
        RawFileNames.Create(root.Host(Etc), Name, Foreign, Private);
        try
        {
            // The premise: netplan reads the file, and configures eth0 from it.
            Assert.Equal(["198.51.100.7/24"], (await NetworksAsync(root))["eth0"].Addresses);

            var result = await ResetNetworkEndToEndTests.ResetAsync(root, NetplanTwoNicMachine.VmData());

            var after = (await GenerateAsync(root)).ExitCode == 0 && File.Exists(root.Host("/run/systemd/network/10-netplan-eth0.network"))
                ? string.Join(", ", NetworkdSemantics.Parse(File.ReadAllText(root.Host("/run/systemd/network/10-netplan-eth0.network"))).Addresses)
                : "nothing";
            Assert.True(
                result == new CommandResult("500", Refusal($"{Etc}/caf%E9.yaml", "eth0")),
                $"resetnetwork answered {result}; netplan then gives eth0 {after}");
            Assert.Null(root.Read("/etc/netplan/90-guest-agent.yaml"));
            Assert.Empty(root.Actions());
        }
        finally
        {
            RawFileNames.Remove(root.Host(Etc), Name);
        }
    }

    [Fact]
    public void The_renderer_over_the_real_file_system_refuses_such_a_file_in_run_too()
    {
        using var root = WithFiles(eth1: false);
        var run = root.Host("/run/netplan");
        FixtureDirectories.Create(run);
        var name = RawFileNames.Latin1("\xFF-cloud.yaml");
        RawFileNames.Create(run, name, Foreign, Private);
        try
        {
            var view = new FileSystemView(root.CreateSystem().FileSystem);
            var refusal = Assert.Throws<InvalidNetworkDataException>(() => new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), view));
            Assert.Equal(Refusal("/run/netplan/%FF-cloud.yaml"), refusal.Message);
        }
        finally
        {
            RawFileNames.Remove(run, name);
        }
    }

    /// <summary>
    /// Which such names are refused: netplan's glob <c>*.yaml</c> (no hidden name: glob's <c>*</c> leaves a leading dot out; no
    /// <c>.yml</c>, which netplan never reads, checked on 0.106) in <c>/etc</c>, <c>/run</c> and <c>/lib/netplan</c>, and
    /// <c>/usr/lib/netplan</c> only where <c>/lib</c> links to <c>usr/lib</c>. <c>null</c>: not refused.
    /// </summary>
    public static TheoryData<string, string, bool, string?> Names() => new()
    {
        { Etc, "caf\xE9.yaml", false, "/etc/netplan/caf%E9.yaml" },
        { Etc, "99-'%\xE9.yaml", false, "/etc/netplan/99-%27%25%E9.yaml" },
        { "/run/netplan", "\xE9.yaml", false, "/run/netplan/%E9.yaml" },
        { "/lib/netplan", "00-\xE9.yaml", false, "/lib/netplan/00-%E9.yaml" },
        { "/usr/lib/netplan", "00-\xE9.yaml", true, "/usr/lib/netplan/00-%E9.yaml" },
        { "/usr/lib/netplan", "00-\xE9.yaml", false, null },
        { Etc, ".caf\xE9.yaml", false, null },
        { Etc, "caf\xE9.yml", false, null },
        { Etc, "caf\xE9.yaml.bak", false, null },
        { Etc, "caf\xE9.yaml~", false, null },
        { "/etc/netplan/sub", "caf\xE9.yaml", false, null },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_name_that_is_not_utf8_is_refused_where_netplan_reads_it(string directory, string latin1, bool mergedUsr, string? refused)
    {
        var view = new InMemoryFileView(
            new Dictionary<string, string>(StringComparer.Ordinal) { ["/etc/netplan/50-cloud-init.yaml"] = "network:\n  version: 2\n  ethernets:\n    eth9:\n      dhcp4: true\n" },
            linkTargets: mergedUsr ? new Dictionary<string, string>(StringComparer.Ordinal) { ["/lib"] = "usr/lib" } : null,
            undecodable: new Dictionary<string, byte[][]>(StringComparer.Ordinal) { [directory] = [RawFileNames.Latin1(latin1)] });

        var refusal = Record.Exception(() => new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), view));

        if (refused is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            var message = Assert.IsType<InvalidNetworkDataException>(refusal).Message;
            Assert.Equal(Refusal(refused), message);
            Assert.All(message, c => Assert.InRange(c, ' ', '~'));
        }

        // Such a file is netplan configuration like any other: with none besides it, netplan owns the network.
        var alone = new InMemoryFileView(
            linkTargets: mergedUsr ? new Dictionary<string, string>(StringComparer.Ordinal) { ["/lib"] = "usr/lib" } : null,
            undecodable: new Dictionary<string, byte[][]>(StringComparer.Ordinal) { [directory] = [RawFileNames.Latin1(latin1)] });
        Assert.Equal(refused is not null, SystemProbe.Probe(alone).NetplanConfigured);
    }

    [Fact]
    public void The_file_netplan_reads_now_is_named_first()
    {
        var view = new InMemoryFileView(undecodable: new Dictionary<string, byte[][]>(StringComparer.Ordinal)
        {
            ["/lib/netplan"] = [RawFileNames.Latin1("00-\xE9.yaml")],
            [Etc] = [RawFileNames.Latin1("00-\xE9.yaml")],
            ["/run/netplan"] = [RawFileNames.Latin1("00-\xE9.yaml")],
        });

        Assert.Equal(
            Refusal("/run/netplan/00-%E9.yaml"),
            Assert.Throws<InvalidNetworkDataException>(() => new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), view)).Message);
    }

    /// <summary>The refusal of <paramref name="path"/> where <paramref name="interfaces"/> are configured (the rackspace example's two by default).</summary>
    private static string Refusal(string path, string interfaces = "eth0 or eth1") =>
        $"{path} has a name that is not valid UTF-8, so resetnetwork cannot read it, and netplan reads it, merging it with /etc/netplan/90-guest-agent.yaml: " +
        $"it may define {interfaces} (its addresses, routes and DNS servers would stay beside the configured ones) or set the renderer; " +
        "rename it in UTF-8 (to be checked) or remove it, or let another network system configure this guest; nothing was changed";
}
