using GuestAgent.Exchanges;
using GuestAgent.Testing;
using GuestAgent.XenStore.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// A journal that cannot be used at start (the state directory cannot be made, a read-only or full
/// /var after a reboot) must not keep the agent from serving: that is exactly when the operator
/// needs a password or network reset.
/// </summary>
public sealed class UnusableJournalTests
{
    [Fact]
    public async Task A_state_directory_that_cannot_be_created_does_not_stop_the_agent()
    {
        await using var harness = new ExchangeHarness();
        // A regular file where a directory of the path should be: mkdir fails even for root.
        var blocker = harness.State.Combine("not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file");
        await harness.StartAgentAsync(stateDirectory: Path.Combine(blocker, "state"));
        harness.Store.Server.Write($"{Requests}/served", """{"name":"echo","value":"served"}"""u8);

        var responses = await harness.WaitForResponsesAsync(["served"]);

        Assert.Equal("""{"returncode":"0","message":"served"}""", responses["served"]);
        Assert.Equal("a file", await File.ReadAllTextAsync(blocker));
    }

    [Fact]
    public async Task Without_its_file_the_journal_still_answers_a_request_seen_again_in_the_same_run()
    {
        await using var harness = new ExchangeHarness();
        var blocker = harness.State.Combine("not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file");
        await harness.StartAgentAsync(stateDirectory: Path.Combine(blocker, "state"));
        const string Request = """{"name":"echo","value":"once"}""";
        harness.Store.Server.Write($"{Requests}/again", System.Text.Encoding.UTF8.GetBytes(Request));
        await harness.WaitForResponsesAsync(["again"]);

        // As after a crash between answering and removing: the request back, the response gone.
        harness.Store.Server.Remove($"{Responses}/again");
        harness.Store.Server.Write($"{Requests}/again", System.Text.Encoding.UTF8.GetBytes(Request));
        var responses = await harness.WaitForResponsesAsync(["again"]);

        Assert.Equal("""{"returncode":"0","message":"once"}""", responses["again"]);
        Assert.Equal(1, harness.Registry.Runs["again"]);
        Assert.Equal(1, harness.Exchange!.AnsweredFromJournal);
    }

    [Fact]
    public async Task A_directory_where_the_journal_file_should_be_does_not_stop_the_agent()
    {
        await using var harness = new ExchangeHarness();
        Directory.CreateDirectory(harness.State.Combine("xenstore-journal", "inside"));
        await harness.StartAgentAsync();
        harness.Store.Server.Write($"{Requests}/served", """{"name":"echo","value":"served"}"""u8);

        var responses = await harness.WaitForResponsesAsync(["served"]);

        Assert.Equal("""{"returncode":"0","message":"served"}""", responses["served"]);
        Assert.True(Directory.Exists(harness.State.Combine("xenstore-journal", "inside")));
    }

    [Fact]
    public async Task A_journal_that_loads_but_cannot_be_written_logs_one_error_not_one_per_request()
    {
        // A restart in the same boot with /var gone read-only or full: the journal file is there and
        // loads, only appending fails. Here the state directory is swapped for a file after the start.
        await using var harness = new ExchangeHarness();
        var state = harness.State.Combine("state");
        await harness.StartAgentAsync(stateDirectory: state);
        harness.Store.Server.Write($"{Requests}/before", """{"name":"echo","value":"before"}"""u8);
        await harness.WaitForResponsesAsync(["before"]);
        await harness.StopAgentAsync();
        Assert.True(File.Exists(Path.Combine(state, "xenstore-journal")));
        var log = new RecordingLogger<XenStoreExchange>();
        await harness.StartAgentAsync(stateDirectory: state, logger: log);
        Directory.Move(state, harness.State.Combine("moved"));
        await File.WriteAllTextAsync(state, "a file");

        string[] ids = ["r1", "r2", "r3", "r4", "r5"];
        foreach (var id in ids)
        {
            harness.Store.Server.Write($"{Requests}/{id}", System.Text.Encoding.UTF8.GetBytes($$"""{"name":"echo","value":"{{id}}"}"""));
        }

        var responses = await harness.WaitForResponsesAsync(ids);
        // As after a crash between answering and removing: answered from memory, not run again.
        harness.Store.Server.Remove($"{Responses}/r3");
        harness.Store.Server.Write($"{Requests}/r3", """{"name":"echo","value":"r3"}"""u8);
        var again = await harness.WaitForResponsesAsync(["r3"]);

        Assert.All(ids, id => Assert.Equal($$"""{"returncode":"0","message":"{{id}}"}""", responses[id]));
        Assert.Equal("""{"returncode":"0","message":"r3"}""", again["r3"]);
        Assert.Equal(1, harness.Registry.Runs["r3"]);
        var error = Assert.Single(log.At(LogLevel.Error));
        Assert.Contains("keeping answers in memory only until it can be written again", error, StringComparison.Ordinal);
    }
    [Fact]
    public async Task A_journal_that_could_not_be_written_is_written_again_once_it_can_be_with_the_answers_kept_meanwhile()
    {
        // A full /var, or no descriptor left, passes: the answers given meanwhile and after must reach
        // the file again, or a restart later in this boot would run their requests a second time.
        await using var harness = new ExchangeHarness();
        var state = harness.State.Combine("state");
        var log = new RecordingLogger<XenStoreExchange>();
        await harness.StartAgentAsync(stateDirectory: state, logger: log);
        harness.Store.Server.Write($"{Requests}/before", """{"name":"echo","value":"before"}"""u8);
        await harness.WaitForResponsesAsync(["before"]);
        var moved = harness.State.Combine("moved");
        Directory.Move(state, moved);
        await File.WriteAllTextAsync(state, "a file");
        harness.Store.Server.Write($"{Requests}/during", """{"name":"echo","value":"during"}"""u8);
        await harness.WaitForResponsesAsync(["during"]);

        File.Delete(state);
        Directory.Move(moved, state);
        harness.Store.Server.Write($"{Requests}/after", """{"name":"echo","value":"after"}"""u8);
        await harness.WaitForResponsesAsync(["after"]);
        harness.Store.Server.Write($"{Requests}/later", """{"name":"echo","value":"later"}"""u8);
        await harness.WaitForResponsesAsync(["later"]);
        await harness.StopAgentAsync();

        var ids = File.ReadAllLines(Path.Combine(state, "xenstore-journal")).Select(line => line.Split('\t')[0]).ToArray();
        Assert.Equal(["boot", "before", "during", "after", "later"], ids);
        Assert.Single(log.At(LogLevel.Error));
        // Said once, by the answer that wrote it again: not by every answer after, nor by one before the failure.
        Assert.Single(log.At(LogLevel.Information), line => line.Contains("is written again", StringComparison.Ordinal));
        Assert.Contains(log.At(LogLevel.Information), line => line.Contains("XenStore request after: the response journal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_journal_write_that_fails_is_logged_with_the_file_and_the_system_reason()
    {
        // The operator reading this error must learn which file could not be written and why (a
        // read-only or full /var), not only an exception type.
        await using var harness = new ExchangeHarness();
        var state = harness.State.Combine("state");
        await harness.StartAgentAsync(stateDirectory: state);
        harness.Store.Server.Write($"{Requests}/before", """{"name":"echo","value":"before"}"""u8);
        await harness.WaitForResponsesAsync(["before"]);
        await harness.StopAgentAsync();
        var log = new RecordingLogger<XenStoreExchange>();
        await harness.StartAgentAsync(stateDirectory: state, logger: log);
        Directory.Move(state, harness.State.Combine("moved"));
        await File.WriteAllTextAsync(state, "a file");

        harness.Store.Server.Write($"{Requests}/after", """{"name":"echo","value":"after"}"""u8);
        var responses = await harness.WaitForResponsesAsync(["after"]);

        Assert.Equal("""{"returncode":"0","message":"after"}""", responses["after"]);
        var error = Assert.Single(log.At(LogLevel.Error));
        Assert.Contains($"the response journal {Path.Combine(state, "xenstore-journal")} could not be written", error, StringComparison.Ordinal);
        // The system's reason follows the exception type: appending under a path whose directory is
        // now a regular file fails with ENOTDIR, which .NET reports as a missing part of the path.
        Assert.Matches(@"could not be written \((DirectoryNotFoundException|IOException): [^)]*xenstore-journal", error);
    }
}
