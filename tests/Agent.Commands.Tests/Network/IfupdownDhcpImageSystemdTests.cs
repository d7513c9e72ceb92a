using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Daemon.Tests.Packaging;
using GuestAgent.Testing;
using ShellWords = GuestAgent.Testing.ShellWords;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Who owns the dhclient a rollback starts. The agent runs as a systemd service whose <c>KillMode</c>
/// (the shipped unit's, <c>mixed</c>) kills every process left in its cgroup when it stops: at an
/// update, an upgrade, a restart after a failure. A dhclient the agent's <c>ifup</c> started lives in
/// that cgroup unless moved out, and killed, it never renews the lease: the DHCP address goes when the
/// lease runs out. Here this machine's systemd boots in <see cref="SystemdSandbox"/>; the image's
/// <c>eth0</c> comes up from cloud-init's DHCP stanza in a service of its own (as under
/// <c>networking.service</c>), against <c>dnsmasq</c> in a network namespace of its own on the veth's
/// peer; the backend's plan, a failed step's take-down, the file put back and the repeated steps run in
/// a transient service with the shipped unit's <c>KillMode</c>, which then ends as the agent would.
/// </summary>
public sealed class IfupdownDhcpImageSystemdTests
{
    private const string ImageInterfaces = "source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n";
    private const string CloudInitFile = "auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet dhcp\n";

    [Fact]
    public async Task The_dhclient_a_rollback_starts_outlives_the_agents_service()
    {
        ExternalTool.Require("ifup", "ifupdown");
        ExternalTool.Require("dhclient", "isc-dhcp-client");
        ExternalTool.Require("dnsmasq", "dnsmasq-base");
        ExternalTool.Require("systemd-run", "systemd");
        var service = ServiceProperties();
        Assert.Contains("KillMode=mixed", service);
        var configuration = NetworkFixture.Load("dual-stack").Build();
        var current = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/etc/network/interfaces"] = ImageInterfaces,
            ["/etc/network/interfaces.d/50-cloud-init"] = CloudInitFile,
            ["/run/systemd/system"] = "",
            ["/usr/bin/systemd-run"] = "",
        });
        var ours = new IfupdownRenderer().Render(configuration, current).Files.Single(f => f.Path == "/etc/network/interfaces").Contents;
        var plan = NetworkBackends.For(NetworkBackend.Ifupdown).PlanApply(["eth0"], SystemProbe.Probe(current), current);

        // As the applier: before, the write, after; a later required step fails; the take-down, the image's file back, the repeated steps.
        var steps = new StringBuilder("set -u\n");
        AppendSteps(steps, plan.BeforeWrite);
        steps.Append("cp /root/interfaces.ours /etc/network/interfaces || exit 97\n");
        AppendSteps(steps, plan.AfterWrite);
        AppendSteps(steps, NetworkApplier.TakeDown(plan));
        steps.Append("cp /root/interfaces.image /etc/network/interfaces || exit 97\n");
        AppendSteps(steps, NetworkApplier.RepeatedOnRollback(plan));

        await using var sandbox = await SystemdSandbox.BootAsync(seed =>
        {
            Directory.CreateDirectory(Path.Combine(seed, "etc", "network", "interfaces.d"));
            Directory.CreateDirectory(Path.Combine(seed, "root"));
            File.WriteAllText(Path.Combine(seed, "etc", "network", "interfaces"), ImageInterfaces);
            File.WriteAllText(Path.Combine(seed, "etc", "network", "interfaces.d", "50-cloud-init"), CloudInitFile);
            File.WriteAllText(Path.Combine(seed, "root", "interfaces.image"), ImageInterfaces);
            File.WriteAllText(Path.Combine(seed, "root", "interfaces.ours"), ours);
            File.WriteAllText(Path.Combine(seed, "root", "steps.sh"), steps.ToString());
            File.WriteAllText(Path.Combine(seed, "root", "dhcp-server.sh"), DhcpServer);
        });

        // The DHCP server in a network namespace of its own, eth0's peer moved into it; then the image's boot.
        await sandbox.RunCheckedAsync("systemd-run", "--unit=dhcp-server", "sh", "/root/dhcp-server.sh");
        await sandbox.RunCheckedAsync("sh", "-c", "while [ ! -s /run/peer.pid ]; do sleep 0.05; done; ip link add eth0 type veth peer name gapeer0 netns \"$(cat /run/peer.pid)\" && ip link set eth0 up");
        await sandbox.RunCheckedAsync("systemd-run", "--unit=boot-network", "-p", "Type=oneshot", "-p", "RemainAfterExit=yes", "ifup", "-a");
        Assert.NotEqual("", (await sandbox.RunAsync("pgrep", "-x", "dhclient")).StandardOutput.Trim());

        var agent = await sandbox.RunAsync(["systemd-run", "--unit=guest-agent-steps", "--wait", .. service.SelectMany(p => new[] { "-p", p }), "sh", "/root/steps.sh"]);
        Assert.True(agent.ExitCode == 0, $"the steps failed ({agent.ExitCode}): {agent.StandardError}\n{await sandbox.JournalAsync("guest-agent-steps")}");

        // The service has ended as the agent's does when it stops; the restored DHCP configuration must still have its client.
        var after = await sandbox.RunAsync("sh", "-c", "pgrep -a -x dhclient; ip -o -4 addr show dev eth0");
        Assert.True(after.StandardOutput.Contains("dhclient ", StringComparison.Ordinal), $"no dhclient once the agent's service ended:\n{after.StandardOutput}\n{await sandbox.JournalAsync("guest-agent-steps")}");
        Assert.Contains("inet 198.51.100.", after.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>The server's side: a network namespace of its own, whose shell's PID says where eth0's peer goes; dnsmasq serves a 2 minute lease there.</summary>
    private const string DhcpServer = """
        exec unshare -n sh -c 'echo $$ > /run/peer.pid
        while ! ip link show gapeer0 >/dev/null 2>&1; do sleep 0.05; done
        ip link set lo up && ip link set gapeer0 up && ip addr add 198.51.100.1/24 dev gapeer0 || exit 1
        exec dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --port=0 --bind-interfaces --interface=gapeer0 --pid-file= --user=root --no-ping --dhcp-range=198.51.100.100,198.51.100.150,2m --dhcp-option=option:router,198.51.100.1 --dhcp-leasefile=/run/dnsmasq.leases'

        """;

    /// <summary>
    /// The shipped unit's <c>[Service]</c> settings that say how its processes run and end (its
    /// <c>KillMode</c>, capabilities, address families, protections), for the transient service the
    /// steps run in; not those of starting, restarting and the agent's own directories.
    /// </summary>
    private static List<string> ServiceProperties()
    {
        string[] notForSteps = ["Type", "NotifyAccess", "ExecStart", "Restart", "RestartSec", "RestartPreventExitStatus", "TimeoutStartSec", "TimeoutStopSec", "StateDirectory", "StateDirectoryMode", "ConfigurationDirectory"];
        var lines = File.ReadAllLines(RepositoryFiles.Path("packaging", "systemd", "guest-agent.service"));
        return [.. lines.SkipWhile(line => line != "[Service]").Skip(1).TakeWhile(line => !line.StartsWith('['))
            .Where(line => line.Contains('=', StringComparison.Ordinal) && !line.StartsWith('#') && !notForSteps.Contains(line.Split('=')[0], StringComparer.Ordinal))];
    }

    /// <summary>The steps as the agent runs them, a required one's failure ending the script.</summary>
    private static void AppendSteps(StringBuilder script, IEnumerable<ApplyStep> steps)
    {
        foreach (var step in steps)
        {
            var words = new[] { step.Process.Program }.Concat(step.Process.Arguments);
            script.Append(string.Join(' ', words.Select(ShellWords.Quote))).Append(" >>/run/steps.out 2>&1").Append(step.MustSucceed ? " || exit 91\n" : " || true\n");
        }
    }
}
