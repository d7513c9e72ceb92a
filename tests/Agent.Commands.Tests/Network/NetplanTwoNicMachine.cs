using GuestAgent.Commands.Network.Sources;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The machine the netplan end-to-end tests of other files' definitions share: Ubuntu with eth0 and
/// eth1, a cloud-init netplan file of the test's own, and vm-data describing eth0 alone (the
/// rackspace example), so that what the reset does to eth1's definition is the file's reading.
/// </summary>
internal static class NetplanTwoNicMachine
{
    public const string CloudInitPath = "/etc/netplan/50-cloud-init.yaml";

    /// <summary>eth0 as in the rackspace example, the only interface configured.</summary>
    public static InMemoryVmDataSource VmData()
    {
        var eth0 = NetworkFixture.Load("rackspace").Networking.Single(e => e.Key == "BC764E206C5A");
        return new InMemoryVmDataSource([new(eth0.Key, System.Text.Encoding.UTF8.GetString(eth0.Value))], "test-server");
    }

    /// <summary>The machine, with <paramref name="yaml"/> as its cloud-init file (0600, as cloud-init writes it).</summary>
    public static FakeRoot Machine(string yaml)
    {
        var root = FakeRoot.For("ubuntu");
        root.AddInterface("eth0", "bc:76:4e:20:6c:5a");
        root.AddInterface("eth1", "bc:76:4e:20:6c:5c");
        root.Write(CloudInitPath, yaml);
        File.SetUnixFileMode(root.Host(CloudInitPath), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return root;
    }
}
