using GuestAgent.Protocol;

namespace GuestAgent.Hosting;

/// <summary>How a stopping host gives up on what ignores its token, and says so.</summary>
public sealed partial class AgentHost
{
    private void Abandon(Task[] perPair)
    {
        var slots = Volatile.Read(ref _inProgress);
        var delivering = Volatile.Read(ref _delivering);
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
            else if (!perPair[slot].IsCompleted)
            {
                // No request, yet still running: stuck in an exchange call that ignores its token.
                LogExchangeDidNotStop(slot, ExchangeType(slot));
            }
        }

        LogStoppedAbandoning(abandoned);
    }

    /// <summary>How long after a stop the host gives up on a request whose command or delivery ignores its token (logged).</summary>
    private double GiveUpSeconds =>
        (Options.ShutdownTimeout == Timeout.InfiniteTimeSpan ? DeliveryGrace : Options.ShutdownTimeout + DeliveryGrace).TotalSeconds;

    /// <summary>
    /// Waits for every loop that is not waiting for a request (each ends once its request is
    /// answered), until <paramref name="deadline"/>: the delivery deadline of a finite shutdown
    /// timeout, or never with an infinite one. Again while there is one: an exchange that ignored the
    /// stop may still hand over a request, which is then waited for too.
    /// </summary>
    private static async Task WaitForRequestsInProgressAsync(Task[] perPair, bool[] asking, CancellationToken deadline)
    {
        while (true)
        {
            var serving = new List<Task>(perPair.Length);
            for (var slot = 0; slot < perPair.Length; slot++)
            {
                if (!perPair[slot].IsCompleted && !Volatile.Read(ref asking[slot]))
                {
                    serving.Add(perPair[slot]);
                }
            }

            if (serving.Count == 0)
            {
                return;
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
}
