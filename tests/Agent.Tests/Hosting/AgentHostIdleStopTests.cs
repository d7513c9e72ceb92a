using GuestAgent.Commands;
using GuestAgent.Hosting;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// A finite shutdown timeout with an exchange idling deaf to the stop beside a request in progress:
/// the deaf exchange holds nothing, so it is given up on 5 s after the stop, as with an infinite
/// timeout; the request is still given its whole timeout and its answer's 5 s. On a manual clock,
/// moved once the stop's deadlines are set.
/// </summary>
public sealed class AgentHostIdleStopTests
{
    private static readonly TimeSpan Timeout30 = TimeSpan.FromSeconds(30);

    private static CancellationToken Test => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_request_in_progress_is_finished_and_the_host_returns_without_waiting_for_the_deaf_exchange_s_timeout()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("slow", (_, context) =>
        {
            started.SetResult();
            return new(release.Task.WaitAsync(context.CancellationToken));
        });
        await using var scene = new HostBesideDeafExchange(Timeout30, registry);
        var response = scene.Exchange.SendAsync("""{"name":"slow"}""", "r-slow", Test);
        await started.Task.WithinSafetyNet();
        await scene.Deaf.Asked.WithinSafetyNet();

        await scene.Stop.CancelAsync();
        Assert.Equal([TimeSpan.FromSeconds(5), Timeout30, Timeout30 + TimeSpan.FromSeconds(5)], HostBesideDeafExchange.Deadlines(scene.Time));
        // Past the idle deadline: the deaf exchange is no longer waited for, the command still is
        // (its token is not cancelled before its 30 s).
        scene.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(scene.Running.IsCompleted);
        release.SetResult(CommandResult.Ok("done in time"));

        // The host returns once the answer is delivered: the clock stays at 5 s, short of the 35 s
        // the old rule gave the deaf exchange.
        Assert.Equal("""{"returncode":"0","message":"done in time"}""", (await response.WithinSafetyNet()).ToJson());
        await scene.Running.WithinSafetyNet();
        Assert.Equal(
            [
                "Exchange 1 (DeafExchange) did not stop: it ignores the host's cancellation (GetRequestAsync must honour its token); the host stops waiting for it",
                "Stopped serving, abandoning 0 request(s) in progress",
            ],
            scene.Logger.At(LogLevel.Warning));
        Assert.Empty(scene.Host.RequestsInProgress);
    }

    [Fact]
    public async Task A_command_that_ignores_its_token_is_still_abandoned_only_at_its_own_deadline()
    {
        var started = new TaskCompletionSource();
        var never = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("stuck", (_, _) =>
        {
            started.SetResult();
            return new(never.Task); // the token is never looked at
        });
        await using var scene = new HostBesideDeafExchange(Timeout30, registry);
        _ = scene.Exchange.SendAsync("""{"name":"stuck"}""", "r-stuck", Test);
        await started.Task.WithinSafetyNet();
        await scene.Deaf.Asked.WithinSafetyNet();

        await scene.Stop.CancelAsync();
        scene.Time.Advance(TimeSpan.FromSeconds(5));
        scene.Time.Advance(Timeout30 - TimeSpan.FromSeconds(0.5));
        Assert.False(scene.Running.IsCompleted);
        Assert.Empty(scene.Logger.At(LogLevel.Warning));
        scene.Time.Advance(TimeSpan.FromSeconds(0.5));
        await scene.Running.WithinSafetyNet();

        Assert.Equal("r-stuck", Assert.Single(scene.Host.RequestsInProgress).Id);
        Assert.Equal(
            [
                "Request r-stuck on exchange 0 (InMemoryExchange) abandoned unanswered: its command still runs 35 s after the stop, ignoring its cancellation token; the host stops waiting for it",
                "Exchange 1 (DeafExchange) did not stop: it ignores the host's cancellation (GetRequestAsync must honour its token); the host stops waiting for it",
                "Stopped serving, abandoning 1 request(s) in progress",
            ],
            scene.Logger.At(LogLevel.Warning));
        never.SetResult(CommandResult.Ok("late"));
    }
}
