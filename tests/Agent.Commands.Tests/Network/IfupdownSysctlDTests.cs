using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// An IPv4-only change on Debian's ifupdown where an <c>inet6</c> stanza set the interface's <c>accept_ra</c> and
/// <c>autoconf</c> gives it what a boot with the new file gives: <c>conf/default</c>'s as the device appears, then what
/// the <c>sysctl.d</c> files set for it, which udev applies then (systemd's <c>99-systemd.rules</c> runs
/// <c>systemd-sysctl --prefix=/net/ipv6/conf/&lt;if&gt;</c>), before <c>networking.service</c>'s ifup, which with no
/// <c>inet6</c> stanza sets neither. The real <c>systemd-sysctl</c> is the judge, run as udev runs it on a new veth with
/// each case's files under <c>/etc/sysctl.d</c>, <c>/run/sysctl.d</c>, <c>/usr/lib/sysctl.d</c> and <c>/etc/sysctl.conf</c>
/// (Debian's <c>99-sysctl.conf</c> link to it beside them) in a mount namespace of its own.
/// </summary>
public sealed class IfupdownSysctlDTests
{
    /// <summary>Each case's files (<c>path: text</c>) and eth0's <c>accept_ra</c> and <c>autoconf</c> after the boot; <c>conf/default</c> is 1 1.</summary>
    public static TheoryData<string[], string> Cases() => new()
    {
        { ["/etc/sysctl.d/90-admin.conf: net.ipv6.conf.eth0.accept_ra = 2\n"], "2 1" },
        { ["/etc/sysctl.conf: net.ipv6.conf.eth0.autoconf = 0\n"], "1 0" },
        { ["/usr/lib/sysctl.d/50-vendor.conf: net.ipv6.conf.*.autoconf = 0\n"], "1 0" },
        { ["/etc/sysctl.d/90-admin.conf: net.ipv6.conf.eth0.accept_ra = 0\nnet.ipv6.conf.*.accept_ra = 2\n"], "0 1" },
        { ["/etc/sysctl.d/90-admin.conf: net.ipv6.conf.*.accept_ra = 2\nnet.ipv6.conf.e*.accept_ra = 0\nnet.ipv6.conf.*.accept_ra = 2\n"], "0 1" },
        { ["/etc/sysctl.d/90-admin.conf: net.ipv6.conf.*.accept_ra = 2\nnet.ipv6.conf.e*.accept_ra = 0\nnet.ipv6.conf.*.accept_ra = 3\n"], "3 1" },
        { ["/etc/sysctl.d/90-admin.conf: net/ipv6/conf/eth0/accept_ra=2 \n  net.ipv6.conf.eth0.autoconf\t=\t0\n"], "2 0" },
        { ["/etc/sysctl.d/90-admin.conf: -net.ipv6.conf.eth?.accept_ra = 2 # note\n; net.ipv6.conf.eth0.autoconf = 0\n  # net.ipv6.conf.eth0.autoconf = 0\n"], "2 1" },
        { ["/etc/sysctl.d/90-admin.conf: net.ipv6.conf.eth0.accept_ra = 2\nnet.ipv6.conf.eth0.accept_ra = x\n"], "1 1" },
        { ["/etc/sysctl.d/90-admin.conf: net.ipv6.conf.eth1.accept_ra = 2\nnet.ipv6.conf.eth0.autoconf 0\nnet.ipv6.conf.eth0/accept_ra = 0\n"], "1 1" },
        { ["/etc/sysctl.d/50-vendor.conf: # masked\n", "/usr/lib/sysctl.d/50-vendor.conf: net.ipv6.conf.eth0.accept_ra = 2\n"], "1 1" },
        { ["/etc/sysctl.d/90-admin.conf: net.ipv6.conf.eth0.accept_ra = 0\n", "/run/sysctl.d/20-run.conf: net.ipv6.conf.eth0.accept_ra = 2\n"], "0 1" },
        { ["/etc/sysctl.d/10-admin.conf: net.ipv6.conf.eth0.accept_ra = 0\n", "/run/sysctl.d/20-run.conf: net.ipv6.conf.eth0.accept_ra = 2\n"], "2 1" },
        { ["/etc/sysctl.d/90-admin.conf: net.ipv6.conf.* = 2\n"], "1 1" },
        { ["/etc/sysctl.d/90-admin.txt: net.ipv6.conf.eth0.accept_ra = 2\n"], "1 1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_ipv4_only_change_gives_the_values_of_a_boot_with_sysctl_d(string[] sysctl, string expected)
    {
        var files = Files(sysctl);
        files["/etc/network/interfaces.d/eth0"] = "iface eth0 inet6 static\n    address 2001:db8::42/64\n    gateway 2001:db8::1\n";
        files["/proc/sys/net/ipv6/conf/eth0/accept_ra"] = "0\n";
        files["/proc/sys/net/ipv6/conf/eth0/autoconf"] = "0\n";
        files["/proc/sys/net/ipv6/conf/default/accept_ra"] = "1\n";
        files["/proc/sys/net/ipv6/conf/default/autoconf"] = "1\n";
        var view = new InMemoryFileView(files, linkTargets: new Dictionary<string, string> { ["/etc/sysctl.d/99-sysctl.conf"] = "../sysctl.conf" });
        var configuration = NetworkFixture.Load("ipv4-only").Build() with { Hostname = null };

        var plan = ApplyPlanner.Plan(NetworkBackend.Ifupdown, configuration, SystemProbe.Probe(view), view);

        var (accept, autoconf) = (expected.Split(' ')[0], expected.Split(' ')[1]);
        Assert.Contains($"sysctl -q -w net/ipv6/conf/eth0/accept_ra={accept} net/ipv6/conf/eth0/autoconf={autoconf}", plan.AfterWrite.Select(s => s.Name));
    }

    /// <summary>The real <c>systemd-sysctl</c>, as udev runs it when eth0 appears with <c>conf/default</c>'s 1 1, gives the case's values.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Systemd_sysctl_gives_the_same_as_udev_runs_it(string[] sysctl, string expected)
    {
        var systemdSysctl = ExternalTool.Require("/lib/systemd/systemd-sysctl", "systemd");
        using var directory = new TemporaryDirectory();
        var files = Files(sysctl);
        var script = new StringBuilder("[ -f /etc/sysctl.conf ] || exit 94\n")
            .Append("for d in /etc/sysctl.d /usr/lib/sysctl.d /run; do mount -t tmpfs none \"$d\" || exit 90; done\nmkdir /run/sysctl.d || exit 90\n")
            .Append("ln -s ../sysctl.conf /etc/sysctl.d/99-sysctl.conf || exit 90\n");
        foreach (var ((path, text), index) in files.Select((file, index) => (file, index)))
        {
            var copy = directory.Combine($"file{index}");
            await File.WriteAllTextAsync(copy, text, TestContext.Current.CancellationToken);
            script.Append(path == "/etc/sysctl.conf" ? $"mount --bind {ShellWords.Quote(copy)} /etc/sysctl.conf || exit 91\n" : $"cp {ShellWords.Quote(copy)} {ShellWords.Quote(path)} || exit 91\n");
        }

        script.Append("sysctl -q -w net/ipv6/conf/default/accept_ra=1 net/ipv6/conf/default/autoconf=1 net/ipv6/conf/eth0/accept_ra=1 net/ipv6/conf/eth0/autoconf=1 || exit 92\n")
            .Append($"{ShellWords.Quote(systemdSysctl)} --prefix=/net/ipv6/conf/eth0 2>/dev/null\n")
            .Append("echo \"$(cat /proc/sys/net/ipv6/conf/eth0/accept_ra) $(cat /proc/sys/net/ipv6/conf/eth0/autoconf)\"\n");

        var result = await KernelNamespace.RunAsync(["eth0"], script.ToString(), privateMounts: true);

        Assert.True(result.ExitCode == 0, $"{result.StandardOutput}\n{result.StandardError}");
        Assert.Equal(expected + "\n", result.StandardOutput);
    }

    /// <summary>
    /// The case's files, an empty <c>/etc/sysctl.conf</c> where it gives none, and a <c>README</c> in <c>/etc/sysctl.d</c> (Debian
    /// ships one) that would set <c>accept_ra</c> were it read: only <c>*.conf</c> files are.
    /// </summary>
    private static Dictionary<string, string> Files(string[] sysctl)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/etc/sysctl.conf"] = "",
            ["/etc/sysctl.d/README.sysctl"] = "net.ipv6.conf.eth0.accept_ra = 2\n",
        };
        foreach (var entry in sysctl)
        {
            var colon = entry.IndexOf(": ", StringComparison.Ordinal);
            files[entry[..colon]] = entry[(colon + 2)..];
        }

        return files;
    }
}
