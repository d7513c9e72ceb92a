using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The stanzas kept from an administrator's <c>/etc/network/interfaces</c> (<see cref="IfupdownKeptStanzas"/>),
/// read by Alpine's ifup (<see cref="AlpineIfup"/>) and by Debian's <c>ifquery</c>.
/// </summary>
public sealed class AlpineIfupKeptStanzasTests
{
    // eth0 and eth1 are ours (rackspace): dropping eth0's stanza brought the mapping and the
    // allow-hotplug line together, and busybox refused the whole file at it ("misplaced option").
    // A kept rename is an option of the stanza before it to both Alpine ifup (neither renames).
    private const string AdministratorsFile = """
        auto lo
        iface lo inet loopback
        mapping eth3
            script /usr/local/sbin/map
        iface eth0 inet dhcp
        rename eth5=eth4 eth0=wan0
        allow-hotplug eth4
        iface eth4 inet dhcp
        """;

    [Fact]
    public async Task Busybox_reads_our_stanzas_and_the_kept_ones_after_a_kept_mapping()
    {
        var busybox = AlpineIfup.Busybox();
        var ifquery = ExternalTool.Require("ifquery", "ifupdown");
        var configuration = NetworkFixture.Load("rackspace").Build();
        var current = new InMemoryFileView(new Dictionary<string, string> { [IfupdownRenderer.FilePath] = AdministratorsFile });
        var rendered = new IfupdownRenderer().Render(configuration, current).Files.Single().Contents;
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("interfaces");
        await File.WriteAllTextAsync(file, rendered, TestContext.Current.CancellationToken);

        // -n: the commands, without running them or writing busybox's state file.
        var eth1 = await ExternalTool.RunAsync(busybox, ["ifup", "-n", "-i", file, "eth1"]);
        Assert.True(eth1.ExitCode == 0, eth1.StandardError);
        Assert.Contains("ip route add 10.208.0.0/12 via 10.208.224.1 dev eth1 || true", eth1.StandardOutput, StringComparison.Ordinal);
        var eth4 = await ExternalTool.RunAsync(busybox, ["ifup", "-n", "-i", file, "eth4"]);
        Assert.True(eth4.ExitCode == 0, eth4.StandardError);
        Assert.Contains("-i eth4", eth4.StandardOutput, StringComparison.Ordinal);

        // Debian's ifupdown still has the mapping and the hotplug interface, and ifupdown-ng reads the file.
        Assert.Contains("mapping eth3\n    script /usr/local/sbin/map\n", rendered, StringComparison.Ordinal);
        Assert.Contains("\nrename eth5=eth4\nallow-hotplug eth4\n", rendered, StringComparison.Ordinal);
        var hotplug = await ExternalTool.RunAsync(ifquery, ["-i", file, "--list", "--allow=hotplug"]);
        Assert.Equal(["eth4"], hotplug.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var list = await ExternalTool.RunAsync(AlpineIfup.IfupdownNg("ifquery"), ["-i", file, "--list"]);
        Assert.True(list.ExitCode == 0, list.StandardError);
        Assert.Equal(["lo", "eth0", "eth1", "eth4"], list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
