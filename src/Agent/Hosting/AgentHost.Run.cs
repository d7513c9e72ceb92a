using System.Diagnostics;
using GuestAgent.Exchanges;

namespace GuestAgent.Hosting;

/// <summary>
/// <see cref="RunAsync"/>, and what its task says: cancelled only when the stop came before the host
/// served (its own cancellation); faulted for every failure, an <see cref="OperationCanceledException"/>
/// too, which an async method's task would otherwise report as cancelled.
/// </summary>
public sealed partial class AgentHost
{
    /// <summary>
    /// Serves until <paramref name="stoppingToken"/> is cancelled or every exchange has ended. A request
    /// in progress at cancellation is finished (its command's token is cancelled after
    /// <see cref="AgentHostOptions.ShutdownTimeout"/>) and answered; a command that ignores its token
    /// is abandoned once its answer's delivery time is up too (see <see cref="AgentHostOptions.ShutdownTimeout"/>).
    /// Each exchange gets a token in <see cref="IExchange.StartAsync"/> and <see cref="IExchange.GetRequestAsync"/>
    /// that is cancelled when the host takes no more requests: on <paramref name="stoppingToken"/>, or
    /// when a later exchange fails to start (<see cref="InMemoryExchange"/> then fails the requests left waiting).
    /// A request that an exchange deaf to that token hands over after the host gave up on it, or once
    /// <see cref="AgentHostOptions.ShutdownTimeout"/> has run out, is not started, and left to the
    /// exchange (see <see cref="AgentHostOptions.ShutdownTimeout"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">No exchange is registered, or the host already runs.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="stoppingToken"/> was cancelled before every exchange had started: nothing was
    /// served. An exchange whose <see cref="IExchange.StartAsync"/> ignores the token is given up on
    /// (a warning names it) 5 s after the stop, whatever <see cref="AgentHostOptions.ShutdownTimeout"/>,
    /// as one whose <see cref="IExchange.GetRequestAsync"/> ignores it while no request is in progress
    /// on it. A program that stops on a signal catches it (docs/packages.md).
    /// </exception>
    /// <remarks>
    /// An exception thrown by an exchange's <see cref="IExchange.StartAsync"/> is rethrown, and <see cref="WhenServing"/> fails with it.
    /// A loop that fails itself (its logger throws, or the options' clock fails to time a retry, with an
    /// <see cref="OperationCanceledException"/> of its own too: what the exchange and the parser throw is caught)
    /// stops the host as <paramref name="stoppingToken"/> would, and its exception is rethrown once
    /// the host has stopped, also when it gave up on an exchange that ignores the stop; when several
    /// fail, the first registered one's. A logger that throws as the host names the loops it gives up
    /// on at a stop does not keep it from closing the others: its exception is rethrown once all are closed.
    /// A callback an exchange registered on the host's token that throws as the host stops is logged,
    /// never thrown in place of the failure that stopped the host (docs/plugins.md, "Failures").
    /// The task is cancelled only for that stop before every exchange had started; every failure faults
    /// it, also an <see cref="OperationCanceledException"/> of a logger's, a clock's or an exchange's own,
    /// so that whoever looks at the task's state (as a hosted service's host does) never takes one for the stop.
    /// Where the host waits on the stop (an exchange's start, a loop's wait before a retry), a cancellation that
    /// ends the wait once the stop is requested is the stop's, whoever threw it: nothing tells the two apart (an
    /// exchange may throw one of a token it linked to the host's). So an exchange's own, as its start ends after
    /// the stop, cancels the task as the stop does, and the clock's own ends a retry's wait as the stop does.
    /// </remarks>
    public Task RunAsync(CancellationToken stoppingToken) =>
        RunUntilStoppedAsync(stoppingToken)
            .ContinueWith(static (run, host) => ((AgentHost)host!).Outcome(run), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
            .Unwrap();

    /// <summary>
    /// Set when the run ended on the stop before the host served (a start that honoured it, or was given up
    /// on): the one cancellation that is the host's own. Read once the run has ended.
    /// </summary>
    private bool _stoppedBeforeServing;

    /// <summary>
    /// The run's task as it ended, but for a cancellation that is not the host's own: a failure (a logger's,
    /// a clock's, an exchange's start before any stop), whose exception faults the task RunAsync returns.
    /// </summary>
    private Task Outcome(Task run) =>
        run.IsCanceled && !_stoppedBeforeServing ? Task.FromException(CancellationOf(run)) : run;

    /// <summary>The exception a cancelled task was cancelled with (its awaiter throws that one itself).</summary>
    private static OperationCanceledException CancellationOf(Task cancelled)
    {
        try
        {
            cancelled.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException exception)
        {
            return exception;
        }

        throw new UnreachableException("A cancelled task's awaiter threw no OperationCanceledException.");
    }
}
