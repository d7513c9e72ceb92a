namespace GuestAgent.Exchanges;

/// <summary>
/// An answer that comes after the exchange was disposed (docs/plugins.md, "Stopping": a command that
/// ignored its token outlives <c>RunAsync</c>, and the application disposed the exchange meanwhile).
/// It is journaled as any answer, so a durable one is delivered by the agent's next start without the
/// request running again; nothing is written on the closed connection; and the call throws
/// <see cref="ObjectDisposedException"/> saying where the answer went, which the host logs as the
/// undelivered response. (A file of its own, named to come after the others, so the compiler's
/// numbering of the hot path's state machines, which hot-methods.order names, stays.)
/// </summary>
public sealed partial class XenStoreExchange
{
    internal const string DisposedAnswerKept = "The XenStore exchange was disposed before the answer reached XenStore; it is kept in the response journal, so the agent's next start in this boot answers the request with it if the host still waits";

    internal const string DisposedAnswerLost = "The XenStore exchange was disposed before the answer reached XenStore; it was kept in memory only (bound to the session, or the journal cannot be written), so it is lost, and the agent's next start runs the request again if the host still waits";

    private void ThrowIfDisposedBeforeDelivery(bool journaled)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw DisposedBeforeDelivery(journaled);
        }
    }

    // A disposal racing the delivery surfaces as the cancellation of the exchange's stopping token,
    // or as that source's own ObjectDisposedException when it was disposed before being linked.
    private bool IsDisposalOf(Exception exception) =>
        exception is OperationCanceledException or ObjectDisposedException && Volatile.Read(ref _disposed) != 0;

    // No object name: ObjectDisposedException would add it on a line of its own, and the host logs
    // the message within one line. The id is the host's to name (it logs it beside the message).
    private static ObjectDisposedException DisposedBeforeDelivery(bool journaled) =>
        new(objectName: null, journaled ? DisposedAnswerKept : DisposedAnswerLost);
}
