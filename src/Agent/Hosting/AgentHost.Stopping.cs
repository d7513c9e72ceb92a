using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Hosting;

/// <summary>
/// How a stopping host gives up on what ignores its token, and says so; and the loop's side of the
/// claim on its slot, which decides whether a request handed over during a stop is started.
/// </summary>
public sealed partial class AgentHost
{
    /// <summary>
    /// Whether the loop of <paramref name="slot"/> starts the request its exchange just handed over.
    /// Not when a stopping host closed the loop first (it gave up on the exchange), nor once the
    /// command deadline (<paramref name="hardStop"/>) has passed: either way the request is left to
    /// the exchange unanswered, logged once (its command as <paramref name="parser"/> reads it), and the loop ends.
    /// </summary>
    private bool TakeRequest(int[] claims, int slot, AgentRequest request, IExchange exchange, IParser parser, CancellationToken hardStop)
    {
        // The one boundary with a stopping host giving up on this loop (Close, below): whichever moves
        // the slot off Asking first decides. Taken first, the request is served and waited for as any
        // request in progress; closed first, it is not started at all, rather than started and cut
        // off: the exchange keeps it unanswered.
        if (Interlocked.CompareExchange(ref claims[slot], Taken, Asking) != Asking)
        {
            LogRequestNotStarted(HostTextForLog.Cap(request.Id), HostTextForLog.CommandOf(request, parser), slot, exchange.GetType().Name);
            return false;
        }

        // Taken, but past the command deadline (a shutdown timeout under the 5 s give-up, or a host
        // held by another loop's request): started, its command would find its token cancelled and
        // answer "cancelled", and the exchange would drop the request with that answer. Left to the
        // exchange instead, as after a close. The loop alone decides, once: the host, finding the slot
        // Taken, only waits for the loop, which ends here.
        if (hardStop.IsCancellationRequested)
        {
            LogRequestNotStartedPastDeadline(HostTextForLog.Cap(request.Id), HostTextForLog.CommandOf(request, parser), slot, exchange.GetType().Name, Options.ShutdownTimeout.TotalSeconds);
            return false;
        }

        return true;
    }

    /// <summary>Whether the stopping host gave up on a loop (closed its slot), whether or not it has ended since.</summary>
    private static bool GaveUpOnAny(int[] claims) => Array.IndexOf(claims, Closed) >= 0;

    private void Abandon(Task[] perPair)
    {
        var slots = Volatile.Read(ref _inProgress);
        var delivering = Volatile.Read(ref _delivering);
        var claims = Volatile.Read(ref _claims);
        var abandoned = 0;
        for (var slot = 0; slot < slots.Length; slot++)
        {
            if (Volatile.Read(ref slots[slot]) is { } request)
            {
                abandoned++;
                var seconds = GiveUpSeconds;
                // The operator's lead: a command that ignores its token, or an exchange's delivery that does.
                if (Volatile.Read(ref delivering[slot]))
                {
                    SayWhileGivingUp(static (host, s) => host.LogDeliveryAbandoned(s.Id, s.slot, s.Type, s.seconds), (Id: HostTextForLog.Cap(request.Id), slot, Type: ExchangeType(slot), seconds));
                }
                else
                {
                    SayWhileGivingUp(static (host, s) => host.LogAbandoned(s.Id, s.slot, s.Type, s.seconds), (Id: HostTextForLog.Cap(request.Id), slot, Type: ExchangeType(slot), seconds));
                }
            }
            else
            {
                // Past the delivery deadline: a loop still asking is closed now (one closed earlier was named then).
                Close(perPair, claims, slot);
            }
        }

        SayWhileGivingUp(static (host, count) => host.LogStoppedAbandoning(count), abandoned);
    }

    /// <summary>How long after a stop the host gives up on a request whose command or delivery ignores its token (logged).</summary>
    private double GiveUpSeconds =>
        (Options.ShutdownTimeout == Timeout.InfiniteTimeSpan ? DeliveryGrace : Options.ShutdownTimeout + DeliveryGrace).TotalSeconds;

    /// <summary>
    /// Waits for every loop holding a request (each ends once its request is answered), until
    /// <paramref name="deadline"/>: the delivery deadline of a finite shutdown timeout, or never with
    /// an infinite one. Once none is left, gives up on the loops still asking (an exchange idling deaf
    /// to the stop): each is closed, so that what its exchange hands over from then on is not started.
    /// A loop that took a request before its close holds one after all: it is waited for too, and so on.
    /// </summary>
    private async Task WaitForRequestsInProgressAsync(Task[] perPair, int[] claims, CancellationToken deadline)
    {
        while (true)
        {
            var serving = new List<Task>(perPair.Length);
            for (var slot = 0; slot < perPair.Length; slot++)
            {
                if (!perPair[slot].IsCompleted && Volatile.Read(ref claims[slot]) == Taken)
                {
                    serving.Add(perPair[slot]);
                }
            }

            if (serving.Count == 0)
            {
                // Nothing left to wait for: the moment the host gives up on the idle loops.
                for (var slot = 0; slot < perPair.Length; slot++)
                {
                    if (!Close(perPair, claims, slot))
                    {
                        serving.Add(perPair[slot]);
                    }
                }

                if (serving.Count == 0)
                {
                    return;
                }
            }

            // A loop that fails meanwhile has ended as any other: its failure is RunAsync's to throw,
            // once the loops still asking are closed (thrown here, it would leave them open).
            var ended = Task.WhenAll(serving);
            await ended.WaitAsync(deadline).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!ended.IsCompleted)
            {
                // Past the deadline: what still runs is abandoned.
                return;
            }
        }
    }

    /// <summary>
    /// Gives up on the loop of <paramref name="slot"/> if it is still asking for a request, and names
    /// its exchange then, once. <c>false</c> when the loop took a request first: it holds one.
    /// </summary>
    private bool Close(Task[] perPair, int[] claims, int slot)
    {
        if (perPair[slot].IsCompleted)
        {
            return true;
        }

        var was = Interlocked.CompareExchange(ref claims[slot], Closed, Asking);
        if (was == Asking)
        {
            // Still in an exchange call that ignores its token: named as it is given up on, before
            // the next slot is looked at.
            SayWhileGivingUp(static (host, s) => host.LogExchangeDidNotStop(s.slot, s.Type), (slot, Type: ExchangeType(slot)));
        }

        return was != Taken;
    }

    /// <summary>
    /// Marks observed what a loop still running as the host returns fails with later (an abandoned
    /// request's: its logger throwing as it says the late answer was not delivered). No RunAsync is left to
    /// throw it, and it must not come back from the finalizer as an unobserved task exception. Added last,
    /// so that the members above keep the positions the layout list knows them by.
    /// </summary>
    private static void ObserveLateFailures(Task loops) =>
        _ = loops.ContinueWith(static loops => _ = loops.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
