using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// Writes the rendered files and makes them live. Every file is checked before anything changes,
/// remembered, replaced atomically (one <c>.bak</c> copy kept beside it), and stale files are
/// moved to <c>.bak</c> names the network tools ignore. If a required step fails, every file is put
/// back, the old configuration is applied again, and the answer is <c>"500"</c> naming the step.
/// </summary>
public sealed partial class NetworkApplier
{
    private const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly AgentSystem _system;
    private readonly ILogger _logger;

    /// <summary>Creates the applier.</summary>
    public NetworkApplier(AgentSystem system, ILogger logger)
    {
        _system = system;
        _logger = logger;
    }

    /// <summary>Applies the files and steps.</summary>
    /// <exception cref="CommandException">A file cannot be written or a step failed; the previous configuration is back.</exception>
    public async Task ApplyAsync(RenderResult files, ApplyPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(plan);
        CheckWritable(files);
        var snapshots = files.Files.Select(f => f.Path).Concat(files.Removals)
            .Select(path => FileSnapshot.Take(_system.FileSystem, path))
            .ToArray();
        var createdDirectories = MissingDirectories(files.Files.Select(f => f.Path));
        var removed = new List<string>();

        if (await RunAsync(plan.BeforeWrite, cancellationToken).ConfigureAwait(false) is { } early)
        {
            throw new CommandException($"Couldn't prepare the network change: {early}; nothing was changed");
        }

        try
        {
            foreach (var file in files.Files)
            {
                var written = _system.Writer.Write(file.Path, System.Text.Encoding.UTF8.GetBytes(file.Contents), new AtomicWriteOptions
                {
                    NewFileMode = file.Mode,
                    CreateDirectoriesWithMode = DirectoryMode,
                    KeepBackup = true,
                    SkipIfUnchanged = true,
                });
                LogFile(_logger, file.Path, written ? "written" : "unchanged");
            }

            foreach (var path in files.Removals)
            {
                _system.FileSystem.Move(path, path + ".bak");
                removed.Add(path);
                LogFile(_logger, path, "moved to .bak");
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var (unrestored, _) = await RestoreAsync(snapshots, removed, createdDirectories, plan, cancellationToken).ConfigureAwait(false);
            throw new CommandException($"Couldn't write the network configuration ({error.GetType().Name}); " +
                (unrestored.Count == 0 ? "the previous files were restored" : NotRestored(unrestored)));
        }

        string? failure;
        try
        {
            failure = await RunAsync(plan.AfterWrite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The agent is stopping: put the files back so the next boot brings up the old, known configuration.
            RestoreFiles(snapshots, removed, createdDirectories);
            throw;
        }

        if (failure is not null)
        {
            var (unrestored, appliedAgain) = await RestoreAsync(snapshots, removed, createdDirectories, plan, cancellationToken).ConfigureAwait(false);
            throw new CommandException(
                $"Couldn't apply the network configuration: {failure}; " +
                (unrestored.Count > 0 ? NotRestored(unrestored) :
                 appliedAgain ? "the previous configuration was restored and applied again" :
                 "the previous configuration was restored but applying it again failed too"));
        }
    }

    /// <summary>The end of an error text when some files could not be put back: the operator must look at them.</summary>
    private static string NotRestored(IReadOnlyList<string> paths) =>
        $"restoring the previous files failed for {string.Join(", ", paths)}";

    /// <summary>
    /// Refuses, before anything changes, targets that are links, directories or devices, or lie below
    /// a linked directory (the writer refuses those too, but only once earlier files are written).
    /// </summary>
    private void CheckWritable(RenderResult files)
    {
        foreach (var path in files.Files.Select(f => f.Path))
        {
            if (LinkedDirectory(path) is { } linked)
            {
                throw new InvalidNetworkDataException($"Couldn't write {path}: {linked} is a symbolic link; nothing was changed");
            }

            if (_system.FileSystem.GetStatus(path) is { Kind: not FileKind.File } status)
            {
                throw new InvalidNetworkDataException($"Couldn't write {path}: it is a {Describe(status.Kind)}; nothing was changed");
            }
        }

        foreach (var path in files.Removals)
        {
            if (_system.FileSystem.GetStatus(path) is { Kind: FileKind.Directory or FileKind.Other })
            {
                throw new InvalidNetworkDataException($"Couldn't move {path} aside: it is not a file; nothing was changed");
            }
        }
    }

    /// <summary>Runs steps in order; returns a description of the first required step that failed, or <c>null</c>.</summary>
    private async Task<string?> RunAsync(IReadOnlyList<ApplyStep> steps, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            ProcessResult result;
            try
            {
                result = await _system.Processes.RunAsync(step.Process, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                result = new ProcessResult(127, "", "could not be started");
            }

            if (result.Succeeded)
            {
                continue;
            }

            var reason = result.TimedOut ? "timed out" : $"exited with code {result.ExitCode}";
            LogStepFailed(_logger, step.Name, reason, step.MustSucceed);
            if (step.MustSucceed)
            {
                return $"'{step.Name}' {reason}{Detail(result.StandardError)}";
            }
        }

        return null;
    }

    /// <summary>Puts the files back and, when they all are, applies the old configuration again.</summary>
    /// <returns>The paths that could not be put back, and whether applying again succeeded.</returns>
    private async Task<(IReadOnlyList<string> Unrestored, bool AppliedAgain)> RestoreAsync(
        IReadOnlyList<FileSnapshot> snapshots,
        IReadOnlyList<string> removed,
        IReadOnlyList<string> createdDirectories,
        ApplyPlan plan,
        CancellationToken cancellationToken)
    {
        // The new configuration is taken down the way it came up (ifupdown needs its own files for
        // that, or ifup later finds the interfaces "already configured"), best effort.
        await RunAsync([.. plan.BeforeWrite.Select(step => step with { MustSucceed = false })], cancellationToken).ConfigureAwait(false);
        var unrestored = RestoreFiles(snapshots, removed, createdDirectories);

        // Applying a half-restored configuration could cut the guest off for good: leave it to the operator.
        return unrestored.Count > 0
            ? (unrestored, false)
            : (unrestored, await RunAsync([.. plan.AfterWrite.Where(step => step.RepeatOnRollback)], cancellationToken).ConfigureAwait(false) is null);
    }

    /// <summary>Puts every file back, each on its own: one that fails does not stop the others.</summary>
    /// <returns>The paths that could not be put back.</returns>
    private List<string> RestoreFiles(IReadOnlyList<FileSnapshot> snapshots, IReadOnlyList<string> removed, IReadOnlyList<string> createdDirectories)
    {
        var unrestored = new List<string>();
        foreach (var path in removed)
        {
            TryRestore(path, () => _system.FileSystem.Move(path + ".bak", path), unrestored);
        }

        foreach (var snapshot in snapshots)
        {
            if (!snapshot.IsOther)
            {
                TryRestore(snapshot.Path, () => Restore(snapshot.Path, snapshot.Contents), unrestored);
            }

            TryRestore(snapshot.BackupPath, () => Restore(snapshot.BackupPath, snapshot.Backup), unrestored);
        }

        foreach (var directory in createdDirectories.OrderByDescending(d => d.Length))
        {
            // A directory left behind is untidy, not harmful: it is logged, not reported.
            TryRestore(directory, () => RemoveIfEmpty(directory), []);
        }

        if (unrestored.Count == 0)
        {
            LogRestored(_logger, snapshots.Count);
        }

        return unrestored;
    }

    private void TryRestore(string path, Action restore, List<string> failures)
    {
        try
        {
            restore();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogRestoreFailed(_logger, path, exception.GetType().Name);
            failures.Add(path);
        }
    }

    /// <summary>The directories that writing these files will create, so a rollback can remove them again.</summary>
    private string[] MissingDirectories(IEnumerable<string> paths)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            for (var directory = Parent(path); directory.Length > 1 && !_system.FileSystem.DirectoryExists(directory); directory = Parent(directory))
            {
                missing.Add(directory);
            }
        }

        return [.. missing];
    }

    private static string Parent(string path) => path[..Math.Max(1, path.LastIndexOf('/'))];

    private void RemoveIfEmpty(string directory)
    {
        var host = _system.FileSystem.Resolve(directory);
        if (_system.FileSystem.DirectoryExists(directory) && _system.FileSystem.ListDirectory(directory).Count == 0)
        {
            Directory.Delete(host);
        }
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

    private void Restore(string path, byte[]? contents)
    {
        if (contents is null)
        {
            _system.FileSystem.DeleteFile(path);
        }
        else
        {
            _system.Writer.Write(path, contents, new AtomicWriteOptions { SkipIfUnchanged = true });
        }
    }

    private static string Detail(string standardError)
    {
        var line = standardError.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return line is null ? "" : ": " + MessageText.Printable(line);
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.SymbolicLink => "symbolic link",
        FileKind.Directory => "directory",
        _ => "special file",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "resetnetwork: {Path} {Outcome}")]
    private static partial void LogFile(ILogger logger, string path, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: '{Step}' {Reason} (required: {Required})")]
    private static partial void LogStepFailed(ILogger logger, string step, string reason, bool required);

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: restored {Count} files after a failed apply")]
    private static partial void LogRestored(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: could not restore {Path} ({ExceptionType})")]
    private static partial void LogRestoreFailed(ILogger logger, string path, string exceptionType);
}
