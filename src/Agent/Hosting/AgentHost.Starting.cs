namespace GuestAgent.Hosting;

/// <summary>
/// A start that fails (an exchange's <see cref="Exchanges.IExchange.StartAsync"/>, or the host's own
/// "Serving" line): nothing has been served, the exchanges already started are told nobody takes
/// their requests, and <see cref="WhenServing"/> and <see cref="RunAsync"/> fail with what failed.
/// </summary>
public sealed partial class AgentHost
{
    /// <summary>
    /// Names the exchange whose start failed: as an error, or, for a start that ignored a stop, as a
    /// warning; a start that honoured the stop is not named (nothing failed). The start's failure is
    /// what RunAsync throws: a logger that throws here must neither replace it nor keep the exchanges
    /// already started from being told. <c>stopping</c>: the start ended with a cancellation after the
    /// stop, honouring it (or, still starting, given up on); any other exception is a failure, named as
    /// one during a stop too (RunAsync throws it).
    /// </summary>
    private void SayStartFailed(int slot, Exception exception, bool stopping, bool stillStarting)
    {
        try
        {
            if (!stopping)
            {
                LogStartFailed(slot, ExchangeType(slot), exception.GetType().Name, exception.Message, slot);
            }
            else if (stillStarting)
            {
                LogExchangeDidNotStart(slot, ExchangeType(slot), DeliveryGrace.TotalSeconds);
            }
        }
#pragma warning disable CA1031 // The logger is broken: nothing is left to say it with, and the start's failure is thrown.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Stops the host before any loop runs, for <paramref name="failure"/>: the exchanges already
    /// started learn it from their token, and <see cref="WhenServing"/> fails with it (the caller throws
    /// it), or, when the start honoured the stop (<paramref name="stopped"/>), is cancelled as RunAsync's task is.
    /// </summary>
    private async Task StopBeforeServingAsync(CancellationTokenSource lifetime, Exception failure, bool stopped = false)
    {
        await CancelLifetimeAsync(lifetime).ConfigureAwait(false);
        if (stopped)
        {
            _serving.TrySetCanceled(((OperationCanceledException)failure).CancellationToken);
        }
        else
        {
            _serving.TrySetException(failure);

            // RunAsync throws the same failure: its caller has it. Marked observed, so that an
            // application that never looks at WhenServing does not hear of it again, from the
            // finalizer, as an unobserved task exception.
            _ = _serving.Task.Exception;
        }
    }
}
