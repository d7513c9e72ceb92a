using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// Writes the rendered files and makes them live. Every file is checked before anything changes,
/// remembered, replaced atomically (one <c>.bak</c> copy kept beside it), and stale files are
/// moved to <c>.bak</c> names the network tools ignore. If a required step fails, every file is put
/// back, the old configuration is applied again, and the answer is <c>"500"</c> naming the step.
/// All of it runs within an <see cref="ApplyBudget"/>, so a hanging program cannot hold the answer
/// past Nova's wait, nor every request queued behind it.
/// </summary>
internal sealed partial class NetworkApplier
{
    private const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly AgentSystem _system;
    private readonly NetworkOptions _options;
    private readonly ApplyStepRunner _steps;
    private readonly FileRestorer _restorer;
    private readonly TransactionStore _store;
    private readonly ILogger _logger;

    /// <summary>Creates the applier with the default <see cref="NetworkOptions"/>.</summary>
    public NetworkApplier(AgentSystem system, ILogger logger)
        : this(system, new NetworkOptions(), logger)
    {
    }

    /// <summary>Creates the applier.</summary>
    /// <param name="system">The agent's system boundaries.</param>
    /// <param name="options">The deadline of the default budget and the state directory the transaction is recorded in.</param>
    /// <param name="logger">The logger.</param>
    public NetworkApplier(AgentSystem system, NetworkOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        _system = system;
        _options = options;
        _steps = new ApplyStepRunner(system.Processes, logger);
        _restorer = new FileRestorer(system, logger);
        _store = new TransactionStore(system, options.StateDirectory, logger);
        _logger = logger;
    }

    /// <summary>Applies the files and steps within the default budget (<see cref="NetworkOptions.Deadline"/>), started now.</summary>
    /// <exception cref="CommandException">A file cannot be written or a step failed; the previous configuration is back.</exception>
    public Task ApplyAsync(RenderResult files, ApplyPlan plan, CancellationToken cancellationToken) =>
        ApplyAsync(files, plan, ApplyBudget.Start(_system.Time, _options), cancellationToken);

    /// <summary>
    /// Applies the files and steps within <paramref name="budget"/>: a program still running when
    /// the time for applying runs out is killed, the previous files are put back and applied again
    /// in the time the budget keeps for that. The change is recorded in the state directory before
    /// anything changes, so one the agent never finishes is rolled back by <see cref="NetworkRecovery"/>.
    /// </summary>
    /// <exception cref="CommandException">A file cannot be written, a step failed or the time ran out; the previous configuration is back.</exception>
    public async Task ApplyAsync(RenderResult files, ApplyPlan plan, ApplyBudget budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(budget);
        using var held = await BeginChangeAsync(budget, cancellationToken).ConfigureAwait(false);
        await ApplyLockedAsync(files, plan, budget, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the lock that keeps every other change and recovery out (<see cref="NetworkChangeLock"/>),
    /// waiting for one in progress within the time for applying, then puts back the files of an
    /// earlier change left unfinished, if any: what the caller plans from (the previous hostname a
    /// rollback sets again among it) is then the real previous state, not a half-changed one.
    /// </summary>
    /// <returns>The lock, held until disposed: one change at a time, from reading the current state to the answer.</returns>
    /// <exception cref="CommandException">
    /// The time ran out first, the lock could not be taken, or the unfinished change could not be
    /// put back; the new change must not start.
    /// </exception>
    internal async Task<FileLock> BeginChangeAsync(ApplyBudget budget, CancellationToken cancellationToken)
    {
        var held = await NetworkChangeLock.TakeAsync(_system, _store, TimeToApply(budget), cancellationToken).ConfigureAwait(false);
        try
        {
            new NetworkRecovery(_system, _options, _logger).RestoreBeforeNewChange();
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Applies the files and steps. Precondition: the caller holds the lock and has put back any
    /// unfinished change (<see cref="BeginChangeAsync"/>); what is checked here is only what may have
    /// changed since (the targets, the time left).
    /// </summary>
    /// <exception cref="CommandException">A file cannot be written, a step failed or the time ran out; the previous configuration is back.</exception>
    internal async Task ApplyLockedAsync(RenderResult files, ApplyPlan plan, ApplyBudget budget, CancellationToken cancellationToken)
    {
        CheckWritable(files);
        var applying = TimeToApply(budget);
        var change = Record(files, plan);
        await PrepareAsync(change, applying, budget, cancellationToken).ConfigureAwait(false);
        await WriteFilesAsync(change, files, budget, cancellationToken).ConfigureAwait(false);
        await ApplyStepsAsync(change, applying, budget, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The deadline for applying, refused when it has already passed (nothing has changed then).</summary>
    /// <exception cref="CommandException">The time for applying ran out before the change began.</exception>
    private static StepDeadline TimeToApply(ApplyBudget budget)
    {
        var applying = budget.Applying();
        return applying.Remaining > TimeSpan.Zero
            ? applying
            : throw new CommandException($"Couldn't apply the network configuration in time: {applying.Allowance} ran out before it began; nothing was changed");
    }

    /// <summary>Takes what a rollback puts back, and records the change before anything changes.</summary>
    private PendingChange Record(RenderResult files, ApplyPlan plan)
    {
        // What each file is written as goes into the record too: a retry long after (a rollback set aside
        // as unrestored) tells the change's own file from an operator's edit by it.
        var written = files.Files.ToDictionary(f => f.Path, f => FileSnapshot.Hash(System.Text.Encoding.UTF8.GetBytes(f.Contents)), StringComparer.Ordinal);
        var snapshots = files.Files.Select(f => f.Path).Concat(files.Removals).Concat(ChangedByPrograms(plan, files))
            .Select(path => FileSnapshot.Take(_system.FileSystem, path) with { Written = written.GetValueOrDefault(path) })
            .ToArray();
        var createdDirectories = MissingDirectories(files.Files.Select(f => f.Path));
        return new PendingChange(Begin(plan, snapshots, files.Removals, createdDirectories), plan, snapshots, createdDirectories);
    }

    /// <summary>Runs the steps that come before writing (ifupdown's <c>ifdown</c>); no file has changed yet.</summary>
    /// <exception cref="CommandException">A step failed or the time ran out; the old files are applied again when steps ran out of time.</exception>
    private async Task PrepareAsync(PendingChange change, StepDeadline applying, ApplyBudget budget, CancellationToken cancellationToken)
    {
        if (await _steps.RunAsync(change.Plan.BeforeWrite, applying, cancellationToken).ConfigureAwait(false) is not { } early)
        {
            return;
        }

        if (!early.OutOfTime)
        {
            change.Transaction.End([]);
            throw new CommandException($"Couldn't prepare the network change: {early.Description}; nothing was changed");
        }

        // Interfaces may already be down (ifdown): the untouched old files are brought up again.
        change.Transaction.Enter(TransactionPhase.RollingBack);
        var again = await _steps.RunAsync(RepeatedOnRollback(change.Plan), budget.Rollback(), cancellationToken).ConfigureAwait(false);
        change.Transaction.End([]);
        throw new CommandException(
            $"Couldn't apply the network configuration in time: {early.Description}; no file was changed and " +
            (again is null ? "the previous configuration was applied again" : $"applying it again failed: {again.Description}"));
    }

    /// <summary>Writes every file atomically and moves the stale ones aside.</summary>
    /// <exception cref="CommandException">A file could not be written or moved; the previous files are back.</exception>
    private async Task WriteFilesAsync(PendingChange change, RenderResult files, ApplyBudget budget, CancellationToken cancellationToken)
    {
        change.Transaction.Enter(TransactionPhase.Writing);
        try
        {
            foreach (var file in files.Files)
            {
                var written = _system.Writer.Write(file.Path, System.Text.Encoding.UTF8.GetBytes(file.Contents), new AtomicWriteOptions
                {
                    NewFileMode = file.Mode,
                    CreateDirectoriesWithMode = DirectoryMode,
                    KeepBackup = true,
                    BackupSuffix = NetworkBackups.SuffixFor(file.Path),
                    SkipIfUnchanged = true,
                    ReplaceSymbolicLink = file.ReplacesSymbolicLink,
                });
                LogFile(_logger, file.Path, written ? "written" : "unchanged");
            }

            foreach (var path in files.Removals)
            {
                var backup = NetworkBackups.PathOf(path);
                _system.FileSystem.Move(path, backup);
                change.Removed.Add(path);
                LogFile(_logger, path, "moved to " + backup);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var rollback = await RestoreAsync(change, budget.Rollback(), cancellationToken).ConfigureAwait(false);
            throw new CommandException($"Couldn't write the network configuration ({IoFailureReason.Of(error)}); " +
                (rollback.Unrestored.Count == 0 ? "the previous files were restored" : rollback.Describe()));
        }
    }

    /// <summary>Runs the steps that make the written files live, then records the change as done.</summary>
    /// <exception cref="CommandException">A step failed, the time ran out or the change could not be recorded as done; the previous configuration is back.</exception>
    private async Task ApplyStepsAsync(PendingChange change, StepDeadline applying, ApplyBudget budget, CancellationToken cancellationToken)
    {
        change.Transaction.Enter(TransactionPhase.Applying);
        StepFailure? failure;
        try
        {
            failure = await _steps.RunAsync(change.Plan.AfterWrite, applying, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The agent is stopping: the files go back now, and the record stays so that the next
            // start applies them again (a restart of the agent alone would otherwise leave them unapplied).
            change.Transaction.Enter(TransactionPhase.RollingBack);
            RestoreFiles(change);
            throw;
        }

        if (failure is null && !change.Transaction.TryCommit())
        {
            // A record left behind would roll this change back at the next start: better now, and said.
            failure = new StepFailure($"it could not be recorded as done ({change.Transaction.RecordPath} could not be removed)", OutOfTime: false);
        }

        if (failure is not null)
        {
            // The rollback's deadline starts once applying has stopped, so it always gets its reserved share.
            var rollback = await RestoreAsync(change, budget.Rollback(), cancellationToken).ConfigureAwait(false);
            throw new CommandException(
                $"Couldn't apply the network configuration{(failure.OutOfTime ? " in time" : "")}: {failure.Description}; {rollback.Describe()}");
        }
    }

    /// <summary>Records the change before anything changes; without the record nothing is changed.</summary>
    private NetworkTransaction Begin(ApplyPlan plan, FileSnapshot[] snapshots, IReadOnlyList<string> removals, string[] createdDirectories)
    {
        var record = new TransactionRecord(
            plan.BeforeWrite.Count > 0 ? TransactionPhase.Preparing : TransactionPhase.Writing,
            _system.Time.GetUtcNow(),
            snapshots,
            removals,
            createdDirectories,
            TakeDown(plan),
            RepeatedOnRollback(plan),
            RecordedBoot.Current(_system.FileSystem));
        try
        {
            return NetworkTransaction.Begin(_store, record, _logger);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A change the agent could not undo after a crash is not started.
            throw new CommandException($"Couldn't record the network change in {_store.RecordPath} ({IoFailureReason.Of(error)}); nothing was changed");
        }
    }

    /// <summary>
    /// Refuses, before anything changes, targets that are links, directories or devices, or lie below
    /// a linked directory (the writer refuses those too, but only once earlier files are written).
    /// </summary>
    private void CheckWritable(RenderResult files)
    {
        foreach (var file in files.Files)
        {
            var path = file.Path;
            if (LinkedDirectory(path) is { } linked)
            {
                throw new CommandException($"Couldn't write {path}: {linked} is a symbolic link; nothing was changed");
            }

            if (_system.FileSystem.GetStatus(path) is { Kind: not FileKind.File } status && !(status.Kind == FileKind.SymbolicLink && file.ReplacesSymbolicLink))
            {
                throw new CommandException($"Couldn't write {path}: it is a {Describe(status.Kind)}; nothing was changed");
            }
        }

        foreach (var path in files.Removals)
        {
            if (_system.FileSystem.GetStatus(path) is { Kind: FileKind.Directory or FileKind.Other })
            {
                throw new CommandException($"Couldn't move {path} aside: it is not a file; nothing was changed");
            }
        }
    }

    /// <summary>
    /// The files the steps change themselves (<see cref="ApplyStep.AlsoChanges"/>) that the agent
    /// does not write or move: recorded as they were, so a rollback puts them back too.
    /// </summary>
    private static IEnumerable<string> ChangedByPrograms(ApplyPlan plan, RenderResult files)
    {
        var agentOwn = files.Files.Select(f => f.Path).Concat(files.Removals).ToHashSet(StringComparer.Ordinal);
        return plan.BeforeWrite.Concat(plan.AfterWrite).SelectMany(step => step.AlsoChanges)
            .Distinct(StringComparer.Ordinal)
            .Where(path => !agentOwn.Contains(path));
    }

    /// <summary>The directories that writing these files will create, so a rollback can remove them again.</summary>
    private string[] MissingDirectories(IEnumerable<string> paths)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            for (var directory = AgentPaths.Parent(path); directory.Length > 1 && !_system.FileSystem.DirectoryExists(directory); directory = AgentPaths.Parent(directory))
            {
                missing.Add(directory);
            }
        }

        return [.. missing];
    }

    /// <summary>The first directory above <paramref name="path"/> that is a symbolic link, or <c>null</c>.</summary>
    private string? LinkedDirectory(string path)
    {
        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            if (_system.FileSystem.GetStatus(path[..slash]) is { Kind: FileKind.SymbolicLink })
            {
                return path[..slash];
            }
        }

        return null;
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.SymbolicLink => "symbolic link",
        FileKind.Directory => "directory",
        _ => "special file",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "resetnetwork: {Path} {Outcome}")]
    private static partial void LogFile(ILogger logger, string path, string outcome);
}
