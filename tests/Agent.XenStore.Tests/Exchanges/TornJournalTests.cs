using GuestAgent.Exchanges;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// A journal whose last line was cut short (a crash, a power cut or a full disk mid-append) must
/// not swallow the entry written after it: that request, seen again after a later crash, is
/// answered from the journal, not run twice.
/// </summary>
public sealed class TornJournalTests
{
    [Fact]
    public async Task A_request_answered_after_a_torn_journal_line_is_replayed_not_run_again_after_a_restart()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync();
        harness.Store.Server.Write($"{Requests}/before", """{"name":"echo","value":"answered before the crash"}"""u8);
        await harness.WaitForResponsesAsync(["before"]);
        await harness.StopAgentAsync();
        var journal = harness.State.Combine("xenstore-journal");
        using (var stream = new FileStream(journal, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(stream.Length - 10);
        }

        var log = new RecordingLogger<XenStoreExchange>();
        await harness.StartAgentAsync(logger: log);
        const string Request = """{"name":"echo","value":"must run once"}""";
        harness.Store.Server.Write($"{Requests}/torn1", System.Text.Encoding.UTF8.GetBytes(Request));
        await harness.WaitForResponsesAsync(["torn1"]);
        await harness.StopAgentAsync();

        // As after a crash between answering and removing: the request back, the response gone.
        harness.Store.Server.Remove($"{Responses}/torn1");
        harness.Store.Server.Write($"{Requests}/torn1", System.Text.Encoding.UTF8.GetBytes(Request));
        await harness.StartAgentAsync();
        var responses = await harness.WaitForResponsesAsync(["torn1"]);

        Assert.Equal("""{"returncode":"0","message":"must run once"}""", responses["torn1"]);
        Assert.Equal(1, harness.Registry.Runs["torn1"]);
        Assert.Equal(1, harness.Exchange!.AnsweredFromJournal);
        Assert.Contains(log.At(LogLevel.Warning), message => message.StartsWith("XenStore journal: 1 damaged line(s) dropped", StringComparison.Ordinal));
        Assert.All(await File.ReadAllLinesAsync(journal), line => Assert.DoesNotContain("before", line, StringComparison.Ordinal));
    }
}
