using GuestAgent.Exchanges;
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
        Assert.Contains(log.Entries, entry => entry.Message.StartsWith($"XenStore request {quoted} received", StringComparison.Ordinal));
        Assert.Contains(log.Entries, entry => entry.Message.StartsWith($"XenStore request {quoted} answered", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, entry => entry.Message.Contains(new string('a', 129), StringComparison.Ordinal));
    }
}
