namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// One thing a run killed in the middle of a command leaves unfinished, put right by <c>run</c> at
/// start, before XenStore is connected and anything is served (<see cref="AgentComposition.Recoveries"/>
/// lists them in the order they run). Each recovery logs what it did itself and never throws for
/// what it finds on disk; only cancellation (a stop while it runs) and a bug get out, and end the
/// start as they would anywhere else: the recoveries after it do not run.
/// </summary>
internal sealed class StartupRecovery
{
    private readonly Func<CancellationToken, Task> _recover;

    private StartupRecovery(string name, Func<CancellationToken, Task> recover)
    {
        Name = name;
        _recover = recover;
    }

    /// <summary>The command whose unfinished work it finishes (for tests and readers; it is not logged).</summary>
    public string Name { get; }

    /// <summary>A recovery that may take long enough to be stopped (it gets the stop token).</summary>
    public static StartupRecovery Of(string name, Func<CancellationToken, Task> recover)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(recover);
        return new StartupRecovery(name, recover);
    }

    /// <summary>A quick recovery that runs to its end once started.</summary>
    public static StartupRecovery Of(string name, Action recover)
    {
        ArgumentNullException.ThrowIfNull(recover);
        return Of(name, _ =>
        {
            recover();
            return Task.CompletedTask;
        });
    }

    /// <summary>Runs it.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while a recovery that takes it ran.</exception>
    public Task RecoverAsync(CancellationToken cancellationToken) => _recover(cancellationToken);

    public override string ToString() => Name;
}
