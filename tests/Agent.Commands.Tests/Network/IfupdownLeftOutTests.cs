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
/// An interface a new <c>resetnetwork</c> leaves out, under ifupdown: the stanza an earlier
/// <c>resetnetwork</c> wrote for it is dropped (a detached VIF's kept <c>auto eth1</c> made Debian's
/// <c>ifup -a</c>, networking.service at every boot, exit 1), an administrator's is kept, and an
/// interface whose stanza leaves the file is taken down with the old file before it goes (so the
/// guest right after the change is as the next boot leaves it) and brought back by a rollback.
/// Judged with Debian's real ifupdown on real links (<see cref="KernelNamespace"/>, private mounts:
/// its own <c>/etc/network</c> and <c>/run</c>), and the file with Alpine's two <c>ifup</c>.
/// </summary>
public sealed class IfupdownLeftOutTests
{
    /// <summary>How the agent marks each block it writes (docs/networking.md).</summary>
    private const string Marker = "# Configured by guest-agent: ";

    /// <summary>eth0 and eth1, configured by an earlier <c>resetnetwork</c>.</summary>
    private static NetworkConfiguration Both => NetworkFixture.Load("several-interfaces").Build();

    /// <summary>eth0 only: the host detached eth1 (or stopped configuring it).</summary>
    private static NetworkConfiguration Eth0Only => NetworkFixture.Load("dual-stack").Build();

    private static string Render(NetworkConfiguration configuration, string? previous) =>
        new IfupdownRenderer().Render(configuration, View(previous)).Files.Single(f => f.Path == IfupdownRenderer.FilePath).Contents;

    private static InMemoryFileView View(string? interfaces, string? state = null)
    {
        var files = new Dictionary<string, string>();
        if (interfaces is not null)
        {
            files[IfupdownRenderer.FilePath] = interfaces;
        }

        if (state is not null)
        {
            files["/run/network/ifstate"] = state;
        }

        return new InMemoryFileView(files);
    }

    [Fact]
    public void Our_own_stanza_of_an_interface_left_out_is_dropped()
    {
        var previous = Render(Both, null);

        var next = Render(Eth0Only, previous);

        Assert.DoesNotContain("eth1", next, StringComparison.Ordinal);
        Assert.Contains("\nauto eth0\n", next, StringComparison.Ordinal);
    }

    [Fact]
    public void An_administrators_stanzas_of_interfaces_left_out_are_kept_beside_ours()
    {
        // Appended to the file we wrote: a down bridge and an eth2 of the administrator's own.
        var previous = Render(Both, null) + "\nauto br0\niface br0 inet manual\n    bridge_ports none\n\nallow-hotplug eth2\niface eth2 inet dhcp\n";

        var next = Render(Eth0Only, previous);

        Assert.Contains("\nauto br0\niface br0 inet manual\n    bridge_ports none\n", next, StringComparison.Ordinal);
        Assert.Contains("\nallow-hotplug eth2\niface eth2 inet dhcp\n", next, StringComparison.Ordinal);
        Assert.DoesNotContain("eth1", next, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stanza_carried_over_once_is_not_taken_for_ours_later()
    {
        // The administrator's eth2 is kept by a first resetnetwork; a second one still keeps it.
        var image = "auto lo\niface lo inet loopback\n\nauto eth2\niface eth2 inet static\n    address 203.0.113.9\n    netmask 255.255.255.0\n";
        var first = Render(Both, image);

        var second = Render(Eth0Only, first);

        Assert.Contains("\nauto eth2\niface eth2 inet static\n    address 203.0.113.9\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_an_earlier_version_without_the_marker_keeps_its_stanzas_as_an_administrators()
    {
        // Earlier versions marked nothing: nothing tells their eth1 from an administrator's, so it stays.
        var previous = string.Join('\n', Render(Both, null).Split('\n').Where(line => !line.StartsWith(Marker, StringComparison.Ordinal)));

        var next = Render(Eth0Only, previous);

        Assert.Contains("\nauto eth1\niface eth1 inet static\n", next, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_takes_down_an_interface_ifupdown_has_up_whose_stanza_leaves_the_file_and_brings_it_back_on_rollback()
    {
        var current = View(Render(Both, null), "lo=lo\neth0=eth0\neth1=eth1\nbr0=br0\n" + "eth2=home\n");
        var keptEth2 = current.ReadText(IfupdownRenderer.FilePath) + "\nmapping eth2\n    script /usr/local/sbin/map\niface home inet dhcp\n\nauto br0\niface br0 inet manual\n";
        current = View(keptEth2, current.ReadText("/run/network/ifstate"));

        var plan = NetworkBackends.For(NetworkBackend.Ifupdown).PlanApply(["eth0"], SystemProbe.Probe(current), current);

        // eth1's stanza goes (ours); br0's and eth2's mapping are kept, and so stay up; lo is never touched.
        Assert.Equal(["ifdown -f eth1", "ifdown -f eth0"], plan.BeforeWrite.Select(s => s.Name));
        Assert.All(plan.BeforeWrite, step => Assert.False(step.MustSucceed));
        Assert.Equal(["ifup -f eth1"], plan.OnlyOnRollback.Select(s => s.Name));
        Assert.All(plan.OnlyOnRollback, step => Assert.False(step.MustSucceed));
    }

    [Fact]
    public void Only_interface_names_from_the_state_file_become_arguments()
    {
        // A line that is no interface name never reaches ifdown as an option ("-a" would take everything down).
        var current = View(Render(Both, null), "-a=-a\n\n=x\neth1=eth1\n");

        var plan = NetworkBackends.For(NetworkBackend.Ifupdown).PlanApply(["eth0"], SystemProbe.Probe(current), current);

        Assert.Equal(["ifdown -f eth1", "ifdown -f eth0"], plan.BeforeWrite.Select(s => s.Name));
    }

    [Fact]
    public async Task After_a_detached_vifs_resetnetwork_ifup_a_at_boot_succeeds_and_eth0_comes_up()
    {
        var ifup = ExternalTool.Require("ifup", "ifupdown");
        var previous = Render(Both, null);
        var next = Render(Eth0Only, previous);
        using var directory = new TemporaryDirectory();

        // Booted with both, then the host takes eth1 away; the plan runs with the state ifup -a left.
        var script = Boot(directory, previous, ifup) + "ip link del eth1 || exit 90\n"
            + Steps(directory, Eth0Only, previous, "lo=lo\neth0=eth0\neth1=eth1\n", next, rollBack: false)
            + Reboot(ifup) + ReapplyKernelState.LinkLocalAddresses(["eth0"]) + ReapplyKernelState.Dump;
        var kernel = await RunAsync(["eth0", "eth1"], script);

        Assert.DoesNotContain("@@boot failed", kernel.Log, StringComparison.Ordinal);
        kernel.AssertHoldsExactly(Eth0Only);
        kernel.AssertHoldsRoutes(Eth0Only);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_interface_whose_stanza_leaves_the_file_goes_down_now_and_a_rollback_brings_it_back(bool rollBack)
    {
        var ifup = ExternalTool.Require("ifup", "ifupdown");
        var previous = Render(Both, null);
        var next = Render(Eth0Only, previous);
        using var directory = new TemporaryDirectory();

        // The rollback's last ifup sets eth1's link up again after ifdown took it down: the kernel adds its link-local
        // address once it sees the veth's carrier (the link watcher runs up to a second later, more on a loaded machine;
        // a CI run under load 47 dumped before it), as a booted guest's link gets one: waited for, not assumed.
        var script = Boot(directory, previous, ifup)
            + Steps(directory, Eth0Only, previous, "lo=lo\neth0=eth0\neth1=eth1\n", next, rollBack)
            + ReapplyKernelState.LinkLocalAddresses((rollBack ? Both : Eth0Only).Interfaces.Select(nic => nic.Name))
            + ReapplyKernelState.Dump;
        var kernel = await RunAsync(["eth0", "eth1"], script);

        if (rollBack)
        {
            kernel.AssertHoldsExactly(Both);
            kernel.AssertHoldsRoutes(Both);
        }
        else
        {
            // As the next boot leaves it: eth1 holds nothing of its old stanza.
            kernel.AssertHoldsExactly(Eth0Only);
            Assert.True(!kernel.Global.Any(entry => entry.Interface == "eth1"), $"eth1 keeps its old addresses:\n{kernel.Log}");
        }
    }

    [Theory]
    [InlineData("ifupdown-ng")]
    [InlineData("busybox")]
    public async Task Alpines_ifup_a_brings_up_the_new_file_without_the_detached_vif(string tool)
    {
        var next = Render(Eth0Only, Render(Both, null));
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("next");
        await File.WriteAllTextAsync(file, next, TestContext.Current.CancellationToken);

        var script = AlpineIfup.PrivateSystem() + $"cp {ShellWords.Quote(file)} {IfupdownRenderer.FilePath} || exit 92\n"
            + $"{AlpineIfup.Program(tool, "ifup")} -a 2>&1\n" + ReapplyKernelState.LinkLocalAddresses(["eth0"]) + ReapplyKernelState.Dump;
        var kernel = await RunAsync(["eth0"], script);

        Assert.DoesNotContain("eth1", kernel.Log, StringComparison.Ordinal);
        kernel.AssertHoldsExactly(Eth0Only);
        kernel.AssertHoldsRoutes(Eth0Only);
    }

    /// <summary>
    /// Debian's ifupdown with its own <c>/etc/network</c> and <c>/run/network</c>: the old file brought up as networking.service does.
    /// Nothing is waited for after <c>ifup -a</c>: it returns once its IPv6 address is past duplicate address detection
    /// (<c>settle-dad.sh</c>), with each link's link-local address there since the links came up and its state file written,
    /// so the addresses and routes are as they will stay (the fixed <c>sleep 1</c> that followed changed nothing in them).
    /// </summary>
    private static string Boot(TemporaryDirectory directory, string interfaces, string ifup)
    {
        var path = directory.Combine("previous");
        File.WriteAllText(path, interfaces);
        return AlpineIfup.PrivateSystem() + "mkdir -p /run/network || exit 91\n"
            + $"cp {ShellWords.Quote(path)} {IfupdownRenderer.FilePath} || exit 92\n"
            + $"{ifup} -a 2>&1 || echo '@@boot failed'\n";
    }

    /// <summary>
    /// The plan as the agent runs it (<c>systemd-run</c> aside: none runs here), the new file written
    /// between; with <paramref name="rollBack"/> then the take-down, the old file put back and the
    /// repeated steps. <paramref name="state"/> is what the plan reads of ifupdown's state, checked
    /// against what the real <c>ifup -a</c> wrote.
    /// </summary>
    private static string Steps(TemporaryDirectory directory, NetworkConfiguration configuration, string previous, string state, string next, bool rollBack)
    {
        var view = View(previous, state);
        var plan = NetworkBackends.For(NetworkBackend.Ifupdown).PlanApply(configuration.Interfaces.Select(nic => nic.Name).ToArray(), SystemProbe.Probe(view), view);
        var nextPath = directory.Combine("next");
        File.WriteAllText(nextPath, next);
        var script = new StringBuilder();
        foreach (var line in state.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            script.Append($"grep -qx {ShellWords.Quote(line)} /run/network/ifstate || {{ echo 'state lacks {line}'; cat /run/network/ifstate; exit 93; }}\n");
        }

        Append(script, plan.BeforeWrite);
        script.Append($"cp {ShellWords.Quote(nextPath)} {IfupdownRenderer.FilePath} || exit 92\n");
        Append(script, plan.AfterWrite);
        if (rollBack)
        {
            Append(script, NetworkApplier.TakeDown(plan));
            script.Append($"cp {ShellWords.Quote(directory.Combine("previous"))} {IfupdownRenderer.FilePath} || exit 92\n");
            Append(script, NetworkApplier.RepeatedOnRollback(plan));
        }

        return script.ToString();
    }

    /// <summary>What a reboot keeps is the file: addresses and state go, then <c>ifup -a</c> must succeed.</summary>
    private static string Reboot(string ifup) =>
        "for l in $(ls /sys/class/net); do ip addr flush dev $l scope global; done; rm -f /run/network/ifstate*\n"
        + $"{ifup} -a 2>&1 || echo '@@boot failed'\n";

    private static void Append(StringBuilder script, IEnumerable<ApplyStep> steps)
    {
        foreach (var step in steps)
        {
            // As the agent: a step that may fail is tried, its failure only logged.
            script.Append($"echo '+ {step.Name}'\n{string.Join(' ', new[] { step.Process.Program }.Concat(step.Process.Arguments).Select(ShellWords.Quote))} 2>&1")
                .Append(step.MustSucceed ? " || exit 91\n" : " || echo \"(failed: $?)\"\n");
        }
    }

    private static async Task<ReapplyKernelState> RunAsync(IReadOnlyList<string> names, string script)
    {
        var result = await KernelNamespace.RunAsync(names, script, privateMounts: true);
        Assert.True(result.ExitCode == 0, $"{result.StandardOutput}\n{result.StandardError}");
        return ReapplyKernelState.Parse(result.StandardOutput);
    }
}
