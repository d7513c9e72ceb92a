using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// An IPv4-only change on an ifupdown-ng guest (Alpine) whose current files give the interface an <c>inet6</c>
/// stanza: unlike Debian's ifupdown, whose <c>inet6</c> methods set <c>accept_ra</c> and <c>autoconf</c>, none of
/// ifupdown-ng's executors reads those options or sets either (its <c>static</c> adds addresses and routes,
/// the <c>inet6</c> and <c>auto</c> words of an <c>iface</c> line select nothing). The interface's values are
/// then what the boot gave it, an administrator's <c>sysctl.d</c> setting for it included, and a boot with the
/// new file gives the same: the change must keep them, not put <c>conf/default</c>'s in their place.
/// </summary>
public sealed class AlpineIfupRouterAdvertisementTests
{
    /// <summary>The interface's own values (an administrator's) and the kernel's default, which differ.</summary>
    private const string Own = "2 0";

    private const string Default = "1 1";

    /// <summary>The current file: a stanza of each kind an image or an earlier change gives, in a file it sources.</summary>
    private const string Sourced = "iface eth0 inet6 static\n    address 2001:db8::42/64\n    accept_ra 0\n    autoconf 0\n\niface eth0 inet6 auto\n";

    public static TheoryData<bool, string> Plans() => new()
    {
        { true, Own },
        { false, Default },
    };

    /// <summary>The plan's values: the interface's own under ifupdown-ng, <c>conf/default</c>'s under Debian's ifupdown (whose stanza set them).</summary>
    [Theory]
    [MemberData(nameof(Plans))]
    public void An_ipv4_only_change_keeps_the_interfaces_own_settings_under_ifupdown_ng(bool ifupdownNg, string expected)
    {
        var files = Files();
        if (ifupdownNg)
        {
            files["/usr/libexec/ifupdown-ng/static"] = "#!/bin/sh\n";
        }

        var view = new InMemoryFileView(files);
        var configuration = NetworkFixture.Load("ipv4-only").Build() with { Hostname = null };

        var plan = ApplyPlanner.Plan(NetworkBackend.Ifupdown, configuration, SystemProbe.Probe(view), view);

        var (accept, autoconf) = (expected.Split(' ')[0], expected.Split(' ')[1]);
        Assert.Contains($"sysctl -q -w net/ipv6/conf/eth0/accept_ra={accept} net/ipv6/conf/eth0/autoconf={autoconf}", plan.AfterWrite.Select(s => s.Name));
    }

    /// <summary>
    /// The real ifupdown-ng: the image's boot (<c>ifup -a</c> on the current files, the administrator's values set
    /// before it as <c>sysctl.d</c> is), the plan's steps with ifupdown-ng's <c>ifup</c> and <c>ifdown</c>, and a
    /// reboot with the new file: the interface's values after the change are the reboot's.
    /// </summary>
    [Fact]
    public async Task The_change_leaves_the_values_a_boot_with_the_new_file_gives()
    {
        var configuration = NetworkFixture.Load("ipv4-only").Build() with { Hostname = null };
        var files = Files();
        files["/usr/libexec/ifupdown-ng/static"] = "#!/bin/sh\n";
        var view = new InMemoryFileView(files);
        var plan = ApplyPlanner.Plan(NetworkBackend.Ifupdown, configuration, SystemProbe.Probe(view), view);
        var next = new IfupdownRenderer().Render(configuration, view).Files.Single().Contents;
        using var directory = new TemporaryDirectory();
        foreach (var (path, text) in files.Where(file => file.Key.StartsWith("/etc/network/", StringComparison.Ordinal)))
        {
            await File.WriteAllTextAsync(directory.Combine(path.Replace('/', '_')), text, TestContext.Current.CancellationToken);
        }

        await File.WriteAllTextAsync(directory.Combine("next"), next, TestContext.Current.CancellationToken);
        var boot = new StringBuilder(AlpineIfup.PrivateSystem())
            .Append("mkdir /etc/network/custom\n")
            .Append(string.Concat(files.Keys.Where(path => path.StartsWith("/etc/network/", StringComparison.Ordinal))
                .Select(path => $"cp {ShellWords.Quote(directory.Combine(path.Replace('/', '_')))} {path} || exit 92\n")))
            .Append(Settings).Append($"{AlpineIfup.Program("ifupdown-ng", "ifup")} -a 2>&1\n").Append(Dump("booted"));
        foreach (var step in plan.BeforeWrite)
        {
            Append(boot, step);
        }

        boot.Append($"cp {ShellWords.Quote(directory.Combine("next"))} {IfupdownRenderer.FilePath} || exit 92\n");
        foreach (var step in plan.AfterWrite)
        {
            Append(boot, step);
        }

        var changed = await RunAsync(boot.Append(Dump("changed")).ToString());
        var rebooted = await RunAsync(AlpineIfup.PrivateSystem()
            + $"cp {ShellWords.Quote(directory.Combine("next"))} {IfupdownRenderer.FilePath} || exit 92\n"
            + Settings + $"{AlpineIfup.Program("ifupdown-ng", "ifup")} -a 2>&1\n" + Dump("rebooted"));

        Assert.True(changed.Contains($"booted: {Own}\n", StringComparison.Ordinal), $"ifupdown-ng's inet6 stanzas changed the values:\n{changed}");
        Assert.True(rebooted.Contains($"rebooted: {Own}\n", StringComparison.Ordinal), rebooted);
        Assert.True(changed.Contains($"changed: {Own}\n", StringComparison.Ordinal), $"not the reboot's {Own}:\n{changed}");
    }

    /// <summary>The administrator's values for eth0 and the kernel's default, as a boot's <c>sysctl</c> service sets them.</summary>
    private const string Settings = "sysctl -q -w net/ipv6/conf/default/accept_ra=1 net/ipv6/conf/default/autoconf=1 net/ipv6/conf/eth0/accept_ra=2 net/ipv6/conf/eth0/autoconf=0 || exit 93\n";

    private static string Dump(string label) => $"echo \"{label}: $(cat /proc/sys/net/ipv6/conf/eth0/accept_ra) $(cat /proc/sys/net/ipv6/conf/eth0/autoconf)\"\n";

    /// <summary>A step as the agent runs it, ifupdown-ng's <c>ifup</c> and <c>ifdown</c> where it runs those; a failure only logged.</summary>
    private static void Append(StringBuilder script, ApplyStep step)
    {
        var program = step.Process.Program is "ifup" or "ifdown" ? AlpineIfup.Program("ifupdown-ng", step.Process.Program) : ShellWords.Quote(step.Process.Program);
        script.Append($"echo '+ {step.Name}'\n{program} {string.Join(' ', step.Process.Arguments.Select(ShellWords.Quote))} 2>&1 || echo \"(failed: $?)\"\n");
    }

    private static async Task<string> RunAsync(string script)
    {
        var result = await KernelNamespace.RunAsync(["eth0"], script, privateMounts: true);
        Assert.True(result.ExitCode == 0, $"{result.StandardOutput}\n{result.StandardError}");
        return result.StandardOutput;
    }

    /// <summary>The current files (absolute paths: ifupdown-ng reads a relative one from its working directory) and the values now, the administrator's.</summary>
    private static Dictionary<string, string> Files() => new(StringComparer.Ordinal)
    {
        [IfupdownRenderer.FilePath] = "auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet static\n    address 198.51.100.100\n    netmask 255.255.255.0\n\nsource /etc/network/custom/eth0\n",
        ["/etc/network/custom/eth0"] = Sourced,
        ["/proc/sys/net/ipv6/conf/eth0/accept_ra"] = "2\n",
        ["/proc/sys/net/ipv6/conf/eth0/autoconf"] = "0\n",
        ["/proc/sys/net/ipv6/conf/default/accept_ra"] = "1\n",
        ["/proc/sys/net/ipv6/conf/default/autoconf"] = "1\n",
    };
}
