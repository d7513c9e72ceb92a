namespace GuestAgent.Commands.Security;

/// <summary>
/// The cancellation a long password hash polls between blocks of work, with an optional observer of
/// each poll: how a test cancels deterministically once the work has provably started, and so
/// learns that the hash keeps polling rather than checking once up front.
/// </summary>
/// <param name="Token">The token that stops the hash.</param>
/// <param name="Polled">Called before each poll; none in production.</param>
internal readonly record struct HashCancellation(CancellationToken Token, Action? Polled = null)
{
    /// <summary>Polls: throws when <see cref="Token"/> is cancelled.</summary>
    /// <exception cref="OperationCanceledException">The token is cancelled.</exception>
    public void ThrowIfCancellationRequested()
    {
        Polled?.Invoke();
        Token.ThrowIfCancellationRequested();
    }
}
