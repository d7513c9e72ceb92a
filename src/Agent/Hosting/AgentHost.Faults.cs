using System.Runtime.ExceptionServices;
using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Hosting;

/// <summary>
/// A loop that fails: the host stops as on a stop, and <see cref="RunAsync"/> rethrows the failure.
/// </summary>
/// <remarks>
/// A loop catches what its exchange and parser throw; what escapes it is the host's own step failing
/// (today only a logger that throws). Its exchange is no longer served from then on, and the logger
/// that would say so is the one failing: a host that served on would answer the other exchanges and
/// leave this one's clients waiting, unlogged, until a stop. Stopping makes the failure the host's
/// result, so a daemon exits with it and its supervisor restarts it.
/// </remarks>
public sealed partial class AgentHost
{
    // lifetime: the host's own, which the other loops and the exchanges see as the stop.
    private async Task ServeOrStopAsync(int slot, IExchange exchange, IParser parser, CancellationTokenSource lifetime, CancellationToken hardStop, CancellationToken deliveryStop)
    {
        var serving = lifetime.Token;
        try
        {
            await ServeAsync(slot, exchange, parser, serving, hardStop, deliveryStop).ConfigureAwait(false);
        }
        catch
        {
            // Its request, if it held one, is no longer in progress: neither listed nor abandoned as a command still running.
            Volatile.Write(ref _inProgress[slot], null);

            // Stopping the host, not deaf to it: held as a request in progress is (Taken), so that a host
            // whose idle deadline passes while the stop below runs the token's callbacks waits for this
            // end, and its failure, instead of closing the loop as one ignoring the stop and returning
            // without it. Left Closed when the host has already given up on the loop.
            Interlocked.CompareExchange(ref _claims[slot], Taken, Asking);
            try
            {
                // Run as a stop: requests in progress elsewhere finish within their times, idle loops
                // deaf to it are closed after the idle deadline, and the loops that end are awaited.
                await CancelLifetimeAsync(lifetime).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The host has already returned (it gave up on this loop at a stop): nobody is served any more.
            }

            throw;
        }
    }

    /// <summary>
    /// Cancels the host's lifetime: the stop the loops and the exchanges see. A callback an exchange
    /// registered on its token that throws (every callback still runs, so the stop goes on) must not
    /// replace the failure that stops the host, which RunAsync throws: it is logged instead.
    /// </summary>
    private async Task CancelLifetimeAsync(CancellationTokenSource lifetime)
    {
        try
        {
            await lifetime.CancelAsync().ConfigureAwait(false);
        }
        catch (AggregateException exception)
        {
            try
            {
                var first = exception.InnerExceptions[0];
                LogTokenCallbackFailed(exception.InnerExceptions.Count, first.GetType().Name, first.Message, exception);
            }
#pragma warning disable CA1031 // The logger may be what stops the host: its exception is the one thrown already.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>
    /// Rethrows the first failed loop's exception, in registration order, once the host has stopped; else
    /// the first failure of a line it logged as it gave up (<see cref="SayWhileGivingUp"/>). A loop whose
    /// logger threw an OperationCanceledException ended cancelled, not faulted (any such exception escaping
    /// an async method does that): it failed all the same, and its own exception is thrown. (Awaiting every
    /// loop would put a faulted loop before an earlier cancelled one; registration order is what RunAsync documents.)
    /// </summary>
    private void ThrowIfAnyFaulted(Task[] perPair)
    {
        foreach (var loop in perPair)
        {
            if (loop.IsFaulted || loop.IsCanceled)
            {
                loop.GetAwaiter().GetResult();
            }
        }

        _givingUpFailure?.Throw();
    }

    /// <summary>
    /// Logs a line of the host giving up on its loops at a stop. A logger that throws must not leave
    /// the later loops open (a request their exchanges hand over would then be started after RunAsync
    /// returned): the first failure is kept, and thrown once every loop is closed.
    /// </summary>
    private void SayWhileGivingUp<TState>(Action<AgentHost, TState> line, TState state)
    {
        try
        {
            line(this, state);
        }
#pragma warning disable CA1031 // Kept and rethrown by ThrowIfAnyFaulted, once the stop is done.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _givingUpFailure ??= ExceptionDispatchInfo.Capture(exception);
        }
    }

    /// <summary>The first failure of a line logged while giving up on the loops (the host's one run only).</summary>
    private ExceptionDispatchInfo? _givingUpFailure;
}
