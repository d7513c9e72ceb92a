using GuestAgent.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Update;

/// <summary>
/// Clears what an <c>agentupdate</c> the agent never finished left in the staging directory (a
/// partial download, a half-extracted tree: up to <see cref="AgentUpdateOptions.MaxDownloadBytes"/>
/// plus <see cref="AgentUpdateOptions.MaxExtractedBytes"/> of the state directory's disk), so it does
/// not wait for the next update to be reclaimed. The daemon runs it at start, before serving, as it
/// runs the network recovery. It takes the staging lock (<c>updates.lock</c>) as an update does and
/// only while it is free: an update another process is running is never disturbed.
/// See <c>docs/commands.md</c>.
/// </summary>
public sealed partial class UpdateStagingRecovery
{
    private readonly AgentSystem _system;
    private readonly AgentUpdateOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the recovery.</summary>
    /// <param name="system">The agent's system boundaries (the same root <c>agentupdate</c> stages under).</param>
    /// <param name="options">The update options: the staging directory.</param>
    /// <param name="logger">The logger; none when <c>null</c>.</param>
    public UpdateStagingRecovery(AgentSystem system, AgentUpdateOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _options = options ?? AgentUpdateOptions.Default;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Removes the leftovers of unfinished updates, if the staging lock is free, and logs one line
    /// naming them (never their contents). Never throws for the file system: a failure is logged,
    /// and the next update tries again.
    /// </summary>
    /// <returns>The agent paths of the leftovers removed; empty when there were none or the lock was held.</returns>
    public IReadOnlyList<string> Recover()
    {
        var fileSystem = _system.FileSystem;
        var root = _options.StagingDirectory;
        var removed = new List<string>();
        try
        {
            // No staging root, nothing staged: a start must not create it (nor its lock file). Looked at
            // where its links lead, as an update follows them: a root that is a link of root's own to a
            // larger disk holds leftovers too.
            var realRoot = StagingFiles.RealRoot(fileSystem, root);
            if (fileSystem.GetStatus(realRoot) is not { Kind: FileKind.Directory })
            {
                return removed;
            }

            using var held = StagingFiles.TryLock(fileSystem, root);
            if (held is null)
            {
                LogInUse(_logger, root, StagingFiles.LockPath(root));
                return removed;
            }

            StagingFiles.RemoveLeftovers(fileSystem, realRoot, removed.Add);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogFailed(_logger, root, IoFailureReason.Of(error), Describe(removed));
            return removed;
        }

        if (removed.Count > 0)
        {
            LogRemoved(_logger, removed.Count, root, Describe(removed));
        }

        return removed;
    }

    private static string Describe(List<string> removed) =>
        removed.Count == 0 ? "none" : string.Join(", ", removed.Select(Path.GetFileName));

    [LoggerMessage(Level = LogLevel.Warning, Message = "agentupdate: removed {Count} leftovers of updates that did not finish from {Root}: {Names}")]
    private static partial void LogRemoved(ILogger logger, int count, string root, string names);

    [LoggerMessage(Level = LogLevel.Information, Message = "agentupdate: {Root} is in use (another process holds {Lock}); its contents are left to that update")]
    private static partial void LogInUse(ILogger logger, string root, string @lock);

    [LoggerMessage(Level = LogLevel.Error, Message = "agentupdate: clearing the leftovers of updates that did not finish from {Root} failed ({Reason}); removed before that: {Names}; the next update tries again")]
    private static partial void LogFailed(ILogger logger, string root, string reason, string names);
}
