using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.NetplanTwoNicMachine;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// On netplan, another file's definition whose <c>match:</c> catches an interface we configure by a
/// name pattern or a driver (an image's catch-all DHCP) is refused: kept, the real netplan writes a
/// networkd file for it beside ours, and networkd uses the first matching one by name.
/// </summary>
public sealed class NetplanCatchAllEndToEndTests
{
    private const string Path = CloudInitPath;

    /// <summary>The two-NIC machine, eth0 bound to <paramref name="eth0Driver"/> (to none when <c>null</c>).</summary>
    private static FakeRoot Machine(string yaml, string? eth0Driver = "vif")
    {
        var root = NetplanTwoNicMachine.Machine(yaml);
        if (eth0Driver is not null)
        {
            // As the kernel lays it out: device/driver leads to the driver's directory, named for it.
            root.Write($"/sys/bus/xen/drivers/{eth0Driver}/bind", "");
            root.Link("/sys/class/net/eth0/device/driver", $"../../../../bus/xen/drivers/{eth0Driver}");
        }

        return root;
    }

    private static string Refusal(string id, string match) =>
        $"{Path} has the definition '{id}' (ethernets) whose match: ({match}) also matches eth0, which resetnetwork configures; " +
        $"netplan would write a networkd file for '{id}' beside eth0's, and networkd could configure eth0 with it instead of the configured addresses; " +
        $"narrow that match so that it leaves eth0 out, or remove '{id}', or let another network system configure this guest; nothing was changed";

    public static TheoryData<string, string, string> Catching() => new()
    {
        { "network:\n  version: 2\n  ethernets:\n    all-en:\n      match:\n        name: \"eth*\"\n      dhcp4: true\n", "all-en", "name \"eth*\"" },
        { "network:\n  version: 2\n  ethernets:\n    all-en:\n      match: {name: eth?}\n      dhcp4: true\n", "all-en", "name \"eth?\"" },
        { "network:\n  version: 2\n  ethernets:\n    any:\n      dhcp4: true\n      match:\n        name: 'e[tn]h[0-9]'\n", "any", "name \"e[tn]h[0-9]\"" },
        { "network:\n  version: 2\n  ethernets:\n    any:\n      match:\n        name: \"eth*\"\n      set-name: lan0\n      dhcp4: true\n", "any", "name \"eth*\"" },
        { "network:\n  version: 2\n  ethernets:\n    any:\n      match: {}\n      dhcp4: true\n", "any", "empty" },
        { "network:\n  version: 2\n  ethernets:\n    xen:\n      match:\n        name: \"eth*\"\n        driver:\n          - virtio_net\n          - \"vif\"\n      dhcp4: true\n", "xen", "name \"eth*\", driver \"virtio_net\" or \"vif\"" },
        { "network:\n  version: 2\n  ethernets:\n    xen:\n      match:\n        driver: vif\n      dhcp4: true\n", "xen", "driver \"vif\"" },
        { "network:\n  version: 2\n  ethernets:\n    xen:\n      match:\n        driver: [!!str \"xen*\", &d vif]\n      dhcp4: true\n", "xen", "driver \"xen*\" or \"vif\"" },
        { "network:\n  version: 2\n  ethernets:\n    xen:\n      match:\n        driver: [\"virtio*\", \"v?f\"]\n        name: \"e*\"\n      dhcp4: true\n", "xen", "name \"e*\", driver \"virtio*\" or \"v?f\"" },
    };

    [Theory]
    [MemberData(nameof(Catching))]
    public async Task A_definition_matching_a_configured_interface_by_pattern_or_driver_is_refused_and_nothing_changes(string yaml, string id, string match)
    {
        using var root = Machine(yaml);
        var before = root.Hash(FakeRoot.StateDirectory);

        var result = await ResetAsync(root, VmData());

        Assert.Equal(new CommandResult("500", Refusal(id, match)), result);
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
        Assert.Equal(yaml, root.Read(Path));
    }

    [Fact]
    public async Task A_driver_match_is_refused_when_the_interfaces_driver_cannot_be_read()
    {
        const string yaml = "network:\n  version: 2\n  ethernets:\n    xen:\n      match:\n        driver: vif\n      dhcp4: true\n";
        using var root = Machine(yaml, eth0Driver: null);
        var before = root.Hash(FakeRoot.StateDirectory);

        Assert.Equal(new CommandResult("500", Refusal("xen", "driver \"vif\"")), await ResetAsync(root, VmData()));
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
    }

    [Fact]
    public async Task A_flow_style_file_with_a_pattern_matching_a_configured_interface_is_refused()
    {
        const string yaml = "network: {version: 2, ethernets: {all: {match: {name: \"e*\"}, dhcp4: true}}}\n";
        using var root = Machine(yaml);
        var before = root.Hash(FakeRoot.StateDirectory);

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.StartsWith($"{Path} may match eth0 by a name pattern or a driver (match:) in a form resetnetwork cannot read", result.Message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
    }

    /// <summary>Definitions whose match leaves eth0 out: other patterns, eth1 only, another MAC (netplan ANDs the keys), another driver, another section.</summary>
    public static TheoryData<string> NotCatching() => new()
    {
        "network:\n  version: 2\n  ethernets:\n    wired:\n      match:\n        name: \"en*\"\n      dhcp4: true\n",
        "network:\n  version: 2\n  ethernets:\n    wired:\n      match:\n        name: \"wl?\"\n      dhcp4: true\n",
        "network:\n  version: 2\n  ethernets:\n    second:\n      match:\n        name: \"eth[1-9]\"\n      dhcp4: true\n",
        "network:\n  version: 2\n  ethernets:\n    second:\n      match:\n        name: \"eth*\"\n        macaddress: \"bc:76:4e:20:6c:5c\"\n      dhcp4: true\n",
        "network:\n  version: 2\n  ethernets:\n    virtio:\n      match:\n        driver: \"virtio*\"\n      dhcp4: true\n",
        "network:\n  version: 2\n  ethernets:\n    virtio:\n      match:\n        name: \"eth*\"\n        driver:\n          - virtio_net\n          - xen-netfront\n      dhcp4: true\n",
        "network:\n  version: 2\n  wifis:\n    wlan0:\n      access-points:\n        match:\n          password: \"secret12\"\n      dhcp4: true\n",
        "network:\n  version: 2\n  ethernets:\n    # all:\n    #   match: {name: \"eth*\"}\n    second:\n      match: {name: \"eth1\"}\n      dhcp4: true\n",
    };

    [Theory]
    [MemberData(nameof(NotCatching))]
    public async Task A_definition_whose_match_leaves_the_configured_interface_out_is_kept(string yaml)
    {
        using var root = Machine(yaml);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal(yaml, root.Read(Path));
        Assert.NotNull(root.Read("/etc/netplan/90-guest-agent.yaml"));
    }

    [Fact]
    public async Task A_definition_with_the_interfaces_mac_and_a_pattern_is_ours_and_taken_out()
    {
        const string yaml = "network:\n  version: 2\n  ethernets:\n    any:\n      match:\n        name: \"eth*\"\n        macaddress: \"bc:76:4e:20:6c:5a\"\n      dhcp4: true\n";
        using var root = Machine(yaml);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Null(root.Read(Path));
        Assert.Equal(yaml, root.Read(Path + ".bak"));
    }

    [Fact]
    public async Task Kept_the_real_netplan_writes_a_catch_all_networkd_file_that_matches_the_interface_and_sorts_first()
    {
        // What the reset left before the refusal: the catch-all kept beside our file.
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        using var root = new TemporaryDirectory();
        var directory = root.Combine("etc", "netplan");
        FixtureDirectories.Create(directory);
        File.WriteAllText(System.IO.Path.Combine(directory, "50-cloud-init.yaml"), "network:\n  version: 2\n  ethernets:\n    all-en:\n      match:\n        name: \"eth*\"\n      dhcp4: true\n");
        File.WriteAllText(System.IO.Path.Combine(directory, "90-guest-agent.yaml"), "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [192.0.2.5/24]\n");
        foreach (var file in Directory.GetFiles(directory))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var generate = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);

        Assert.True(generate.ExitCode == 0, $"netplan generate failed ({generate.ExitCode}): {generate.StandardError}");
        var networks = Directory.GetFiles(root.Combine("run", "systemd", "network"), "*.network")
            .Select(System.IO.Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(["10-netplan-all-en.network", "10-netplan-eth0.network"], networks);
        var catchAll = File.ReadAllText(root.Combine("run", "systemd", "network", "10-netplan-all-en.network"));
        var name = catchAll.Split('\n').Single(line => line.StartsWith("Name=", StringComparison.Ordinal))["Name=".Length..];
        Assert.Equal("eth*", name);
        Assert.True(GuestAgent.Commands.Network.Rendering.NetworkdGlob.MatchesList(name, "eth0"));
        Assert.Contains("DHCP=ipv4", catchAll, StringComparison.Ordinal);
    }
}
