using GuestAgent.Exchanges;
using GuestAgent.Testing;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;
using Microsoft.Extensions.Logging;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// Nova removes <c>data/host/&lt;id&gt;</c> when it stops waiting for an answer and reports the call
/// failed (nova-agent-protocol.md §1.3). A request withdrawn while it waited behind a slow command
/// must not run afterwards; one left in place must.
/// </summary>
public sealed class WithdrawnRequestTests
{
    private const string Secret = "withdrawn-secret-value";

    [Fact]
    public async Task A_request_withdrawn_while_it_waited_is_never_run_nor_answered()
    {
        await using var harness = new ExchangeHarness();
        var log = new RecordingLogger<XenStoreExchange>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await QueueBehindHeldCommandAsync(harness, log, release.Task);

        harness.Store.Server.Remove($"{Requests}/second");
        release.SetResult();
        // Served in arrival order: once the third is answered, the second has been handed out or dropped.
        harness.Store.Server.Write($"{Requests}/third", """{"name":"echo","value":"third"}"""u8);
        await harness.WaitForResponsesAsync(["first", "third"]);

        Assert.False(harness.Registry.Runs.ContainsKey("second"));
        Assert.Equal(["first", "third"], harness.Registry.Order);
        Assert.Null(harness.Store.Server.TryRead($"{Responses}/second"));
        var warning = Assert.Single(log.At(LogLevel.Warning));
        Assert.Contains("request second was withdrawn by the host", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Entries, entry => entry.Message.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_left_in_place_still_runs_after_the_slow_one()
    {
        await using var harness = new ExchangeHarness();
        var log = new RecordingLogger<XenStoreExchange>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await QueueBehindHeldCommandAsync(harness, log, release.Task);

        release.SetResult();
        var responses = await harness.WaitForResponsesAsync(["first", "second"]);

        Assert.Equal($$"""{"returncode":"0","message":"{{Secret}}"}""", responses["second"]);
        Assert.Equal(["first", "second"], harness.Registry.Order);
        Assert.Empty(log.At(LogLevel.Warning));
    }

    [Fact]
    public async Task A_request_replaced_under_the_same_id_while_it_waited_runs_once_with_the_new_content()
    {
        await using var harness = new ExchangeHarness();
        var log = new RecordingLogger<XenStoreExchange>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await QueueBehindHeldCommandAsync(harness, log, release.Task);

        harness.Store.Server.Write($"{Requests}/second", """{"name":"echo","value":"the new one"}"""u8);
        release.SetResult();
        var responses = await harness.WaitForResponsesAsync(["first", "second"]);

        Assert.Equal("""{"returncode":"0","message":"the new one"}""", responses["second"]);
        Assert.Equal(1, harness.Registry.Runs["second"]);
        Assert.Empty(harness.Store.Server.TryList(Requests)!);
    }

    [Fact]
    public async Task A_request_waiting_across_a_lost_connection_is_checked_on_the_new_one_and_runs()
    {
        await using var harness = new ExchangeHarness();
        var log = new RecordingLogger<XenStoreExchange>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await QueueBehindHeldCommandAsync(harness, log, release.Task);

        Assert.True(harness.Store.Server.Disconnect(EmbeddedXenStore.GuestDomain) >= 1);
        release.SetResult();
        var responses = await harness.WaitForResponsesAsync(["first", "second"]);

        Assert.Equal($$"""{"returncode":"0","message":"{{Secret}}"}""", responses["second"]);
        Assert.Equal(1, harness.Registry.Runs["first"]);
        Assert.Equal(1, harness.Registry.Runs["second"]);
        Assert.True(harness.Exchange!.Connections >= 2);
    }

    [Fact]
    public async Task A_request_the_guest_can_no_longer_read_when_its_turn_comes_waits_until_it_can()
    {
        await using var harness = new ExchangeHarness();
        var log = new RecordingLogger<XenStoreExchange>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await QueueBehindHeldCommandAsync(harness, log, release.Task);

        // Read once when it was queued; the host takes the guest's access away before its turn.
        harness.Store.Server.SetPermissions($"{Requests}/second", XenStorePermission.Parse("n0"));
        release.SetResult();
        // Served in arrival order: once the third is answered, the second has been handed out or held back.
        harness.Store.Server.Write($"{Requests}/third", """{"name":"echo","value":"third"}"""u8);
        await harness.WaitForResponsesAsync(["first", "third"]);

        Assert.False(harness.Registry.Runs.ContainsKey("second"));
        Assert.Equal(
            ["XenStore request second could not be checked before running (EACCES); not run now, retrying at the next scan"],
            log.At(LogLevel.Warning));

        // Readable again: the change's watch event offers it (the rescan is an hour away), and it runs once.
        harness.Store.Server.SetPermissions($"{Requests}/second", XenStorePermission.Parse("n0"), XenStorePermission.Parse("b7"));
        var responses = await harness.WaitForResponsesAsync(["second"]);

        Assert.Equal($$"""{"returncode":"0","message":"{{Secret}}"}""", responses["second"]);
        Assert.Equal(["first", "third", "second"], harness.Registry.Order);
    }

    // Starts the agent, holds request "first" inside its command (until release) and waits until
    // request "second" has been read and queued behind it. The safety-net rescan is an hour away, so
    // a request the exchange forgets to offer at once stays unserved instead of being rescued by it.
    private static async Task QueueBehindHeldCommandAsync(ExchangeHarness harness, RecordingLogger<XenStoreExchange> log, Task release)
    {
        await harness.StartAgentAsync(logger: log, rescanInterval: TimeSpan.FromHours(1));
        var held = harness.Registry.Hold("first", release);
        harness.Store.Server.Write($"{Requests}/first", """{"name":"echo","value":"first"}"""u8);
        await held;
        harness.Store.Server.Write($"{Requests}/second", System.Text.Encoding.UTF8.GetBytes($$"""{"name":"echo","value":"{{Secret}}"}"""));
        await WaitUntilAsync(() => log.Entries.Any(entry => entry.Message.StartsWith("XenStore request second received", StringComparison.Ordinal)));
    }
}
