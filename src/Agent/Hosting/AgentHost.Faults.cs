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
            try
            {
                // Run as a stop: requests in progress elsewhere finish within their times, idle loops
                // deaf to it are closed after the idle deadline, and the loops that end are awaited.
                await lifetime.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The host has already returned (it gave up on this loop at a stop): nobody is served any more.
            }

            throw;
        }
    }

    /// <summary>
    /// Rethrows the first loop's failure (in registration order, as awaiting every loop does), once the
    /// host has stopped without waiting for every loop; else the first failure of a line it logged as it
    /// gave up (<see cref="SayWhileGivingUp"/>).
    /// </summary>
    private void ThrowIfAnyFaulted(Task[] perPair)
    {
        foreach (var loop in perPair)
        {
            if (loop.IsFaulted && loop.Exception.InnerException is { } failure)
            {
                ExceptionDispatchInfo.Throw(failure);
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
