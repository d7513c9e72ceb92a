namespace GuestAgent.Hosting;

/// <summary>Options of <see cref="AgentHost"/>.</summary>
public sealed class AgentHostOptions
{
    /// <summary>How long a request in progress may still run after shutdown begins. Default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a loop waits after its exchange failed before asking again. Default 1 s, as the original.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
