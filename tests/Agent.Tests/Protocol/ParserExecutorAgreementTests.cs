using System.Diagnostics.CodeAnalysis;
using System.Text;
using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Protocol;

/// <summary>
/// <see cref="NovaJsonParser"/> writes out the dispatch steps of <see cref="CommandExecutor"/> rather
/// than calling them (a measured cost, see NovaJsonParser's remarks). This keeps the two copies from
/// drifting: the same request through either gives the same return code, message, session binding
/// and log lines, for every kind of outcome, with logging on (the slow path), off (the fast one), and
/// at Warning, the fast path that must still log every error answer.
/// </summary>
public sealed class ParserExecutorAgreementTests
{
    public static TheoryData<string, LogLevel> Cases()
    {
        var data = new TheoryData<string, LogLevel>();
        foreach (var name in new[] { "ok", "ok-later", "refused-result", "unknown", "off", "binding", "command-exception", "throws", "throws-later", "cancelled", "own-cancellation", "default-result", "missing-service" })
        {
            data.Add(name, LogLevel.Trace);
            data.Add(name, LogLevel.Warning);
            data.Add(name, LogLevel.None);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_parser_and_the_executor_answer_and_log_alike(string name, LogLevel minimum)
    {
        using var cancelled = new CancellationTokenSource();
        var token = name == "cancelled" ? cancelled.Token : TestContext.Current.CancellationToken;
        await cancelled.CancelAsync();

        var parserLog = new RecordingLogger<NovaJsonParser>(minimum);
        var parserRequest = new AgentRequest("r1", Encoding.UTF8.GetBytes($$"""{"name":"{{name}}","value":""}"""), new ExchangeSession());
        var fromParser = await new NovaJsonParser(Registry(), logger: parserLog).ExecuteAsync(parserRequest, token);

        var executorLog = new RecordingLogger<NovaJsonParser>(minimum);
        var executorRequest = new AgentRequest("r1", null, new ExchangeSession());
        var fromExecutor = await new CommandExecutor(Registry(), logger: executorLog).ExecuteAsync(Encoding.UTF8.GetBytes(name), "\"\""u8.ToArray(), executorRequest, token);

        Assert.Equal(fromExecutor.ReturnCode, fromParser.ReturnCode);
        Assert.Equal(fromExecutor.Message, fromParser.Message);
        var bound = executorRequest.Session.TakeAnswerBinding("r1");
        Assert.Equal(bound, parserRequest.Session.TakeAnswerBinding("r1"));
        // Only an answer the caller's token cut off is kept from a journal's replay.
        Assert.Equal(ExpectedKind(name) == CommandOutcomeKind.Cancelled, bound);
        Assert.Equal(executorLog.Entries.Select(entry => (entry.Level, entry.Message)), parserLog.Entries.Select(entry => (entry.Level, entry.Message)));
        // The cases do what they are named for (so that the agreement is not between two empty answers).
        Assert.Equal(ExpectedKind(name), fromExecutor.Kind);
        // At Warning only the answers that are not a success show.
        var logged = minimum switch
        {
            LogLevel.None => false,
            LogLevel.Warning => ExpectedKind(name) != CommandOutcomeKind.Succeeded,
            _ => true,
        };
        Assert.Equal(logged, parserLog.Entries.Any(entry => entry.Message.Contains("r1", StringComparison.Ordinal)));
    }

    private static CommandOutcomeKind ExpectedKind(string name) => name switch
    {
        "ok" or "ok-later" => CommandOutcomeKind.Succeeded,
        "unknown" => CommandOutcomeKind.NotFound,
        "off" => CommandOutcomeKind.Disabled,
        "binding" => CommandOutcomeKind.InvalidValue,
        "refused-result" or "command-exception" => CommandOutcomeKind.Refused,
        "cancelled" => CommandOutcomeKind.Cancelled,
        "missing-service" => CommandOutcomeKind.MissingService,
        _ => CommandOutcomeKind.Failed,
    };

    private static DisablingRegistry Registry() => new(new FakeRegistry()
        .Add("ok", (_, _) => new(CommandResult.Ok("fine")))
        .Add("ok-later", async (_, _) =>
        {
            await Task.Yield();
            return CommandResult.Ok("fine later");
        })
        .Add("refused-result", (_, _) => new(new CommandResult("404", "no such thing")))
        .Add("binding", (_, _) => new(BindingErrors.Result(BindingErrors.ExpectedObject("binding"))))
        .Add("command-exception", (_, _) => throw new CommandException("not now", "409"))
        .Add("throws", (_, _) => throw new InvalidOperationException("secret detail"))
        .Add("throws-later", async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("secret detail");
        })
        .Add("cancelled", async (_, context) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
            return CommandResult.Ok("never");
        })
        // A cancellation of the command's own (a timeout it set itself) while the caller's token is live: a failure.
        .Add("own-cancellation", async (_, _) =>
        {
            using var own = new CancellationTokenSource();
            await own.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, own.Token);
            return CommandResult.Ok("never");
        })
        .Add("default-result", (_, _) => new(default(CommandResult)))
        .Add("missing-service", (_, _) => new(CommandResult.Ok(BindingErrors.MissingService("GuestAgent.Tests.SomeCommands", "GuestAgent.Tests.ISomeService")))));

    /// <summary>The fake registry, with the command <c>off</c> known but turned off by configuration.</summary>
    private sealed class DisablingRegistry(FakeRegistry inner) : ICommandRegistry, IDisabledCommands
    {
        public IReadOnlyList<CommandDescriptor> Commands => inner.Commands;

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result) =>
            inner.TryDispatch(utf8Name, value, invocation, out result);

        public bool IsDisabled(ReadOnlySpan<byte> utf8Name, [NotNullWhen(true)] out string? howToEnable)
        {
            howToEnable = utf8Name.SequenceEqual("off"u8) ? "set enableOff" : null;
            return howToEnable is not null;
        }
    }
}
