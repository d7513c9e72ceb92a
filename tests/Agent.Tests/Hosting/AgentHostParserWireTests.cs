using System.Text;
using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// A parser owns its wire format: the host passes its pre-rendered answers through untouched, and a
/// parser that throws is answered with the parser's own failure response, not Nova's text.
/// </summary>
public sealed class AgentHostParserWireTests
{
    private static async Task<AgentResponse> ServeOneAsync(IParser parser, string request, ILogger<AgentHost>? logger = null)
    {
        await using var exchange = new InMemoryExchange();
        var host = new AgentHost(logger: logger).Register(exchange, parser);
        var running = host.RunAsync(TestContext.Current.CancellationToken);
        var response = await exchange.SendAsync(request, "r1", TestContext.Current.CancellationToken);
        exchange.Complete();
        await running;
        return response;
    }

    [Fact]
    public async Task A_pre_rendered_answer_reaches_the_exchange_byte_for_byte_and_keeps_its_session_binding()
    {
        var parser = new DelegateParser(request =>
        {
            // As CommandExecutor does for a command cut off by shutdown.
            request.Session.BindAnswer(request.Id);
            return AgentResponse.FromWire("{\"return\":\"caf\u00e9 \\\"q\\\"\"}\n"u8.ToArray(), "0", "café \"q\"");
        });

        var response = await ServeOneAsync(parser, "anything");

        Assert.Equal("{\"return\":\"caf\u00e9 \\\"q\\\"\"}\n"u8.ToArray(), response.ToUtf8Json());
        Assert.True(response.BoundToSession);
        Assert.Equal(("0", "café \"q\""), (response.ReturnCode, response.Message));
    }

    [Fact]
    public async Task A_throwing_parser_is_answered_with_its_own_failure_response()
    {
        var logger = new RecordingLogger<AgentHost>();
        var parser = new DelegateParser(
            _ => throw new InvalidOperationException("secret detail"),
            failure: (request, exception) => AgentResponse.FromWire(Encoding.UTF8.GetBytes($"{{\"error\":\"{request.Id} {exception.GetType().Name}\"}}"), "500", "internal"));

        var response = await ServeOneAsync(parser, "anything", logger);

        Assert.Equal("""{"error":"r1 InvalidOperationException"}""", response.ToJson());
        Assert.Equal(["Request r1: the parser failed with InvalidOperationException; answering with an internal error"], logger.At(LogLevel.Error));
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_parser_cut_off_by_the_shutdown_is_answered_with_a_failure_bound_to_the_session_so_no_journal_replays_it()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var parser = new CancellableParser(started);
        var logger = new RecordingLogger<AgentHost>();
        await using var exchange = new InMemoryExchange();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.Zero }, logger).Register(exchange, parser);
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        // Without a token of its own, the task is the answer's: complete as soon as it is delivered.
#pragma warning disable xUnit1051 // No token on purpose (above); the safety net bounds the waits instead.
        var answer = exchange.SendAsync("anything", "r1");
#pragma warning restore xUnit1051
        await started.Task.WaitAsync(TestContext.Current.CancellationToken);

        await stop.CancelAsync();
        await running.WithinSafetyNet();
        // The host returns once the answer is delivered; one that gave up on it instead (a delivery
        // deadline at the command's) may have left the parser never cancelled and the answer never given.
        Assert.True(answer.IsCompletedSuccessfully, "the host returned without delivering the answer");
        var response = await answer;

        Assert.Equal("""{"returncode":"500","message":"Internal error with request"}""", response.ToJson());
        Assert.True(response.BoundToSession);
        // The stop did it, not a bug in the parser: a warning, as a command cut off by the stop is.
        Assert.Empty(logger.At(LogLevel.Error));
        Assert.Contains("Request r1: the parser was cut off by the shutdown; answering with an internal error", logger.At(LogLevel.Warning));
    }

    [Fact]
    public async Task A_parser_failing_with_a_cancellation_of_its_own_is_answered_unbound()
    {
        var response = await ServeOneAsync(new DelegateParser(_ => throw new OperationCanceledException(), failure: (_, _) => new AgentResponse("500", "failed")), "anything");

        Assert.Equal("500", response.ReturnCode);
        Assert.False(response.BoundToSession);
    }

    [Fact]
    public async Task A_parser_that_keeps_the_default_failure_response_gets_Nova_text()
    {
        var response = await ServeOneAsync(new ThrowingParser(), "anything");

        Assert.Equal("""{"returncode":"500","message":"Internal error with request"}""", response.ToJson());
    }

    [Fact]
    public async Task A_failure_response_that_throws_too_falls_back_to_Nova_text_and_is_logged()
    {
        var logger = new RecordingLogger<AgentHost>();
        var parser = new DelegateParser(
            _ => throw new InvalidOperationException("secret detail"),
            failure: (_, _) => throw new FormatException("also secret"));

        var response = await ServeOneAsync(parser, "anything", logger);

        Assert.Equal("""{"returncode":"500","message":"Internal error with request"}""", response.ToJson());
        Assert.Contains("Request r1: the parser's failure response failed with FormatException; answering with Nova's internal error", logger.At(LogLevel.Error));
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_parser_that_returns_no_response_is_answered_with_its_failure_response_and_logged()
    {
        // `=> default` on a ValueTask<AgentResponse> compiles without a nullable warning.
        var logger = new RecordingLogger<AgentHost>();
        var parser = new DelegateParser(
            _ => null!,
            failure: (request, exception) => AgentResponse.FromWire(Encoding.UTF8.GetBytes($"{{\"error\":\"{request.Id} {exception.GetType().Name}\"}}"), "500", "internal"));

        var response = await ServeOneAsync(parser, "anything", logger);

        Assert.Equal("""{"error":"r1 InvalidOperationException"}""", response.ToJson());
        Assert.Equal(["Request r1: the parser returned no response (DelegateParser); answering with an internal error"], logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task A_failure_response_that_is_null_falls_back_to_Nova_text_and_is_logged()
    {
        var logger = new RecordingLogger<AgentHost>();
        var parser = new DelegateParser(_ => throw new InvalidOperationException("secret detail"), failure: (_, _) => null!);

        var response = await ServeOneAsync(parser, "anything", logger);

        Assert.Equal("""{"returncode":"500","message":"Internal error with request"}""", response.ToJson());
        Assert.Contains("Request r1: the parser's failure response failed with InvalidOperationException; answering with Nova's internal error", logger.At(LogLevel.Error));
    }

    [Fact]
    public void A_pre_rendered_answer_gives_a_new_array_each_time_and_Nova_answers_are_unchanged()
    {
        var response = AgentResponse.FromWire("{\"return\":{}}"u8.ToArray(), "0", "");
        var first = response.ToUtf8Json();
        first[0] = (byte)'X';

        Assert.Equal("{\"return\":{}}", response.ToJson());
        Assert.Null(new AgentResponse("0", "x").Wire);
        Assert.Equal("""{"returncode":"0","message":"x"}""", new AgentResponse("0", "x").ToJson());
        Assert.Throws<ArgumentNullException>(() => AgentResponse.FromWire(default, null!, ""));
    }

    /// <summary>A parser whose answer (and failure response, when given) a test decides.</summary>
    private sealed class DelegateParser(Func<AgentRequest, AgentResponse> answer, Func<AgentRequest, Exception, AgentResponse>? failure = null) : IParser
    {
        public ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken) => new(answer(request));

        public AgentResponse CreateFailureResponse(AgentRequest request, Exception exception) =>
            failure is null ? throw new NotSupportedException() : failure(request, exception);
    }

    /// <summary>A parser that waits for its token, then lets the cancellation escape (a plugin's bug).</summary>
    private sealed class CancellableParser(TaskCompletionSource started) : IParser
    {
        public async ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken)
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return new AgentResponse("0", "never");
        }
    }

    /// <summary>A parser that throws and keeps the interface's default failure response.</summary>
    private sealed class ThrowingParser : IParser
    {
        public ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("secret detail");
    }
}
