using GuestAgent.Exchanges;
using GuestAgent.Testing;
using GuestAgent.XenStore.Wire;
using Microsoft.Extensions.Logging;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>A request that fails at every scan is warned about once, and its recovery logged once.</summary>
public sealed class RepeatedRequestFailureTests
{
    [Fact]
    public async Task A_request_the_guest_cannot_read_is_warned_about_once_not_at_every_scan()
    {
        await using var harness = new ExchangeHarness();
        harness.Store.Server.Write($"{Requests}/hidden", """{"name":"echo","value":"h"}"""u8);
        harness.Store.Server.SetPermissions($"{Requests}/hidden", XenStorePermission.Parse("n0"));
        var log = new RecordingLogger<XenStoreExchange>();
        await harness.StartAgentAsync(useWatches: false, logger: log);

        // Polling: every scan tries it again.
        await WaitUntilAsync(() => Repeats(log) >= 5);
        Assert.Equal(["XenStore request hidden could not be handled (EACCES); retrying at every scan (repeats are logged at debug level)"], log.At(LogLevel.Warning));

        // Made readable (and removable) by the guest: served, and the end of the failures logged once.
        harness.Store.Server.SetPermissions($"{Requests}/hidden", XenStorePermission.Parse("n7"));
        var responses = await harness.WaitForResponsesAsync(["hidden"]);

        Assert.Equal("""{"returncode":"0","message":"h"}""", responses["hidden"]);
        // The pump logs the recovery once its offer returns, and a worker may answer the queued request before that.
        static bool IsRecovery(string message) => message.StartsWith("XenStore request hidden no longer fails", StringComparison.Ordinal);
        await WaitUntilAsync(() => log.At(LogLevel.Information).Any(IsRecovery));
        var recovered = Assert.Single(log.At(LogLevel.Information), IsRecovery);
        Assert.Matches(@"^XenStore request hidden no longer fails \(it failed \d+ times\)$", recovered);
        Assert.Single(log.At(LogLevel.Warning));
    }

    [Fact]
    public async Task A_request_answered_but_not_removable_is_replayed_quietly_after_the_first_warning()
    {
        await using var harness = new ExchangeHarness();
        await harness.AnswerThenRewindAsync("stuck", """{"name":"echo","value":"s"}""");
        // Readable, not removable by the guest: every scan replays its journaled answer and fails to remove it.
        harness.Store.Server.SetPermissions($"{Requests}/stuck", XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7"));
        var log = new RecordingLogger<XenStoreExchange>();

        await harness.StartAgentAsync(useWatches: false, logger: log);
        await WaitUntilAsync(() => Repeats(log) >= 5);

        Assert.Equal(["XenStore request stuck could not be handled (EACCES); retrying at every scan (repeats are logged at debug level)"], log.At(LogLevel.Warning));
        Assert.Single(log.At(LogLevel.Information), message => message.StartsWith("XenStore request stuck was already answered", StringComparison.Ordinal));
        Assert.Equal(1, harness.Registry.Runs["stuck"]);
    }

    private static int Repeats(RecordingLogger<XenStoreExchange> log) =>
        log.At(LogLevel.Debug).Count(message => message.Contains("could not be handled again (EACCES", StringComparison.Ordinal));
}
