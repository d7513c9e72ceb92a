using System.Security.Cryptography;

namespace GuestAgent.Commands.Security;

/// <summary>
/// The shared secret a <c>keyinit</c> leaves in its exchange's session for the next <c>password</c>.
/// It is taken out of the session by the first use and zeroed, whatever the outcome; one no
/// <c>password</c> comes for is taken out and zeroed when its lifetime ends.
/// </summary>
internal sealed class NovaSessionKey : IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _expiry;
    private bool _disposed;

    public NovaSessionKey(byte[] sharedSecret) => SharedSecret = sharedSecret;

    /// <summary>The shared secret as decimal ASCII.</summary>
    public byte[] SharedSecret { get; }

    /// <summary>
    /// Keeps the key in <paramref name="session"/> for <paramref name="lifetime"/> at most: then, unless
    /// a <c>password</c> or a newer <c>keyinit</c> took it first, it is removed and zeroed.
    /// </summary>
    public void StoreIn(ExchangeSession session, TimeProvider time, TimeSpan lifetime)
    {
        // Not a plain Set: a key another keyinit stored meanwhile (two at once on one session) would
        // be dropped unzeroed, its secret left for the garbage collector. It is taken out and zeroed.
        while (session.GetOrAdd(() => this) is var stored && !ReferenceEquals(stored, this))
        {
            if (session.Remove(stored))
            {
                stored.Dispose();
            }
        }

        var expiry = time.CreateTimer(
            static state =>
            {
                var (key, owner) = ((NovaSessionKey, ExchangeSession))state!;
                // Whoever removes the key from the session disposes it: the timer only if it wins.
                if (owner.Remove(key))
                {
                    key.Dispose();
                }
            },
            (this, session),
            lifetime,
            Timeout.InfiniteTimeSpan);

        // The key may already be gone (a password or another keyinit took it between GetOrAdd and
        // here): its timer is then disposed now, not left to fire for nothing at the end of the lifetime.
        lock (_gate)
        {
            if (!_disposed)
            {
                _expiry = expiry;
                return;
            }
        }

        expiry.Dispose();
    }

    public void Dispose()
    {
        ITimer? expiry;
        lock (_gate)
        {
            _disposed = true;
            expiry = _expiry;
        }

        expiry?.Dispose();
        CryptographicOperations.ZeroMemory(SharedSecret);
    }
}
