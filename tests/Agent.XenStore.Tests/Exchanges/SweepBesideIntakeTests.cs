using System.Text;
using GuestAgent.XenStore.Tests.Infrastructure;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// A sweep of many old responses (a host that never reads its answers, on a store without quotas)
/// runs beside the exchange's intake, not in it: a request written while a sweep is held between
/// two removals is taken in and answered, and the sweep then goes on to the end.
/// </summary>
public sealed class SweepBesideIntakeTests
{
    private const int OldResponses = 300;

    [Fact]
    public async Task A_request_written_while_a_big_sweep_is_held_is_answered_before_the_sweep_goes_on()
    {
        await using var harness = new ExchangeHarness();
        var time = new RecordingTimeProvider();
        for (var i = 0; i < OldResponses; i++)
        {
            harness.Store.Server.Write($"{Responses}/old-{i:D4}", """{"returncode":"0","message":"old"}"""u8);
        }

        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var removals = 0;
        async Task HoldFirstRemoval(string id, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref removals) == 1)
            {
                held.TrySetResult();
                await release.Task.WaitAsync(cancellationToken);
            }
        }

        await harness.StartAgentAsync(time: time, responseRetention: TimeSpan.FromSeconds(60), beforeSweepRemoval: HoldFirstRemoval);
        // The start-up sweep only starts the ages of what it finds.
        await WaitUntilAsync(() => harness.Exchange!.ResponseSweeps == 1);
        Assert.Equal(0, removals);
        time.Advance(TimeSpan.FromSeconds(61));

        // A request's event makes the next sweep due; that sweep is held before its first removal.
        harness.Store.Server.Write($"{Requests}/first", Encoding.UTF8.GetBytes("""{"name":"echo","value":"1"}"""));
        await held.Task.WaitAsync(TimeSpan.FromMinutes(1));

        harness.Store.Server.Write($"{Requests}/second", Encoding.UTF8.GetBytes("""{"name":"echo","value":"2"}"""));
        var answers = await harness.WaitForResponsesAsync(["first", "second"]);

        Assert.Equal("""{"returncode":"0","message":"2"}""", answers["second"]);
        Assert.Equal(0, harness.Exchange!.ResponsesRemoved);
        Assert.Equal(1, harness.Exchange.ResponseSweeps);

        release.SetResult();
        await WaitUntilAsync(() => harness.Exchange.ResponseSweeps == 2);

        Assert.Equal(OldResponses, harness.Exchange.ResponsesRemoved);
        Assert.Equal(["first", "second"], (harness.Store.Server.TryList(Responses) ?? []).Order(StringComparer.Ordinal));
    }
}
