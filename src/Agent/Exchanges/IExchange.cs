using GuestAgent.Protocol;

namespace GuestAgent.Exchanges;

/// <summary>
/// An exchange plugin: where requests come from and responses go (the original agent's
/// <c>get_request</c> / <c>put_response</c>). Each exchange owns the <see cref="GuestAgent.Commands.ExchangeSession"/>s
/// its requests carry: one for all of them, or one per connection of a multi-client transport, so
/// that one client's <c>keyinit</c> never serves another's <c>password</c>. docs/plugins.md describes
/// the whole contract.
/// </summary>
/// <remarks>
/// <para>
/// The host (<see cref="GuestAgent.Hosting.AgentHost"/>) serves each exchange in a loop of its own,
/// one request at a time. It never disposes an exchange: whoever created it does, after the host
/// has returned. What the host does when an exchange fails:
/// </para>
/// <list type="bullet">
/// <item><description>
/// <see cref="StartAsync"/> throws: the host does not serve. It cancels the token it gave to the
/// exchanges already started (so they fail or drop what clients are waiting for), and
/// <see cref="GuestAgent.Hosting.AgentHost.RunAsync"/> rethrows the exception.
/// </description></item>
/// <item><description>
/// <see cref="GetRequestAsync"/> throws (anything but a cancellation of its token): the host logs a
/// warning naming the exchange (pair index and type) with the exception's type and message (the
/// host logs every exchange exception's message: keep request data out of them) and asks again after
/// <see cref="GuestAgent.Hosting.AgentHostOptions.RetryDelay"/>, doubling the wait at each failure in
/// a row up to <see cref="GuestAgent.Hosting.AgentHostOptions.MaxRetryDelay"/>, for ever. An exchange
/// that can no longer work returns <c>null</c> instead: its loop ends (logged), and once every
/// loop has ended the host returns.
/// </description></item>
/// <item><description>
/// <see cref="PutResponseAsync"/> throws: the host logs an error with the request id and goes on
/// serving; the answer is lost unless the exchange retries delivery itself, so it should not throw.
/// </description></item>
/// </list>
/// </remarks>
public interface IExchange : IAsyncDisposable
{
    /// <summary>Connects and starts watching for requests. Called once, before the first request.</summary>
    /// <param name="cancellationToken">
    /// The host's serving token, meaningful for the exchange's whole time with the host, not only
    /// during this call: it is cancelled when the host takes no more requests (a stop, or a later
    /// exchange that failed to start). It is the only way the exchange learns that: requests it
    /// still holds then will not be answered, and a client waiting for one should be told. This call
    /// must honour it too (a stop while starting ends <see cref="GuestAgent.Hosting.AgentHost.RunAsync"/>
    /// with the <see cref="OperationCanceledException"/> thrown here): after a stop the host waits for
    /// a call that ignores it only 5 s, whatever <see cref="GuestAgent.Hosting.AgentHostOptions.ShutdownTimeout"/>
    /// (that timeout is for requests in progress, and a start holds none), then logs a warning naming the exchange and
    /// <see cref="GuestAgent.Hosting.AgentHost.RunAsync"/> throws <see cref="OperationCanceledException"/>.
    /// </param>
    ValueTask StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits for the next request, in arrival order. Returns <c>null</c> when the exchange has
    /// ended and will produce no more requests. A request's <see cref="AgentRequest.Id"/> must be
    /// unique among this exchange's requests not yet answered.
    /// </summary>
    /// <param name="cancellationToken">
    /// The host's serving token: it must be honoured (throw <see cref="OperationCanceledException"/>
    /// or return <c>null</c>), or a stopping host waits 5 s for this call, whatever
    /// <see cref="GuestAgent.Hosting.AgentHostOptions.ShutdownTimeout"/> (that timeout is for requests
    /// in progress, and this call holds none), then gives up on the exchange with a warning. A request
    /// the host's loop takes from this call after that, or once that timeout has run out (its command
    /// would start already cancelled), is not started nor answered (one warning names it, never its
    /// value): the exchange keeps it, as <see cref="XenStoreExchange"/> does in <c>data/host</c> for the
    /// agent's next start. The loop takes a request when it resumes after this call, so one returned a
    /// moment before the give-up or the timeout can fall either side. One taken before both is served
    /// and waited for as the timeout says.
    /// </param>
    ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Delivers the response to a request taken from this exchange. It should not throw: a failure
    /// is logged by the host and the answer is lost, unless the exchange retries delivery itself.
    /// </summary>
    /// <param name="request">The request, as <see cref="GetRequestAsync"/> returned it.</param>
    /// <param name="response">Its answer.</param>
    /// <param name="cancellationToken">
    /// Not the serving token: at shutdown an answer still gets time to be delivered (5 s after the
    /// command's own time is up), and this token is cancelled only then.
    /// </param>
    ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken);
}
