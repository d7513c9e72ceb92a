using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// Which programs make the configuration live on each network system, and how the live hostname
/// is set (<c>hostnamectl</c> where systemd has it, else <c>hostname</c>).
/// </summary>
public static class ApplyPlanner
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
            var setHostname = facts.Tools.Hostnamectl && backend != NetworkBackend.FreeBsdRcConf
                ? ApplyStep.Run("hostnamectl", "set-hostname", hostname)
                : ApplyStep.Run("hostname", hostname);
            after.Add(setHostname with { RepeatOnRollback = false });
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
                        after.Add(ApplyStep.Run("ln", "-s", "net.lo", $"/etc/init.d/net.{name}"));
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

    private static ApplyStep ServiceRestart(SystemFacts facts, string service) =>
        facts.Tools.Systemctl ? ApplyStep.Run("systemctl", "restart", $"{service}.service") : ApplyStep.Run($"/etc/init.d/{service}", "restart");
}
