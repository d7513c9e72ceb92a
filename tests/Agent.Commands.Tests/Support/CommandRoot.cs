using GuestAgent.Commands;
using GuestAgent.Hosting;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>A temporary agent root with its system boundaries, services and one exchange session.</summary>
internal sealed class CommandRoot : IDisposable
{
    private readonly TemporaryDirectory _directory;

    /// <param name="now">The fixed time commands see.</param>
    /// <param name="processes">Runs programs instead of root mode's recorder (which runs nothing).</param>
    /// <param name="time">The clock, instead of one fixed at <paramref name="now"/>.</param>
    /// <param name="parent">The directory to make the root in, instead of the system's temp folder.</param>
    public CommandRoot(DateTimeOffset? now = null, IProcessRunner? processes = null, TimeProvider? time = null, string? parent = null)
    {
        _directory = new TemporaryDirectory(parent: parent);
        Time = time ?? new FixedTimeProvider(now ?? DefaultNow);
        var system = AgentSystem.ForRoot(_directory.Path, Time);
        System = processes is null ? system : system with { Processes = processes };
        Services = System.AddTo(new ServiceMap());
    }

    public static DateTimeOffset DefaultNow { get; } = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public TimeProvider Time { get; }

    public AgentSystem System { get; }

    public ServiceMap Services { get; }

    public ExchangeSession Session { get; } = new();

    /// <summary>The host path of an agent path.</summary>
    public string HostPath(string agentPath) => System.FileSystem.Resolve(agentPath);

    public CommandContext Context(string command = "test") => ContextStoppedBy(command, TestContext.Current.CancellationToken);

    /// <summary>A context whose command is cancelled by <paramref name="cancellationToken"/> (the agent stopping).</summary>
    public CommandContext ContextStoppedBy(string command, CancellationToken cancellationToken) =>
        new(Guid.NewGuid().ToString(), command, Session, Services, cancellationToken);

    /// <summary>Makes a directory under the root, and any missing above it, 0755 (<see cref="FixtureDirectories"/>).</summary>
    public string CreateDirectory(string agentPath) => FixtureDirectories.Create(HostPath(agentPath));

    /// <summary>Writes a file under the root with the given octal mode, making its directories as <see cref="CreateDirectory"/> does.</summary>
    public void WriteFile(string agentPath, string contents, string octalMode = "644")
    {
        var path = HostPath(agentPath);
        FixtureDirectories.Create(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, contents);
        // Not IFileSystem.SetMode, which refuses the setuid and setgid modes some tests start from.
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(octalMode, 8));
    }

    public string ActionsLog()
    {
        var path = HostPath(RecordingProcessRunner.ActionsLogPath);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    public void Dispose() => _directory.Dispose();
}

/// <summary>A clock that stands still (timers still run in real time).</summary>
internal class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// A fixed clock that reports when code schedules a timer shorter than <paramref name="longerThanRetries"/>:
/// how a test learns, without timing, that a command found a lock busy and is retrying.
/// </summary>
internal sealed class RetryObservingTimeProvider(TimeSpan longerThanRetries) : FixedTimeProvider(CommandRoot.DefaultNow)
{
    private readonly TaskCompletionSource _retrying = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first short timer (a retry) is created.</summary>
    public Task Retrying => _retrying.Task;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < longerThanRetries)
        {
            _retrying.TrySetResult();
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
