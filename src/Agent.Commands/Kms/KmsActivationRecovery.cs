using GuestAgent.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Kms;

/// <summary>
/// Finishes a <c>kmsactivate</c> the agent was killed in (during <c>rhnreg_ks</c>, which may run
/// for two minutes): the old <c>systemid</c> it moved aside (<c>.systemid.&lt;hex&gt;.kmsactivate</c>)
/// would otherwise stay hidden for good. The daemon runs it at start, before serving, as it runs
/// the update staging recovery. A <c>systemid</c> at its path means <c>rhnreg_ks</c> got as far as a
/// new registration, which is kept and the old copies removed; none means it did not, and the old one
/// is moved back, and the old <c>up2date</c> too from the copy the activation wrote beside it
/// (<c>.up2date.&lt;hex&gt;.kmsactivate</c>). It takes the activations' lock (<c>kmsactivate.lock</c> in the state directory) first
/// and leaves everything alone while another process holds it: the hidden <c>systemid</c> then
/// belongs to an activation still running there. See <c>docs/commands.md</c>.
/// </summary>
public sealed partial class KmsActivationRecovery
{
    private const string RhnDirectory = "/etc/sysconfig/rhn";

    private readonly AgentSystem _system;
    private readonly KmsActivateOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the recovery.</summary>
    /// <param name="system">The agent's system boundaries (the same root <c>kmsactivate</c> writes under).</param>
    /// <param name="options">The options <c>kmsactivate</c> runs with: where its lock is.</param>
    /// <param name="logger">The logger; none when <c>null</c>.</param>
    public KmsActivationRecovery(AgentSystem system, KmsActivateOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _options = options ?? KmsActivateOptions.Default;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Puts back or removes every aside <c>systemid</c> and copy of <c>up2date</c>, and logs one line for each (never its
    /// contents). Never throws for the file system: a failure is logged and the file stays where it is.
    /// With several (two interrupted activations), the first in name order is put back and the rest,
    /// finding a <c>systemid</c> in place, are removed. Nothing is done while an activation holds the lock.
    /// </summary>
    /// <returns>What was done, one entry per aside file: <c>restored NAME</c> or <c>removed NAME</c>; empty when nothing was aside or an activation is in progress.</returns>
    public IReadOnlyList<string> Recover()
    {
        var fileSystem = _system.FileSystem;
        var done = new List<string>();
        try
        {
            if (fileSystem.GetStatus(RhnDirectory) is not { Kind: FileKind.Directory })
            {
                return done;
            }

            var entries = NamedEntries.List(fileSystem, RhnDirectory);
            var asides = entries
                .Where(path => SavedRegistration.IsSystemIdAsideName(Path.GetFileName(path)))
                .Order(StringComparer.Ordinal)
                .ToArray();
            var copies = entries
                .Where(path => SavedRegistration.IsUp2DateCopyName(Path.GetFileName(path)))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (asides.Length == 0 && copies.Length == 0)
            {
                // Nothing to finish: a start must not create the lock file (nor the state directory).
                return done;
            }

            using var held = TakeLock();
            if (held is null)
            {
                return done;
            }

            // Up2date first: once the old system id is back, a systemid at its path could no longer
            // tell that the activation never registered.
            RecoverUp2Date(copies, registered: fileSystem.GetStatus(SavedRegistration.SystemIdPath) is not null, done);
            foreach (var aside in asides)
            {
                if (fileSystem.GetStatus(SavedRegistration.SystemIdPath) is null)
                {
                    fileSystem.Move(aside, SavedRegistration.SystemIdPath);
                    LogRestored(_logger, Path.GetFileName(aside), SavedRegistration.SystemIdPath);
                    done.Add("restored " + Path.GetFileName(aside));
                }
                else
                {
                    fileSystem.DeleteFile(aside);
                    fileSystem.SyncDirectory(RhnDirectory);
                    LogRemoved(_logger, Path.GetFileName(aside), SavedRegistration.SystemIdPath);
                    done.Add("removed " + Path.GetFileName(aside));
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogFailed(_logger, RhnDirectory, IoFailureReason.Of(error));
        }

        return done;
    }

    /// <summary>
    /// The old up2date back from its copy when the activation never registered (no <c>systemid</c> at
    /// its path: the activation moved the old one aside before it wrote up2date), the copies removed
    /// when it did (or had not yet changed up2date). With several, the first in name order is put back.
    /// </summary>
    private void RecoverUp2Date(string[] copies, bool registered, List<string> done)
    {
        var fileSystem = _system.FileSystem;
        var settled = registered;
        foreach (var copy in copies)
        {
            if (!settled)
            {
                settled = true;
                // A rename: the copy was written with the old owner, mode, ACL and attributes.
                fileSystem.Move(copy, Up2DateConfig.Path);
                LogUp2DateRestored(_logger, Path.GetFileName(copy), Up2DateConfig.Path);
                done.Add("restored " + Path.GetFileName(copy));
            }
            else
            {
                fileSystem.DeleteFile(copy);
                fileSystem.SyncDirectory(RhnDirectory);
                LogUp2DateRemoved(_logger, Path.GetFileName(copy));
                done.Add("removed " + Path.GetFileName(copy));
            }
        }
    }

    /// <summary>The activations' lock, or <c>null</c> (logged) when an activation holds it or it cannot be taken.</summary>
    private FileLock? TakeLock()
    {
        var path = KmsActivationLock.PathFor(_options);
        try
        {
            var held = KmsActivationLock.TryTake(_system, _options);
            if (held is null)
            {
                LogInUse(_logger, path);
            }

            return held;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Finishing without it could undo an activation another process is running: left for the next start.
            LogFailed(_logger, path, IoFailureReason.Of(error));
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "kmsactivate: an old system id is aside, but another agent process holds {Lock}: its activation is still in progress and is left to it")]
    private static partial void LogInUse(ILogger logger, string @lock);

    [LoggerMessage(Level = LogLevel.Warning, Message = "kmsactivate: an activation the agent was stopped in left the old system id aside; moved {Name} back to {Path}")]
    private static partial void LogRestored(ILogger logger, string name, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "kmsactivate: an activation the agent was stopped in had already registered ({Path} is new); removed the old system id {Name}")]
    private static partial void LogRemoved(ILogger logger, string name, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "kmsactivate: an activation the agent was stopped in had not registered; moved the copy of the old up2date {Name} back to {Path}")]
    private static partial void LogUp2DateRestored(ILogger logger, string name, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "kmsactivate: an activation the agent was stopped in had registered or not yet changed up2date; removed the copy of the old up2date {Name}")]
    private static partial void LogUp2DateRemoved(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "kmsactivate: finishing an activation the agent was stopped in failed at {Where} ({Reason}); the old system id or up2date may still be there as .systemid.<hex>.kmsactivate or .up2date.<hex>.kmsactivate")]
    private static partial void LogFailed(ILogger logger, string where, string reason);
}
