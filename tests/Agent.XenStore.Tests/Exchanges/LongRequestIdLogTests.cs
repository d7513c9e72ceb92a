using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.XenStore.Wire;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// The host names a request (up to about 2 KB of path): its lines quote the id's first 128
/// characters and its length, while the answer goes under the whole id.
/// </summary>
public sealed class LongRequestIdLogTests
{
    [Fact]
    public async Task A_long_request_id_is_answered_under_the_whole_id_and_cut_in_the_exchange_s_lines()
    {
        var id = new string('a', 1500);
        await using var harness = new ExchangeHarness();
        harness.Store.Server.Write($"{Requests}/{id}", """{"name":"echo","value":"long"}"""u8);
        var log = new RecordingLogger<XenStoreExchange>(LogLevel.Debug);
        await harness.StartAgentAsync(useWatches: false, logger: log);

        var responses = await harness.WaitForResponsesAsync([id]);

        Assert.Equal("""{"returncode":"0","message":"long"}""", responses[id]);
        var quoted = new string('a', 128) + "…(1500 characters)";
        // The "answered" line follows the write the harness saw: waited for, not raced.
        await WaitUntilAsync(() => log.Entries.Any(entry => entry.Message.StartsWith($"XenStore request {quoted} answered", StringComparison.Ordinal)));
        Assert.Contains(log.Entries, entry => entry.Message.StartsWith($"XenStore request {quoted} received", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, entry => entry.Message.Contains(new string('a', 129), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_long_request_id_is_cut_in_the_line_of_an_answer_that_could_not_be_delivered()
    {
        // Readable by the guest but not removable: the answer is written, the removal refused, and
        // the host loop logs the delivery as failed, quoting the error, whose path ends in the id.
        var id = new string('a', 1500);
        await using var harness = new ExchangeHarness();
        harness.Store.Server.Write($"{Requests}/{id}", """{"name":"echo","value":"long"}"""u8);
        harness.Store.Server.SetPermissions($"{Requests}/{id}", XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7"));
        var hostLog = new RecordingLogger<AgentHost>();
        await harness.StartAgentAsync(useWatches: false, logger: new RecordingLogger<XenStoreExchange>(), hostLogger: hostLog);

        await WaitUntilAsync(() => hostLog.At(LogLevel.Error).Count > 0);

        var quoted = new string('a', 128) + "…(1500 characters)";
        var line = Assert.Single(hostLog.At(LogLevel.Error));
        Assert.StartsWith($"Request {quoted}: response could not be delivered (XenStoreErrorException: ", line, StringComparison.Ordinal);
        Assert.EndsWith("failed: EACCES)", line, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', 129), line, StringComparison.Ordinal);
    }
}
