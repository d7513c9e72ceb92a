namespace GuestAgent.Platform;

/// <summary>
/// The process runner of root mode (the agent rooted at a directory other than <c>/</c>): it runs
/// nothing, appends one line <c>program arg1 arg2 …</c> to <c>&lt;root&gt;/var/lib/guest-agent/actions.log</c>
/// and reports success.
/// </summary>
/// <remarks>
/// Tests make a program "fail" (exit code 1, the line is still recorded) by naming it, either in
/// the constructor's set or one per line in <c>&lt;root&gt;/var/lib/guest-agent/fail-actions</c>,
/// which is read on every call. A name matches the program exactly as given or by its file name
/// (<c>netplan</c> matches <c>/usr/sbin/netplan</c>). Blank lines and lines starting with <c>#</c>
/// are ignored. A program named in <c>&lt;root&gt;/var/lib/guest-agent/hang-actions</c> (same rules)
/// hangs instead, as a network service that never settles does: it is recorded, then reported timed
/// out once its timeout passes (as the real runner kills it), unless the call is cancelled first.
/// That lets a rehearsal stop or kill the agent in the middle of a <c>resetnetwork</c>.
/// </remarks>
public sealed class RecordingProcessRunner : IProcessRunner
{
    /// <summary>The agent path of the log of actions.</summary>
    public const string ActionsLogPath = AgentPaths.DefaultStateDirectory + "/actions.log";

    /// <summary>The agent path of the list of programs that fail.</summary>
    public const string FailActionsPath = AgentPaths.DefaultStateDirectory + "/fail-actions";

    /// <summary>The agent path of the list of programs that hang until their timeout.</summary>
    public const string HangActionsPath = AgentPaths.DefaultStateDirectory + "/hang-actions";

    private readonly IFileSystem _fileSystem;
    private readonly IReadOnlySet<string> _failing;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    /// <summary>Creates the runner.</summary>
    /// <param name="fileSystem">The rooted file system the log lives in.</param>
    /// <param name="failingPrograms">Programs that report exit code 1 instead of success.</param>
    /// <param name="time">The clock a hanging program's timeout runs on; the system clock when <c>null</c>.</param>
    public RecordingProcessRunner(IFileSystem fileSystem, IEnumerable<string>? failingPrograms = null, TimeProvider? time = null)
    {
        _fileSystem = fileSystem;
        _failing = new HashSet<string>(failingPrograms ?? [], StringComparer.Ordinal);
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _fileSystem.AppendAllText(ActionsLogPath, spec.ToDisplayString() + "\n");
        }

        if (Listed(HangActionsPath, spec.Program))
        {
            await Task.Delay(spec.Timeout, _time, cancellationToken).ConfigureAwait(false);
            return new ProcessResult(-1, "", $"{spec.Program} hung (listed as hanging in root mode)", TimedOut: true);
        }

        return _failing.Contains(spec.Program) || _failing.Contains(Path.GetFileName(spec.Program)) || Listed(FailActionsPath, spec.Program)
            ? new ProcessResult(1, "", $"{spec.Program} failed (listed as failing in root mode)")
            : new ProcessResult(0, "", "");
    }

    /// <summary>Whether the list at <paramref name="listPath"/> names <paramref name="program"/>, by itself or its file name.</summary>
    private bool Listed(string listPath, string program)
    {
        if (!_fileSystem.FileExists(listPath))
        {
            return false;
        }

        var name = Path.GetFileName(program);
        return _fileSystem.ReadAllText(listPath)
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .Any(line => line == program || line == name);
    }
}
