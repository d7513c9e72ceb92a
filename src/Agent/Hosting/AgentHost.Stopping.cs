using GuestAgent.Protocol;

namespace GuestAgent.Hosting;

/// <summary>How a stopping host gives up on what ignores its token, and says so.</summary>
public sealed partial class AgentHost
{
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
                    LogDeliveryAbandoned(HostTextForLog.Cap(request.Id), slot, ExchangeType(slot), seconds);
                }
                else
                {
                    LogAbandoned(HostTextForLog.Cap(request.Id), slot, ExchangeType(slot), seconds);
                }
            }
            else
            {
                // Past the delivery deadline: a loop still asking is closed now (one closed earlier was named then).
                Close(perPair, claims, slot);
            }
        }

        LogStoppedAbandoning(abandoned);
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

            try
            {
                await Task.WhenAll(serving).WaitAsync(deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
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
            LogExchangeDidNotStop(slot, ExchangeType(slot));
        }

        return was != Taken;
    }
}
