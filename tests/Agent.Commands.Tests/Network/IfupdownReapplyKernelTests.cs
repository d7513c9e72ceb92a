using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The ifupdown backend's own apply plan (<c>ifdown -f</c> on the old file, the write, then every
/// interface's address flush and <c>ifup -f</c> on each) run by Debian's real ifupdown on real links
/// (<see cref="KernelNamespace"/>), as a guest lives it: a first <c>resetnetwork</c> on links that
/// came up without ifupdown, each with an address of the image's own set-up, and a second over the
/// first's configuration. The kernel must then hold exactly the new addresses, gateways and routes, none through an old gateway, and every link its IPv6 link-local address, which every
/// interface must have (RFC 4291 §2.1) and which the kernel adds only when a link comes up.
/// </summary>
public sealed class IfupdownReapplyKernelTests
{
    /// <summary>The loopback-only file of a fresh Debian image, before the first <c>resetnetwork</c>.</summary>
    private const string FreshImage = "auto lo\niface lo inet loopback\n";

    public static TheoryData<string> Fixtures() => new(NetworkFixture.Names);

    /// <summary>Each first configuration and the second applied over it (Alpine's ifup gets the same, <see cref="AlpineIfupReapplyKernelTests"/>).</summary>
    internal static IReadOnlyList<(string First, string Second)> ReapplyPairs { get; } =
    [
        ("dual-stack", "ipv4-only"),
        ("ipv4-only", "ipv6-only"),
        ("several-addresses", "dual-stack"),
        ("several-interfaces", "off-link-gateways"),
        ("off-link-gateways", "several-gateways"),
        ("rackspace", "static-routes"),
    ];

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (first, second) in ReapplyPairs)
        {
            data.Add(first, second);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task A_first_resetnetwork_on_links_up_without_ifupdown_brings_every_address_and_keeps_the_link_local_one(string fixture)
    {
        var configuration = NetworkFixture.Load(fixture).Build();

        var kernel = await ApplyInOrderAsync(configuration);

        kernel.AssertHoldsExactly(configuration);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_second_resetnetwork_leaves_only_the_new_addresses_and_gateways(string first, string second)
    {
        var before = NetworkFixture.Load(first).Build();
        var after = NetworkFixture.Load(second).Build();

        var kernel = await ApplyInOrderAsync(before, after);

        kernel.AssertHoldsExactly(after);
        kernel.AssertHoldsRoutes(after);
        kernel.AssertNoStaleGateways(before, after);
    }

    /// <summary>
    /// Applies each configuration in turn, through the backend's plan, starting from a fresh image's
    /// file, on links that are up and hold only what the kernel gave them; answers what the kernel holds.
    /// </summary>
    private static async Task<ReapplyKernelState> ApplyInOrderAsync(params NetworkConfiguration[] configurations)
    {
        var ifup = ExternalTool.Require("ifup", "ifupdown");
        var ifdown = ExternalTool.Require("ifdown", "ifupdown");
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("interfaces");
        await File.WriteAllTextAsync(file, FreshImage, TestContext.Current.CancellationToken);

        // The links' link-local addresses are made when they come up; wait until they are there. Each
        // also holds an address ifupdown does not know (the image's own set-up), which must go. They
        // are in 198.51.100.0/24, which off-link-gateways routes through eth0: flushed only just
        // before its own ifup, eth2's was still there when eth0 came up, and the route was refused.
        var names = configurations.SelectMany(c => c.Interfaces).Select(nic => nic.Name).Distinct(StringComparer.Ordinal).ToList();
        var script = new StringBuilder();
        foreach (var (name, index) in names.Select((n, i) => (n, i)))
        {
            script.Append($"ip addr add 198.51.100.{index + 100}/24 dev {ShellWords.Quote(name)} || exit 90\n");
        }

        script.Append(ReapplyKernelState.LinkLocalAddresses(names));
        foreach (var (configuration, index) in configurations.Select((c, i) => (c, i)))
        {
            var next = directory.Combine($"interfaces.{index}");
            await File.WriteAllTextAsync(next, new IfupdownRenderer().Render(configuration, new InMemoryFileView()).Files.Single().Contents, TestContext.Current.CancellationToken);
            var interfaces = configuration.Interfaces.Select(nic => nic.Name).ToArray();
            var plan = NetworkBackends.For(NetworkBackend.Ifupdown).PlanApply(interfaces, SystemProbe.Probe(new InMemoryFileView()), new InMemoryFileView());
            AppendSteps(script, plan.BeforeWrite, ifup, ifdown, file, directory.Path);
            script.Append($"cp {ShellWords.Quote(next)} {ShellWords.Quote(file)}\n");
            AppendSteps(script, plan.AfterWrite, ifup, ifdown, file, directory.Path);
        }

        // ifdown takes a link down, which drops its link-local address; ifup's link gets a new one a moment later.
        script.Append(ReapplyKernelState.LinkLocalAddresses(names)).Append(ReapplyKernelState.Dump);
        var result = await KernelNamespace.RunAsync(names, script.ToString());
        Assert.True(result.ExitCode == 0, result.StandardError);
        return ReapplyKernelState.Parse(result.StandardOutput);
    }

    /// <summary>The steps as the agent runs them, with ifupdown told to use the test's file and state directory, and without this machine's hook scripts.</summary>
    private static void AppendSteps(StringBuilder script, IEnumerable<ApplyStep> steps, string ifup, string ifdown, string file, string stateDirectory)
    {
        foreach (var step in steps)
        {
            var program = step.Process.Program;
            var words = program switch
            {
                "ifup" => [ifup, "--no-scripts", "-i", file, "--state-dir", stateDirectory, .. step.Process.Arguments],
                "ifdown" => [ifdown, "--no-scripts", "-i", file, "--state-dir", stateDirectory, .. step.Process.Arguments],
                _ => new[] { program }.Concat(step.Process.Arguments).ToArray(),
            };

            // As the agent: a step that may fail is tried, its failure only logged.
            script.Append(string.Join(' ', words.Select(ShellWords.Quote))).Append(" >/dev/null 2>&1").Append(step.MustSucceed ? " || exit 91\n" : " || true\n");
        }
    }
}
