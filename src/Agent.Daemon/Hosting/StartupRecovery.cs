namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// One thing a run killed in the middle of a command leaves unfinished, put right by <c>run</c> at
/// start, before XenStore is connected and anything is served (<see cref="AgentComposition.Recoveries"/>
/// lists them in the order they run). Each recovery logs what it did itself and never throws for
/// what it finds on disk; only cancellation (a stop while it runs) and a bug get out, and end the
/// start as they would anywhere else: the recoveries after it do not run.
/// </summary>
/// <remarks>
/// It holds the recovery's own method as a delegate rather than a lambda around it: code that runs
/// at every start and is missing from the daemon's layout list (hot-methods.order) costs resident
/// memory, so the start runs as little new code as it can.
/// </remarks>
internal sealed class StartupRecovery
{
    private readonly Func<CancellationToken, Task>? _recoverAsync;
    private readonly Func<object>? _recover;

    private StartupRecovery(string name, Func<CancellationToken, Task>? recoverAsync, Func<object>? recover)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _recoverAsync = recoverAsync;
        _recover = recover;
    }

    /// <summary>The command whose unfinished work it finishes (for tests and readers; it is not logged).</summary>
    public string Name { get; }

    /// <summary>A recovery that may take long enough to be stopped: it gets the stop token.</summary>
    public static StartupRecovery Of(string name, Func<CancellationToken, Task> recoverAsync)
    {
        ArgumentNullException.ThrowIfNull(recoverAsync);
        return new StartupRecovery(name, recoverAsync, null);
    }

    /// <summary>A quick recovery that runs to its end once started; what it returns (a report it has already logged) is not used.</summary>
    public static StartupRecovery Of(string name, Func<object> recover)
    {
        ArgumentNullException.ThrowIfNull(recover);
        return new StartupRecovery(name, null, recover);
    }

    /// <summary>Runs it.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while a recovery that takes it ran.</exception>
    public Task RecoverAsync(CancellationToken cancellationToken)
    {
        if (_recoverAsync is not null)
        {
            return _recoverAsync(cancellationToken);
        }

        _recover!();
        return Task.CompletedTask;
    }

    public override string ToString() => Name;
}
