using System.Collections.Immutable;
using System.Globalization;
using GuestAgent.Platform;

namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// What is legal in the settings but likely a mistake: <c>run</c> logs each at start as a warning, and
/// <c>check-config</c> prints the same lines. A warning never stops the agent (a setting may be meant,
/// for example a root under test), so none of these is a configuration error.
/// </summary>
internal static class SettingsWarnings
{
    /// <summary>The shipped unit's <c>TimeoutStartSec</c> (packaging/systemd/guest-agent.service).</summary>
    public const int ShippedTimeoutStartSeconds = 120;

    /// <summary>The shipped unit's <c>TimeoutStopSec</c>.</summary>
    public const int ShippedTimeoutStopSeconds = 65;

    /// <summary>
    /// What a start may need besides <c>network.deadlineSeconds</c> before READY=1: the recovery of an
    /// unfinished <c>resetnetwork</c> takes up to the deadline, then a queued one is waited for up to
    /// 60 s (Nova's wait), and 10 s of margin (docs/daemon.md, <c>network.deadlineSeconds</c>).
    /// </summary>
    public const int StartMarginSeconds = 70;

    /// <summary>The commands <c>injectFile.allowedDirectories</c> limits.</summary>
    private static readonly ImmutableArray<string> InjectionCommands = ["injectfile", "file_inject"];

    /// <summary>What a stop needs besides <c>shutdownTimeoutSeconds</c>: 5 s to deliver the answer, and 5 s of margin.</summary>
    public const int StopMarginSeconds = 10;

    /// <summary>
    /// The longest <c>xenstore.pollIntervalSeconds</c> not warned about: the slowest reference agent's
    /// (the Python agent's 10 s), a third of Nova's <c>agent_timeout</c> (30 s), which must also cover
    /// the command and the host's own 0.5 s polling of the answer.
    /// </summary>
    public const int LongestPromptPollSeconds = 10;

    /// <summary>How much longer than <c>network.deadlineSeconds</c> a stop must wait for a <c>resetnetwork</c>: a killed step's last 2 s.</summary>
    public const int DeadlineMarginSeconds = 2;

    /// <summary>The warnings for <paramref name="settings"/>, in a stable order; none when all is as expected.</summary>
    public static IReadOnlyList<string> Of(AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var warnings = new List<string>();
        if (settings.Root != "/")
        {
            warnings.Add(
                $"Root mode: the root is {settings.Root}, not /: every file is read and written under it, and no program (netplan, ifup, hostnamectl, systemctl …) is run; "
                + $"each is only appended to {Path.Join(settings.Root, RecordingProcessRunner.ActionsLogPath.TrimStart('/'))}. "
                + (settings.ConfigurationFileRead
                    ? $"For development and tests only: on a guest, remove --root or 'root' from {settings.ConfigurationFile}"
                    : "For development and tests only: on a guest, remove --root"));
        }

        if (settings.ConfigurationFileAccess?.OpenToOthers(settings.ConfigurationFile, GuestAgent.Platform.Native.LibC.GetEffectiveUserId()) is var (why, fix))
        {
            warnings.Add(
                $"{settings.ConfigurationFile} can be changed by users other than root ({why}), and the agent, running as root, does what it says "
                + $"(which XenStore to obey, where files may be injected): {fix}");
        }

        if (settings.StateDirectoryAccess?.OpenToOthers(settings.StateDirectoryOnDisk, GuestAgent.Platform.Native.LibC.GetEffectiveUserId(), "0700", "the state directory") is var (stateWhy, stateFix))
        {
            warnings.Add(
                $"The state directory {settings.StateDirectoryOnDisk} can be changed by users other than root ({stateWhy}), and the agent, running as root, trusts what it finds there "
                + $"(the journal of answered requests, agentupdate's staging, the record resetnetwork restores files from): {stateFix}");
        }

        // Legal (an absolute directory), but then run.lock, the journal of answered requests,
        // updates/ and resetnetwork/ sit among the system's own top-level entries, where nothing
        // says whose they are and a clean-up of the agent's state would have to pick them out.
        if (settings.StateDirectory == "/")
        {
            warnings.Add(
                $"'stateDirectory' in {settings.ConfigurationFile} is the root directory ({settings.StateDirectoryOnDisk}): the agent keeps its lock (run.lock), the journal of answered requests, "
                + $"agentupdate's staging (updates/) and resetnetwork's record (resetnetwork/) directly in it, among the system's own files; set it to a directory of its own, such as {AgentPaths.DefaultStateDirectory}");
        }

        // An empty allow-list refuses every injection, yet features still offers the commands, so
        // the host sends them and each fails: turning injection off is commands.enabled's job.
        if (settings.InjectFileDirectories is { Count: 0 } && InjectionCommands.Where(name => settings.EnabledCommands?.Contains(name, StringComparer.Ordinal) ?? true).ToList() is { Count: > 0 } served)
        {
            warnings.Add(
                $"'injectFile.allowedDirectories' in {settings.ConfigurationFile} is empty: every {string.Join(" and ", served)} request is answered '500' "
                + "(File path is outside the directories allowed for injection), while features still offers the host "
                + (served.Count == 1 ? "that command" : "both commands")
                + "; to serve no injection, leave injectfile and file_inject out of 'commands.enabled' instead");
        }

        // Only without watches does the agent poll, but then a request waits up to a whole interval
        // before it is even seen, out of the 30 s Nova waits in all for most commands.
        if (settings.PollInterval.TotalSeconds > LongestPromptPollSeconds)
        {
            warnings.Add(
                $"'xenstore.pollIntervalSeconds' ({Seconds(settings.PollInterval.TotalSeconds)}) is above {LongestPromptPollSeconds} s: when XenStore watches are unavailable, "
                + $"a request may be seen only that long after the host wrote it, and Nova waits 30 s in all for most commands (agent_timeout), so they may time out; "
                + $"set it to {LongestPromptPollSeconds} s or less in {settings.ConfigurationFile} (the default is 1 s)");
        }

        var shutdown = settings.ShutdownTimeout.TotalSeconds;
        var deadline = settings.NetworkDeadline.TotalSeconds;
        if (shutdown <= deadline + DeadlineMarginSeconds)
        {
            warnings.Add(
                $"'shutdownTimeoutSeconds' ({Seconds(shutdown)}) is not above 'network.deadlineSeconds' + {DeadlineMarginSeconds} ({Seconds(deadline + DeadlineMarginSeconds)}): "
                + "a resetnetwork running at SIGTERM is cut off (its files are restored, and applied again only at the next start); "
                + $"set shutdownTimeoutSeconds above {Seconds(deadline + DeadlineMarginSeconds)} in {settings.ConfigurationFile}");
        }

        if (deadline + StartMarginSeconds > ShippedTimeoutStartSeconds)
        {
            warnings.Add(
                $"'network.deadlineSeconds' ({Seconds(deadline)}) needs the unit's TimeoutStartSec to be at least {Seconds(deadline + StartMarginSeconds)}, and the shipped unit has {ShippedTimeoutStartSeconds} s: "
                + "a start may first roll back an unfinished resetnetwork, then wait for a queued one before READY=1; "
                + "raise it in a drop-in (systemctl edit guest-agent) unless done already, and Nova's agent_resetnetwork_timeout with the deadline");
        }

        if (shutdown + StopMarginSeconds > ShippedTimeoutStopSeconds)
        {
            warnings.Add(
                $"'shutdownTimeoutSeconds' ({Seconds(shutdown)}) needs the unit's TimeoutStopSec to be at least {Seconds(shutdown + StopMarginSeconds)}, and the shipped unit has {ShippedTimeoutStopSeconds} s: "
                + "systemd would kill the agent before the request in progress is answered; "
                + "raise it in a drop-in (systemctl edit guest-agent) unless done already");
        }

        return warnings;
    }

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
