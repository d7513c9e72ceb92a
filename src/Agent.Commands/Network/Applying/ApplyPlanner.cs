using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// Which programs make the configuration live on each network system, and how the live hostname
/// is set (<c>hostnamectl</c> where systemd has it, else <c>hostname</c>).
/// </summary>
internal static class ApplyPlanner
{
    /// <summary>Plans the steps.</summary>
    /// <param name="backend">The network system.</param>
    /// <param name="configuration">The configuration.</param>
    /// <param name="facts">The system.</param>
    /// <param name="current">The current files.</param>
    /// <param name="files">What will be written and removed, when known: a changed systemd-resolved drop-in needs resolved to read it.</param>
    public static ApplyPlan Plan(NetworkBackend backend, NetworkConfiguration configuration, SystemFacts facts, IFileView current, RenderResult? files = null)
    {
        var names = configuration.Interfaces.Select(i => i.Name).ToArray();
        var before = new List<ApplyStep>();
        var after = new List<ApplyStep>();
        if (configuration.Hostname is { } hostname)
        {
            // Run again, the step would set the new name the restored files no longer hold: a
            // rollback sets the previous one instead, the name the restored files give (else the
            // kernel's), already a valid hostname of at most 63 characters (CurrentHostnameReader).
            var previous = configuration.CurrentHostname;
            after.Add(SetHostname(backend, facts, hostname) with
            {
                RepeatOnRollback = false,
                Undo = previous is null || previous == hostname ? null : SetHostname(backend, facts, previous),
            });
        }

        switch (backend)
        {
            case NetworkBackend.Netplan:
                after.Add(ApplyStep.Run("netplan", "apply"));
                break;
            case NetworkBackend.Ifupdown:
                before.AddRange(names.Select(n => ApplyStep.Try("ifdown", "--force", n)));
                foreach (var name in names)
                {
                    // ifupdown leaves addresses of the old stanza behind (Launchpad 1584682).
                    after.Add(ApplyStep.Try("ip", "addr", "flush", "dev", name));
                    // As the original: ifup's errors are ignored (spec §5.7). Two interfaces with a gateway
                    // each make the second ifup fail on the duplicate default route while it works.
                    after.Add(ApplyStep.Try("ifup", name));
                }

                break;
            case NetworkBackend.SystemdNetworkd:
                after.Add(ApplyStep.Run("networkctl", "reload"));
                after.AddRange(names.Select(n => ApplyStep.Run("networkctl", "reconfigure", n)));
                break;
            case NetworkBackend.NetworkManager:
                after.Add(ApplyStep.Run("nmcli", "connection", "reload"));
                after.AddRange(names.Select(n => ApplyStep.Run("nmcli", "connection", "up", NetworkManagerRenderer.ConnectionId(n))));
                break;
            case NetworkBackend.RedHatIfcfg:
                after.AddRange(names.Select(n => ApplyStep.Try("ip", "addr", "flush", "dev", n)));
                after.Add(ServiceRestart(facts, "network"));
                break;
            case NetworkBackend.SuseIfcfg:
                after.Add(ServiceRestart(facts, "network"));
                break;
            case NetworkBackend.Netctl:
                foreach (var name in names)
                {
                    after.Add(ApplyStep.Run("netctl", "reenable", name));
                    after.Add(ApplyStep.Run("netctl", "restart", name));
                }

                break;
            case NetworkBackend.GentooNetifrc:
                foreach (var name in names)
                {
                    if (!current.Exists($"/etc/init.d/net.{name}"))
                    {
                        after.Add(NetifrcServiceLink(name));
                    }

                    after.Add(ApplyStep.Run($"/etc/init.d/net.{name}", "restart"));
                }

                break;
            case NetworkBackend.FreeBsdRcConf:
                after.Add(ApplyStep.Run("/etc/rc.d/netif", "restart"));
                after.Add(ApplyStep.Try("/etc/rc.d/routing", "restart"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(backend), backend, "No apply steps for this backend");
        }

        // After the backend, so resolved's global servers join the links' own. Forgetting an old
        // drop-in is tidying up (resolved may be gone by now); reading a new one is how DNS works.
        if (files is not null && files.Files.Any(f => f.Path == ResolvedDropInRenderer.FilePath))
        {
            after.Add(ApplyStep.Run("systemctl", "try-reload-or-restart", "systemd-resolved.service"));
        }
        else if (files is not null && files.Removals.Contains(ResolvedDropInRenderer.FilePath))
        {
            after.Add(ApplyStep.Try("systemctl", "try-reload-or-restart", "systemd-resolved.service"));
        }

        return new ApplyPlan(before, after);
    }

    /// <summary>
    /// The command that links <c>/etc/init.d/net.&lt;if&gt;</c> to <c>net.lo</c>, netifrc's way of
    /// making an interface's service. Idempotent, because a rollback and recovery after a crash run it
    /// again (the link is not one of the restored files, so it is still there): the right link is
    /// left as it is; a missing one is made; anything else there (another link, an administrator's
    /// own script) is never replaced, <c>ln</c> fails with <c>File exists</c> and the step with it.
    /// The path is an argument, not part of the script, so no name reaches the shell's parser.
    /// </summary>
    internal static ApplyStep NetifrcServiceLink(string interfaceName) =>
        ApplyStep.Run("sh", "-c", NetifrcLinkScript, "sh", $"/etc/init.d/net.{interfaceName}");

    /// <summary>The script of <see cref="NetifrcServiceLink"/>; <c>$1</c> is the link's path.</summary>
    internal const string NetifrcLinkScript = "[ \"$(readlink \"$1\")\" = net.lo ] || ln -s net.lo \"$1\"";

    /// <summary>
    /// Where systemd's <c>hostnamed</c> keeps the pretty hostname (<c>PRETTY_HOSTNAME=</c>), which
    /// <c>hostnamectl set-hostname</c> sets as well (as cloud-init's does): cleared for a plain name,
    /// the file removed when nothing else is in it.
    /// </summary>
    internal const string MachineInfoPath = "/etc/machine-info";

    private static ApplyStep SetHostname(NetworkBackend backend, SystemFacts facts, string hostname) =>
        facts.Tools.Hostnamectl && backend != NetworkBackend.FreeBsdRcConf
            ? ApplyStep.Run("hostnamectl", "set-hostname", hostname) with { AlsoChanges = [MachineInfoPath] }
            : ApplyStep.Run("hostname", hostname);

    private static ApplyStep ServiceRestart(SystemFacts facts, string service) =>
        facts.Tools.Systemctl ? ApplyStep.Run("systemctl", "restart", $"{service}.service") : ApplyStep.Run($"/etc/init.d/{service}", "restart");
}
