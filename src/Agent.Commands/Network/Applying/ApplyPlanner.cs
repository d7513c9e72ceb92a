using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// The programs that make the configuration live: the live hostname (<c>hostnamectl</c> where
/// systemd has it, else <c>hostname</c>), the network system's own steps
/// (<see cref="NetworkBackendDefinition.PlanApply(NetworkConfiguration, SystemFacts, IFileView)"/>), then systemd-resolved for a changed drop-in.
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
        var definition = NetworkBackends.For(backend);
        var before = new List<ApplyStep>();
        var after = new List<ApplyStep>();
        if (configuration.Hostname is { } hostname)
        {
            // Run again, the step would set the new name the restored files no longer hold: a
            // rollback sets the previous one instead, the name the restored files give (else the
            // kernel's), already a valid hostname of at most 63 characters (CurrentHostnameReader).
            var previous = configuration.CurrentHostname;
            after.Add(SetHostname(definition.Hostname, facts, hostname) with
            {
                RepeatOnRollback = false,
                Undo = previous is null || previous == hostname ? null : SetHostname(definition.Hostname, facts, previous),
            });
        }

        var steps = definition.PlanApply(configuration, facts, current);
        before.AddRange(steps.BeforeWrite);
        after.AddRange(steps.AfterWrite);

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

        return new ApplyPlan(before, after) { OnlyOnRollback = steps.OnlyOnRollback };
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

    private static ApplyStep SetHostname(HostnamePlaces places, SystemFacts facts, string hostname) =>
        facts.Tools.Hostnamectl && !places.OnlyInBackendFiles
            ? ApplyStep.Run("hostnamectl", "set-hostname", hostname) with { AlsoChanges = [MachineInfoPath] }
            : ApplyStep.Run("hostname", hostname);
}
