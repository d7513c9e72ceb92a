using System.Runtime.CompilerServices;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The catalog of backend definitions is complete and unambiguous, and each stage of
/// <c>resetnetwork</c> takes what it knows of a backend from that backend's definition alone, so
/// a new network system is one definition and its line in <see cref="NetworkBackends"/>.
/// </summary>
public sealed class NetworkBackendCatalogTests
{
    public static TheoryData<NetworkBackend> Backends() => new(Enum.GetValues<NetworkBackend>());

    [Fact]
    public void Every_backend_has_exactly_one_definition()
    {
        foreach (var backend in Enum.GetValues<NetworkBackend>())
        {
            Assert.Single(NetworkBackends.All, d => d.Backend == backend);
        }

        Assert.Equal(Enum.GetValues<NetworkBackend>().Length, NetworkBackends.All.Count);
        Assert.Equal(Enum.GetValues<NetworkBackend>(), NetworkBackends.All.Select(d => d.Backend));
    }

    [Fact]
    public void No_name_belongs_to_two_backends()
    {
        var owners = NetworkBackends.All
            .SelectMany(d => new[] { d.Name, d.LongName }.Distinct(StringComparer.OrdinalIgnoreCase).Select(name => (Name: name, d.Backend)))
            .GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);
        Assert.Empty(owners);
        Assert.All(NetworkBackends.All, d => Assert.Equal(d.Name.Trim().ToLowerInvariant(), d.Name));
        Assert.All(NetworkBackends.All, d => Assert.Equal(d.LongName.Trim().ToLowerInvariant(), d.LongName));
    }

    [Fact]
    public void Each_definition_holds_a_renderer_of_its_own_backend()
    {
        Assert.All(NetworkBackends.All, d => Assert.Equal(d.Backend, d.Renderer.Backend));
        Assert.Equal(NetworkBackends.All.Count, NetworkBackends.All.Select(d => d.Renderer.GetType()).Distinct().Count());
    }

    [Fact]
    public void Every_backend_the_selector_can_prefer_is_registered_and_the_table_ends_with_a_catch_all()
    {
        var named = DistributionFamilies.All.SelectMany(f => f.InUse.Concat(f.Installed).Concat(f.Fallback is { } b ? [b] : []));
        Assert.All(named, b => Assert.Same(NetworkBackends.For(b), NetworkBackends.All.Single(d => d.Backend == b)));
        Assert.True(DistributionFamilies.All[^1].Matches(new SystemFacts(OsRelease.Unknown, new InstalledTools())));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Every_stage_takes_the_backend_from_its_definition(NetworkBackend backend)
    {
        var definition = NetworkBackends.For(backend);
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/etc/os-release"] = "ID=plan9",
            ["/usr/bin/hostnamectl"] = "",
            ["/usr/bin/systemctl"] = "",
            ["/etc/hosts"] = "127.0.0.1\tlocalhost\n",
        });
        var facts = SystemProbe.Probe(view);
        var fixture = NetworkFixture.Load("rackspace");
        var configuration = NetworkConfigurationBuilder.Build(fixture.Networking, "new-name", "old-name", fixture.Interfaces, new List<string>());
        var interfaces = configuration.Interfaces.Select(i => i.Name).ToArray();

        // Names: the configuration's short and long names parse to it.
        Assert.Equal(definition.Name, NetworkBackendNames.NameOf(backend));
        Assert.True(NetworkBackendNames.TryParse(definition.LongName, out var parsed));
        Assert.Equal(backend, parsed);

        // Rendering: the definition's renderer writes the backend's files.
        Assert.Same(definition.Renderer, RendererCatalog.For(backend));
        var files = NetworkFilesRenderer.Render(configuration, backend, facts, new NetworkOptions(), view);
        var own = definition.Renderer.Render(configuration, view).Files;
        Assert.NotEmpty(own);
        Assert.All(own, f => Assert.Contains(f, files.Files));

        // DNS: the route's reason is the definition's.
        Assert.StartsWith(definition.DeliversDns(facts.Resolver).Why, DnsRouting.Decide(backend, facts, ResolvConfPolicy.Auto).Reason, StringComparison.Ordinal);

        // Applying: the hostname step, then exactly the definition's steps.
        var plan = ApplyPlanner.Plan(backend, configuration, facts, view, files);
        var steps = definition.PlanApply(interfaces, facts, view);
        Assert.Equal(steps.BeforeWrite.Select(s => s.Name), plan.BeforeWrite.Select(s => s.Name));
        Assert.NotEmpty(steps.AfterWrite);
        Assert.Equal(steps.AfterWrite.Select(s => s.Name), plan.AfterWrite.Skip(1).Select(s => s.Name));
        Assert.Equal(definition.Hostname.OnlyInBackendFiles ? "hostname new-name" : "hostnamectl set-hostname new-name", plan.AfterWrite[0].Name);

        // Hostname files: none where the backend's own files hold it, else /etc/hostname at least.
        var hostnameFiles = HostnameFilesRenderer.Render(backend, "new-name", view).Files.Select(f => f.Path);
        Assert.Equal(!definition.Hostname.OnlyInBackendFiles, hostnameFiles.Contains("/etc/hostname"));
    }

    [Fact]
    public void The_services_in_use_are_what_the_definitions_see()
    {
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/run/NetworkManager/x"] = "",
            ["/run/wicked/x"] = "",
            ["/etc/sysconfig/network-scripts/ifcfg-eth0"] = "DEVICE=eth0\nNM_CONTROLLED=no\n",
        });
        var enabled = new HashSet<string>(StringComparer.Ordinal) { "networking", "netctl@eth0.service" };
        var expected = NetworkBackends.All.Where(d => d.IsInUse(view, enabled)).Select(d => d.Backend).Order();
        Assert.Equal(
            [NetworkBackend.Ifupdown, NetworkBackend.NetworkManager, NetworkBackend.RedHatIfcfg, NetworkBackend.SuseIfcfg, NetworkBackend.Netctl],
            ActiveNetworkServices.Detect(view, enabled).Order());
        Assert.Equal(expected, ActiveNetworkServices.Detect(view, enabled).Order());
    }

    /// <summary>
    /// Outside the definitions, a backend is named only where the choice between backends is made
    /// (the distribution table, the selector's netplan rule) and in each renderer's own
    /// <see cref="INetworkRenderer.Backend"/>: a switch over backends anywhere else would be a place
    /// a new backend has to be added to.
    /// </summary>
    [Fact]
    public void Only_the_definitions_and_the_choice_between_backends_name_a_backend()
    {
        var network = NetworkSource();
        var offending = Directory.EnumerateFiles(network, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.StartsWith(Path.Combine(network, "Backends") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(path => Path.GetFileName(path) != "DistributionFamilies.cs")
            .SelectMany(path => File.ReadAllLines(path).Select(line => (File: Path.GetRelativePath(network, path), Line: line.Trim())))
            .Where(l => l.Line.Contains("NetworkBackend.", StringComparison.Ordinal) && !l.Line.StartsWith("///", StringComparison.Ordinal))
            .Where(l => !(l.File.StartsWith("Rendering", StringComparison.Ordinal) && l.Line.StartsWith("public NetworkBackend Backend => NetworkBackend.", StringComparison.Ordinal)))
            .Where(l => !(l.File == Path.Combine("Detection", "BackendSelector.cs") && l.Line.Contains("NetworkBackend.Netplan", StringComparison.Ordinal)))
            .Select(l => $"{l.File}: {l.Line}");
        Assert.Empty(offending);
    }

    private static string NetworkSource([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "src", "Agent.Commands", "Network"));
}
