namespace GuestAgent.XenStore.Server;

/// <summary>
/// The most bytes any one connection has had queued and not yet written, over the server's life:
/// what the per-connection cap (<see cref="XenStoreServerOptions.MaxQueuedBytesPerConnection"/>)
/// actually bounded. Tests hand one to the server (its internal constructor); a server without one
/// keeps no such state and does no work for it. Updated by every connection, from any thread.
/// </summary>
internal sealed class OutputHighWater
{
    private long _bytes;

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Observe(long queuedBytes)
    {
        var seen = Interlocked.Read(ref _bytes);
        while (queuedBytes > seen)
        {
            var previous = Interlocked.CompareExchange(ref _bytes, queuedBytes, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
