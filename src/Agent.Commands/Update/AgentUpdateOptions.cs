using GuestAgent.Platform;

namespace GuestAgent.Commands.Update;

/// <summary>Policy for <c>agentupdate</c>, resolved from the agent's services.</summary>
public sealed class AgentUpdateOptions
{
    /// <summary>The defaults: https only, 64 MiB, 25 s (inside Nova's 30 s), the daemon's own install path.</summary>
    public static AgentUpdateOptions Default { get; } = new();

    /// <summary>
    /// Accept plain <c>http</c> URLs. Off by default; many deployments serve agent builds over
    /// http, and the checksum only guards against transfer errors then, not against tampering.
    /// </summary>
    public bool AllowHttp { get; init; }

    /// <summary>
    /// What the log tells the operator to change to accept a plain <c>http</c> URL that was refused
    /// (for example <c>set 'agentUpdate.allowHttp' to true in /etc/guest-agent/agent.json</c>);
    /// never shown to the host, whose answer stays Nova's short refusal.
    /// </summary>
    public string HowToAllowHttp { get; init; } = "set AgentUpdateOptions.AllowHttp";

    /// <summary>The largest download accepted, in bytes.</summary>
    public long MaxDownloadBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The most bytes the archive may extract to (guards against compression bombs).</summary>
    public long MaxExtractedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// The largest agent binary installed, in bytes (64 MiB; the daemon is a few MiB). Tighter than
    /// <see cref="MaxExtractedBytes"/>: the new binary is copied next to the old one and the old one
    /// kept as a backup, so a huge one costs the guest's disk three times over.
    /// </summary>
    public long MaxBinaryBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// How long the whole download may take. Not infinite: a server that stalls would hold the
    /// update (and its exchange) until the agent stops.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive, or longer than a timer can wait (4,294,967,294 ms, about 49 days).</exception>
    public TimeSpan DownloadTimeout
    {
        get;
        // Refused here: an update would find out only once it holds the staging lock and starts the download.
        init => field = TimerDelay.Fits(value, allowZero: false, allowInfinite: false)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(DownloadTimeout), value, "The download timeout must be positive and at most 4294967294 ms");
    } = TimeSpan.FromSeconds(25);

    /// <summary>The agent path of the agent binary that an update replaces.</summary>
    public string InstallPath { get; init; } = "/usr/sbin/guest-agent";

    /// <summary>The file name of the agent binary inside the archive (at its root or one directory down).</summary>
    public string BinaryName { get; init; } = "guest-agent";

    /// <summary>The agent path under which private (0700) staging directories are created.</summary>
    public string StagingDirectory { get; init; } = AgentPaths.DefaultStateDirectory + "/updates";

    /// <summary>
    /// The program and arguments that ask the service manager to restart the agent. It must not
    /// wait for the restart (the agent answers first), hence <c>--no-block</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">The value names no program (it is empty, or its first item is blank).</exception>
    public IReadOnlyList<string> RestartCommand
    {
        get;
        // Refused here, not when the update reaches the restart: by then the new binary is installed.
        // Copied, so that a caller changing its list afterwards cannot empty it either.
        init => field = (value ?? throw new ArgumentNullException(nameof(RestartCommand))) is [{ } program, ..] && !string.IsNullOrWhiteSpace(program)
            ? [.. value]
            : throw new ArgumentException("The restart command must name a program", nameof(RestartCommand));
    } = ["/bin/systemctl", "--no-block", "restart", "guest-agent.service"];

    /// <summary>
    /// The arguments the new binary is run with, staged beside the installed one and before it
    /// replaces it, to show that it runs on this guest at all (its architecture, its C library); if it
    /// does not, it is thrown away and the installed binary never changes. <c>guest-agent --version</c>
    /// prints its version and exits. Empty: no check, for an agent that has no such option.
    /// </summary>
    public IReadOnlyList<string> VerifyArguments { get; init; } = ["--version"];

    /// <summary>
    /// The agent path of the record an install leaves for an update rollback run by the service
    /// manager (the packaged unit's <c>update-rollback</c>, docs/daemon.md): the installed binary and its
    /// backup with their SHA-256, written before the new binary replaces the old one, deleted by
    /// <see cref="BuiltInCommands.ConfirmServing"/> once the new agent serves. <c>null</c> (the
    /// default): no record, for a system with no such rollback.
    /// </summary>
    public string? PendingUpdatePath { get; init; }
}
