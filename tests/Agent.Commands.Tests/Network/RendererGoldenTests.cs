using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

public sealed class RendererGoldenTests
{
    public static TheoryData<NetworkBackend, string> Cases()
    {
        var data = new TheoryData<NetworkBackend, string>();
        foreach (var renderer in RendererCatalog.All)
        {
            foreach (var fixture in NetworkFixture.Names)
            {
                data.Add(renderer.Backend, fixture);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renderer_output_matches_the_golden_file(NetworkBackend backend, string fixture)
    {
        var configuration = NetworkFixture.Load(fixture).Build();
        var renderer = RendererCatalog.For(backend);

        string actual;
        try
        {
            actual = Golden.Describe(renderer.Render(configuration, new InMemoryFileView()));
        }
        catch (InvalidNetworkDataException error)
        {
            // FreeBSD has a single default router; two interfaces with gateways are refused before writing.
            actual = $"=== refused: {error.Message}\n";
        }

        Golden.Verify($"{backend}/{fixture}.txt", actual);
    }

    [Fact]
    public void Every_backend_has_exactly_one_renderer()
    {
        var backends = RendererCatalog.All.Select(r => r.Backend).ToArray();
        Assert.Equal(Enum.GetValues<NetworkBackend>().Order(), backends.Order());
    }
}

public sealed class NetplanConflictTests
{
    [Theory]
    [InlineData("network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n", true)]
    [InlineData("network:\n  ethernets:\n    id0:\n      match:\n        macaddress: \"BC:76:4E:20:6C:5B\"\n      dhcp4: true\n", true)]
    [InlineData("network:\n  ethernets:\n    eth7:\n      dhcp4: true\n", false)]
    [InlineData("network:\n  bridges:\n    br0:\n      interfaces: [eth7]\n", false)]
    public void Other_netplan_files_are_moved_aside_only_when_they_define_one_of_our_interfaces(string yaml, bool conflicting)
    {
        var current = new InMemoryFileView(new Dictionary<string, string> { ["/etc/netplan/50-cloud-init.yaml"] = yaml });

        var result = new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), current);

        Assert.Equal(conflicting, result.Removals.Contains("/etc/netplan/50-cloud-init.yaml"));
    }
}
