using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.NovaHost;
using GuestAgent.Daemon.Verbs;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.NovaHost.Differential;

/// <summary>
/// A differential fuzz of the daemon's Nova-side reading of answers against Nova's own
/// (<see cref="NovaAnswerOracle"/>: the real <c>xenstore-read</c>, then Python): a few thousand seeded
/// answers (<see cref="AnswerMutants"/>) are read by <see cref="NovaAgentCall"/> from an embedded
/// XenStore as <c>call</c> and <c>set-password</c> read them, and everything they conclude must be
/// what Nova concludes: the text (<see cref="XenStoreReadText"/>, stripped), whether it is JSON
/// (<see cref="PrintableAnswer"/>), the returncode and message (<see cref="AgentResponseReader"/>) and
/// whether <c>call</c> exits 0 (<see cref="CallVerb.Succeeded"/>). NovaReadingTests holds the
/// hand-picked cases; this finds the ones nobody picked. One difference is the daemon's on purpose
/// (docs/daemon.md, <c>call</c>): an answer nested deeper than <see cref="DeepestRead"/>
/// levels is not JSON to it, where Python reads on until it runs out of recursion, at a depth that
/// depends on its version and on how deep in its stack Nova's plugin calls json.loads.
/// </summary>
public sealed class NovaAnswerDifferentialTests
{
    private const int Seed = 5656;
    private const int Cases = 3000;
    private const int DomainId = 5;

    /// <summary>The deepest nesting the daemon reads as JSON, as docs/daemon.md states it (stated here, not taken from the code, so that a change to it fails).</summary>
    private const int DeepestRead = 900;

    [Fact]
    public async Task Every_answer_reads_as_nova_reads_it_through_xenstore_read_and_python()
    {
        var answers = AnswerMutants.Generate(Seed, Cases);
        var verdicts = await NovaAnswerOracle.JudgeAsync(answers);
        var seen = new Dictionary<string, int>();

        using var directory = new TemporaryDirectory();
        await using var server = new XenStoreServer();
        server.Listen(directory.Combine("xs.sock"));
        server.CreateGuestDomain(DomainId);
        await using var client = await XenStoreClient.ConnectAsync(directory.Combine("xs.sock"), TestContext.Current.CancellationToken);
        var call = new NovaAgentCall(client, DomainId);

        for (var index = 0; index < answers.Count; index++)
        {
            var data = answers[index];
            var verdict = verdicts[index];
            var shown = $"case {index} (seed {Seed}) {Convert.ToHexString(data)}: Nova reads {verdict}";

            // The escaping, byte for byte as the real tool prints it.
            Assert.True(verdict.Printed == XenStoreReadText.Of(data), $"{shown}; we print {XenStoreReadText.Of(data)}");

            // The text call hands on, read from XenStore as call reads it: the answer is there before
            // the request, so the first read finds it.
            var id = $"fuzz-{index}";
            server.Write($"/local/domain/{DomainId}/data/guest/{id}", data);
            var text = await call.SendAsync("version", "\"\"", TimeSpan.FromMinutes(1), id, TestContext.Current.CancellationToken);
            Assert.True(verdict.Text == text, $"{shown}; we read {text}");

            // Beyond the daemon's bound the answer is not JSON to it, whatever Python makes of it;
            // within it, Python must read as deep (it gives up past 990 levels or so).
            var deep = verdict.Depth > DeepestRead;
            Assert.True(deep || verdict.Json != "recursion", $"{shown}; Python gave up within {DeepestRead} levels");
            var printed = CheckJson(deep ? "no" : verdict.Json, text, shown);
            CheckReading(deep ? null : verdict, text, shown);

            // call's exit code: 0 exactly when Nova's _call_agent returns (success code '0', or
            // keyinit's 'D0', and a string message, which it calls replace on).
            var novaSucceeds = !deep && verdict.Code is "0" or "D0" && verdict.Message is not null;
            var weSucceed = printed && CallVerb.Succeeded(text);
            Assert.True(novaSucceeds == weSucceed, $"{shown}; call exits {(weSucceed ? 0 : 1)}");

            Count(seen, deep ? "deeper than we read" : "json " + verdict.Json);
            Count(seen, verdict.Code is null ? "no code" : verdict.Message is null ? "code without message" : novaSucceeds ? "success" : "error answer");
            Count(seen, verdict.Printed.Contains('\\', StringComparison.Ordinal) ? "escaped" : "printed as stored");
            Count(seen, verdict.Printed.Length != verdict.Text.Length ? "stripped" : "nothing stripped");
        }

        // The fuzz reaches every outcome, each many times: a generator that stopped producing one
        // would otherwise leave that comparison unexercised while the test still passed.
        foreach (var outcome in new[]
        {
            "json yes", "json no", "deeper than we read", "no code", "code without message", "success", "error answer",
            "escaped", "printed as stored", "stripped", "nothing stripped",
        })
        {
            Assert.True(seen.GetValueOrDefault(outcome) >= 10, $"only {seen.GetValueOrDefault(outcome)} cases of '{outcome}': {string.Join(", ", seen)}");
        }
    }

    /// <summary>JSON exactly when Python reads it (<paramref name="json"/>); printed as Nova gets it, or refused showing it so. Whether it was printed.</summary>
    private static bool CheckJson(string json, string text, string shown)
    {
        string? printed = null;
        string? refusal = null;
        try
        {
            printed = PrintableAnswer.Of(text);
        }
        catch (DaemonException exception)
        {
            refusal = exception.Message;
        }

        if (json == "yes")
        {
            // Nova gets printable ASCII only: printed byte for byte.
            Assert.True(printed == text, $"{shown}; we print {printed ?? "nothing: " + refusal}");
        }
        else
        {
            Assert.True(refusal == "the agent's answer is not valid JSON: " + text, $"{shown}; we print {printed}, refusal {refusal}");
        }

        return printed is not null;
    }

    /// <summary>The returncode and message Nova gets, or none where Nova fails on them.</summary>
    private static void CheckReading(NovaVerdict? verdict, string text, string shown)
    {
        (string ReturnCode, string Message)? read = null;
        try
        {
            read = AgentResponseReader.Read(text);
        }
        catch (DaemonException)
        {
        }

        var expected = verdict is { Code: { } code, Message: { } message } ? (code, message) : ((string, string)?)null;
        Assert.True(expected == read, $"{shown}; we read {read?.ToString() ?? "nothing"}");
    }

    private static void Count(Dictionary<string, int> seen, string key) => seen[key] = seen.GetValueOrDefault(key) + 1;
}
