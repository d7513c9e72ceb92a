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

    [Fact]
    public async Task A_torn_last_line_that_still_parses_is_never_replayed_its_request_runs_again_whole()
    {
        // A crash or a full disk mid-append, cut at a multiple of four base64 characters: what is left
        // decodes (to the answer's first bytes), so only the missing newline tells it was cut. The
        // answer was never delivered (the journal line comes first), the request still waits, and it
        // must run again and be answered whole, not replayed as a fragment of JSON.
        await using var harness = new ExchangeHarness();
        const string Request = """{"name":"echo","value":"an answer cut short"}""";
        await harness.StartAgentAsync();
        harness.Store.Server.Write($"{Requests}/cut", System.Text.Encoding.UTF8.GetBytes(Request));
        await harness.WaitForResponsesAsync(["cut"]);
        await harness.StopAgentAsync();
        var journal = harness.State.Combine("xenstore-journal");
        var lines = await File.ReadAllLinesAsync(journal);
        var fields = lines[^1].Split('\t');
        Assert.Equal("cut", fields[0]);
        await File.WriteAllTextAsync(journal, string.Concat(lines[..^1].Select(line => line + "\n")) + $"cut\t{fields[1]}\t{fields[2][..8]}");
        Assert.Equal("{\"retu", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(fields[2][..8])));
        harness.Store.Server.Remove($"{Responses}/cut");
        harness.Store.Server.Write($"{Requests}/cut", System.Text.Encoding.UTF8.GetBytes(Request));

        await harness.StartAgentAsync();
        var responses = await harness.WaitForResponsesAsync(["cut"]);

        Assert.Equal("""{"returncode":"0","message":"an answer cut short"}""", responses["cut"]);
        Assert.Equal(2, harness.Registry.Runs["cut"]);
        Assert.Equal(0, harness.Exchange!.AnsweredFromJournal);
    }
}
