using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>The real <c>netplan generate</c> accepts our YAML and means what our networkd renderer says.</summary>
public sealed class NetplanGenerateTests
{
    public static TheoryData<string> Fixtures() => new(NetworkFixture.Names);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Netplan_generate_accepts_the_yaml_and_produces_the_same_networkd_configuration(string fixture)
    {
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        var configuration = NetworkFixture.Load(fixture).Build();
        using var root = new TemporaryDirectory();
        OurNetplanYaml.WriteUnder(root, configuration);
        var result = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);

        Assert.True(result.ExitCode == 0, $"netplan generate failed ({result.ExitCode}): {result.StandardError}");
        Assert.DoesNotContain("Error", result.StandardError, StringComparison.OrdinalIgnoreCase);
        var generated = Directory.GetFiles(root.Combine("run", "systemd", "network"), "10-netplan-*.network")
            .Select(path => NetworkdSemantics.Parse(File.ReadAllText(path)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToArray();
        var ours = new NetworkdRenderer().Render(configuration, new InMemoryFileView()).Files
            .Select(f => NetworkdSemantics.Parse(f.Contents, configuration))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(ours.Select(s => s.Name), generated.Select(s => s.Name));
        foreach (var (expected, actual) in ours.Zip(generated))
        {
            Assert.Equal(expected.Addresses, actual.Addresses);
            Assert.Equal(expected.Routes, actual.Routes);
            Assert.Equal(expected.Dns, actual.Dns);
            Assert.NotEmpty(actual.Addresses);
        }

        // And what netplan understood is what the configuration asked for, independently of our
        // networkd renderer (which could share a mistake with the netplan one).
        var asked = configuration.Interfaces.OrderBy(nic => nic.Name, StringComparer.Ordinal).ToArray();
        Assert.Equal(asked.Select(nic => nic.Name), generated.Select(s => s.Name));
        foreach (var (nic, actual) in asked.Zip(generated))
        {
            Assert.Equal(nic.Addresses.Select(a => $"{a.Address}/{a.PrefixLength}").Order(StringComparer.Ordinal), actual.Addresses.Order(StringComparer.Ordinal));
            var defaults = new[] { (Gateway: nic.IPv4Gateway, Any: "0.0.0.0/0"), (Gateway: nic.IPv6Gateway, Any: "::/0") }
                .Where(d => d.Gateway is not null)
                .Select(d => $"{d.Any} via {d.Gateway}");
            // Where on-link and metrics are needed is the kernel's to say (OnLinkGatewayKernelTests), not this list's.
            Assert.Equal(
                nic.Routes.Select(r => $"{r.Destination} via {r.Gateway}").Concat(defaults).Order(StringComparer.Ordinal),
                actual.Routes.Select(r => System.Text.RegularExpressions.Regex.Replace(r, " onlink| metric [0-9]+", "")).Order(StringComparer.Ordinal));
            Assert.Equal(LinkDnsServers.Place(configuration)[nic.Name].Select(d => d.ToString()).Order(StringComparer.Ordinal), actual.Dns.Order(StringComparer.Ordinal));
        }
    }
}
