using System.Text;
using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Protocol.Differential;

/// <summary>
/// A differential fuzz of the request path against the original agent's reader, Python's
/// <c>json.loads</c> (<see cref="PythonJsonOracle"/>): a few thousand seeded mutants of Nova's requests
/// (<see cref="RequestMutants"/>) each get the decision json.loads leads to (malformed, no name, or a
/// name and value), read by <see cref="NovaRequestReader"/> (both its fast scanner and the general
/// path) and answered by <see cref="NovaJsonParser"/>; and every answer must be what Nova's own
/// json.loads reads as the protocol's object, with no escape sequence at all (spec §2.4).
/// Where the agent decides otherwise on purpose, the rule is stated here and in the docs it comes from.
/// </summary>
public sealed class PythonJsonDifferentialTests
{
    private const int Seed = 5620;
    private const int Cases = 3000;

    /// <summary>The names <see cref="RecordingRegistry"/> serves: the commands Nova sends.</summary>
    private static readonly HashSet<string> Served = [.. RequestMutants.NovaRequests.Select(request => request.Name)];

    [Fact]
    public async Task Requests_get_the_decision_json_loads_leads_to_and_every_answer_is_the_escape_free_protocol_object()
    {
        var requests = RequestMutants.Generate(Seed, Cases);
        var verdicts = await PythonJsonOracle.JudgeRequestsAsync(requests);
        var registry = new RecordingRegistry();
        var parser = new NovaJsonParser(registry);

        // Texts for the oracle's second pass: each name that is no string and each value we extracted
        // (to be read as json.loads read them in the request), and each answer we wrote (as Nova reads it).
        var second = new List<byte[]>();
        var checks = new List<Action<ValueVerdict>>();
        var seen = new Dictionary<string, int>();

        for (var index = 0; index < requests.Count; index++)
        {
            var data = requests[index];
            var verdict = verdicts[index];
            var shown = $"case {index} (seed {Seed}) {Show(data)}: json.loads says {verdict}";
            var expected = Expected(verdict);
            var outcome = NovaRequestReader.Read(data, out var nameRange, out var nameIsString, out var nameHasEscapes, out var value);
            Assert.True(expected == outcome, $"{shown}; the agent reads {outcome}, expected {expected}");
            Count(seen, expected.ToString());
            Count(seen, verdict.Kind);

            registry.Last = null;
            var answer = (await parser.ParseRequestAsync(new AgentRequest("fuzz", data, new ExchangeSession()), TestContext.Current.CancellationToken)).ToUtf8Json();
            CheckWire(answer, shown);
            var dispatched = registry.Last;
            second.Add(answer);
            checks.Add(wire => CheckAnswer(wire, expected, verdict, dispatched, shown));
            if (expected != NovaRequestReader.Outcome.Ok)
            {
                Assert.Null(dispatched);
                continue;
            }

            var name = NovaRequestReader.NameBytes(data, nameRange, nameHasEscapes).ToArray();
            if (verdict.Name is { } pythonName)
            {
                Assert.True(nameIsString, $"{shown}; the agent reads a name that is no string");
                if (verdict.NameIsText)
                {
                    Assert.True(Convert.FromHexString(pythonName).AsSpan().SequenceEqual(name), $"{shown}; the agent reads the name {Show(name)}");
                    Count(seen, nameHasEscapes ? "escaped name" : "plain name");
                }
                else
                {
                    // NovaRequestReader.NameBytes: a name whose escapes encode no text (a lone surrogate)
                    // is kept as written, so it names no command (json.loads's name names none either).
                    Assert.Contains((byte)'\\', name);
                    Count(seen, "lone surrogate name");
                }

                var served = verdict.NameIsText && Served.Contains(Encoding.UTF8.GetString(Convert.FromHexString(pythonName)));
                Assert.True(served == dispatched is not null, $"{shown}; dispatched: {dispatched is not null}");
                Count(seen, served ? "served" : "unknown");
            }
            else
            {
                Assert.False(nameIsString, $"{shown}; the agent reads a string name");
                Assert.Null(dispatched);
                second.Add(data[nameRange]);
                checks.Add(json => Assert.True(json.Canonical == verdict.NameJson, $"{shown}; the agent reads the name {Show(data[nameRange])}, which json.loads reads as {json}"));
                Count(seen, "name that is no string");
            }

            if (dispatched is not null)
            {
                Assert.Equal(value.ToArray(), dispatched.Value);
            }

            second.Add(value.ToArray());
            checks.Add(json => Assert.True(json.Canonical == verdict.Value, $"{shown}; the agent reads the value {Show(value.Span)}, which json.loads reads as {json}"));
        }

        var judged = await PythonJsonOracle.JudgeValuesAsync(second);
        for (var index = 0; index < judged.Count; index++)
        {
            checks[index](judged[index]);
        }

        // Each kind of case occurred often enough for its comparison to mean something.
        foreach (var kind in new[] { "Malformed", "TooDeep", "MissingName", "Ok", "ok", "constant", "not-object", "malformed", "served", "unknown", "escaped name", "plain name", "lone surrogate name", "name that is no string" })
        {
            Assert.True(seen.GetValueOrDefault(kind) >= 20, $"only {seen.GetValueOrDefault(kind)} cases of '{kind}': {string.Join(", ", seen)}");
        }
    }

    /// <summary>
    /// What the agent must decide for what json.loads made of a request. Three documented choices differ
    /// from json.loads itself: a request nesting deeper than 64 levels before json.loads stopped reading
    /// is refused as too deep (commands.md, "Request depth"), and a text json.loads reads only thanks to a
    /// NaN or Infinity literal, which JSON does not have, is malformed (commands.md, "Request syntax"); a
    /// top-level value that is no object is malformed too (nova-compliance.md).
    /// </summary>
    private static NovaRequestReader.Outcome Expected(RequestVerdict verdict) => verdict switch
    {
        { Object: true, Depth: > NovaRequestReader.MaxDepth } => NovaRequestReader.Outcome.TooDeep,
        { Kind: "malformed" or "constant" or "not-object" } => NovaRequestReader.Outcome.Malformed,
        { Kind: "missing" } => NovaRequestReader.Outcome.MissingName,
        { Kind: "ok" } => NovaRequestReader.Outcome.Ok,
        _ => throw new InvalidOperationException($"the oracle said {verdict}"),
    };

    /// <summary>The protocol's own rules for the bytes of an answer (spec §2.4): printable ASCII, no backslash at all, within 1 KiB.</summary>
    private static void CheckWire(byte[] answer, string shown)
    {
        Assert.True(answer.Length <= ResponseWriter.MaxResponseBytes, $"{shown}; an answer of {answer.Length} bytes");
        Assert.True(answer.All(b => b is >= 0x20 and < 0x7F and not (byte)'\\'), $"{shown}; the answer {Show(answer)}");
    }

    /// <summary>The answer as Nova's json.loads reads it: exactly returncode and message, both strings, with the decision's code and text.</summary>
    private static void CheckAnswer(ValueVerdict wire, NovaRequestReader.Outcome expected, RequestVerdict verdict, Dispatch? dispatched, string shown)
    {
        Assert.True(wire is { Kind: "ok", Keys: """["returncode","message"]""", Strings: true }, $"{shown}; Nova's json.loads reads the answer as {wire}");
        var text = wire.Canonical!;
        var (code, message) = expected switch
        {
            NovaRequestReader.Outcome.Malformed => ("500", ProtocolMessages.Malformed),
            NovaRequestReader.Outcome.TooDeep => ("500", ProtocolMessages.TooDeep),
            NovaRequestReader.Outcome.MissingName => ("500", ProtocolMessages.MissingName),
            _ when dispatched is not null => ("0", null),
            _ => ("404", "No such agent command '"),
        };
        Assert.True(text.StartsWith($$"""{"returncode":"{{code}}","message":"{{message}}""", StringComparison.Ordinal), $"{shown}; the answer {text}");
        if (message is null || code == "404")
        {
            return;
        }

        Assert.True(text == $$"""{"returncode":"{{code}}","message":"{{message}}"}""", $"{shown}; the answer {text} for {verdict.Kind}");
    }

    private static void Count(Dictionary<string, int> seen, string kind) => seen[kind] = seen.GetValueOrDefault(kind) + 1;

    /// <summary>Bytes as C# would write them: printable ASCII as itself, anything else escaped.</summary>
    private static string Show(ReadOnlySpan<byte> bytes)
    {
        var shown = new StringBuilder(bytes.Length + 2).Append('`');
        foreach (var b in bytes[..Math.Min(bytes.Length, 300)])
        {
            shown.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return shown.Append(bytes.Length > 300 ? $"…` ({bytes.Length} bytes)" : "`").ToString();
    }

    private sealed record Dispatch(string Name, byte[] Value);

    /// <summary>Serves the Nova commands, each answering with its value's text (so that whatever bytes a value holds reach the response writer), and records the last dispatch.</summary>
    private sealed class RecordingRegistry : ICommandRegistry
    {
        public Dispatch? Last { get; set; }

        public IReadOnlyList<CommandDescriptor> Commands => [];

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
        {
            var name = Encoding.UTF8.GetString(utf8Name);
            if (!Served.Contains(name))
            {
                result = default;
                return false;
            }

            Last = new Dispatch(name, value.ToArray());
            result = new(CommandResult.Ok(Encoding.UTF8.GetString(value.Span)));
            return true;
        }
    }
}
