using GuestAgent.Protocol;

namespace GuestAgent.Hosting;

/// <summary>
/// What each serving loop is doing at this moment, one slot per registered pair: the request in
/// hand, whether its answer is being delivered, whether the loop is asking for the next (or was
/// given up on). Written by the loops, read by <see cref="RequestsInProgress"/> and by the stop that
/// gives up on them.
/// </summary>
public sealed partial class AgentHost
{
    // Per slot, the request in hand. These members sit in a file of their own, after AgentHost.cs's:
    // the compiler numbers async state machines and lambdas by member position, and the daemon's
    // layout list (src/Agent.Daemon/hot-methods.order) names them.
    private AgentRequest?[] _inProgress = [];

    /// <summary>
    /// The requests being served at this moment, one at most per registered exchange: each from the
    /// moment its exchange handed it over until its answer was delivered (or failed to be). A snapshot,
    /// safe to take from any thread: for a host that is about to end at once (a second stop signal)
    /// and should say which requests it abandons.
    /// </summary>
    public IReadOnlyList<AgentRequest> RequestsInProgress
    {
        get
        {
            var slots = Volatile.Read(ref _inProgress);
            var requests = new List<AgentRequest>(slots.Length);
            for (var slot = 0; slot < slots.Length; slot++)
            {
                if (Volatile.Read(ref slots[slot]) is { } request)
                {
                    requests.Add(request);
                }
            }

            return requests;
        }
    }

    // Per slot, whether its request's answer is in the
    // exchange's PutResponseAsync, so that an abandonment names what ignored its token.
    private bool[] _delivering = [];

    // Per slot, who decides about the next request its exchange hands over: Asking (no request in
    // hand: in GetRequestAsync, or waiting to ask again), Taken (the loop took one: served, and
    // waited for at a stop), Closed (a stopping host gave up on the loop first: whatever its exchange
    // hands over from then on is not started). Only the loop leaves Taken, only the host writes
    // Closed, and both move off Asking by CompareExchange, so exactly one of them wins.
    private int[] _claims = [];

    private const int Asking = 0;
    private const int Taken = 1;
    private const int Closed = 2;
}
