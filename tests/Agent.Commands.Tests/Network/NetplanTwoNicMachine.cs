using GuestAgent.Commands.Network.Sources;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The machine the netplan end-to-end tests of other files' definitions share: Ubuntu with eth0 and
/// eth1 (or eth0 alone), netplan files of the test's own, and vm-data describing eth0 alone (the
/// rackspace example), so that what the reset does to the other definitions is the files' reading;
/// and the real <c>netplan generate</c> run on the machine's files.
/// </summary>
internal static class NetplanTwoNicMachine
{
    public const string CloudInitPath = "/etc/netplan/50-cloud-init.yaml";

    /// <summary>The mode cloud-init writes its file with (netplan warns about a file others can read).</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>eth0 as in the rackspace example, the only interface configured.</summary>
    public static InMemoryVmDataSource VmData() => new([Eth0Entry()], "test-server");

    /// <summary>eth0 as in the rackspace example, and <paramref name="another"/> entry after it.</summary>
    public static InMemoryVmDataSource VmData(KeyValuePair<string, string> another) => new([Eth0Entry(), another], "test-server");

    private static KeyValuePair<string, string> Eth0Entry()
    {
        var eth0 = NetworkFixture.Load("rackspace").Networking.Single(e => e.Key == "BC764E206C5A");
        return new(eth0.Key, System.Text.Encoding.UTF8.GetString(eth0.Value));
    }

    /// <summary>The machine, with <paramref name="yaml"/> as its cloud-init file (0600, as cloud-init writes it).</summary>
    public static FakeRoot Machine(string yaml) => WithFiles(eth1: true, (CloudInitPath, yaml, Private));

    /// <summary>Ubuntu with eth0, and eth1 when <paramref name="eth1"/>, and each of <paramref name="files"/> written with its mode.</summary>
    public static FakeRoot WithFiles(bool eth1, params (string Path, string Yaml, UnixFileMode Mode)[] files)
    {
        var root = FakeRoot.For("ubuntu");
        root.AddInterface("eth0", "bc:76:4e:20:6c:5a");
        if (eth1)
        {
            root.AddInterface("eth1", "bc:76:4e:20:6c:5c");
        }

        foreach (var (path, yaml, mode) in files)
        {
            root.Write(path, yaml);
            File.SetUnixFileMode(root.Host(path), mode);
        }

        return root;
    }

    /// <summary>The real <c>netplan generate</c> on the machine's netplan files, what an earlier run wrote removed first.</summary>
    public static async Task<ToolResult> GenerateAsync(FakeRoot root)
    {
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        foreach (var output in new[] { "/run/systemd/network", "/run/NetworkManager" }.Select(root.Host).Where(Directory.Exists))
        {
            Directory.Delete(output, recursive: true);
        }

        return await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);
    }

    /// <summary>The addresses the reset gives eth0 from <see cref="VmData()"/>.</summary>
    public static string[] Eth0Addresses => ["162.209.76.19/24", "2001:4802:7802:104:be76:4eff:fe20:6c5a/64"];

    /// <summary>
    /// Resets the machine to <see cref="VmData()"/>, which must succeed, and returns what netplan then writes, by interface;
    /// eth0 must have the configured addresses alone (none left from another file's definition).
    /// </summary>
    public static async Task<Dictionary<string, NetworkdSemantics>> ResetAndGenerateAsync(FakeRoot root)
    {
        Assert.Equal(CommandResult.Ok(), await ResetNetworkEndToEndTests.ResetAsync(root, VmData()));
        var networks = await NetworksAsync(root);
        Assert.Equal(Eth0Addresses, networks["eth0"].Addresses);
        return networks;
    }

    /// <summary>The networkd files <see cref="GenerateAsync"/> writes, by interface; netplan must succeed.</summary>
    public static async Task<Dictionary<string, NetworkdSemantics>> NetworksAsync(FakeRoot root)
    {
        var generate = await GenerateAsync(root);
        Assert.True(generate.ExitCode == 0, $"netplan generate failed ({generate.ExitCode}): {generate.StandardError}");
        return Directory.GetFiles(root.Host("/run/systemd/network"), "10-netplan-*.network")
            .Select(path => NetworkdSemantics.Parse(File.ReadAllText(path)))
            .ToDictionary(n => n.Name);
    }
}
