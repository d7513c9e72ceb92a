using GuestAgent.Commands;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// The command a request names, in the host's lines about a request it does not start, as the
/// request's own parser reads it (<see cref="IParser.ReadCommandName"/>): a custom wire format's
/// too, never its value.
/// </summary>
public sealed class AgentHostCustomWireCommandTests
{
    private const string NotStarted = "Request r-late (command '{0}') on exchange 0 (DeafExchange) not started: the exchange handed it over after the stopping host had given up on it; it is left to the exchange unanswered (an exchange that keeps each request until it is answered hands it over again at the agent's next start)";

    [Fact]
    public async Task A_request_of_a_custom_wire_format_handed_over_after_the_give_up_is_logged_with_the_command_its_parser_reads()
    {
        var warnings = await NotStartedLineAsync(new LineParser(), "late s3cret");

        Assert.Equal(string.Format(null, NotStarted, "late"), warnings.Single(line => line.StartsWith("Request r-late", StringComparison.Ordinal)));
        Assert.DoesNotContain(warnings, line => line.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_parser_that_does_not_say_is_read_as_Nova_s_format()
    {
        var warnings = await NotStartedLineAsync(new NovaJsonParser(new FakeRegistry()), """{"name":"late","value":"s3cret"}""");

        Assert.Equal(string.Format(null, NotStarted, "late"), warnings.Single(line => line.StartsWith("Request r-late", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("late s3cret", "late")]
    [InlineData("", "(none)")]
    [InlineData("boom", "(unknown)")]
    public void The_name_the_parser_reads_is_quoted_none_when_it_names_none_and_unknown_when_it_fails(string wire, string expected)
    {
        var request = new AgentRequest("r", System.Text.Encoding.UTF8.GetBytes(wire), new ExchangeSession());

        Assert.Equal(expected, HostTextForLog.CommandOf(request, new LineParser()));
    }

    [Fact]
    public void A_long_name_is_cut_as_host_text_is()
    {
        var name = new string('n', HostTextForLog.MaxCharacters + 1);
        var request = new AgentRequest("r", System.Text.Encoding.UTF8.GetBytes(name + " v"), new ExchangeSession());

        Assert.Equal(HostTextForLog.Cap(name), HostTextForLog.CommandOf(request, new LineParser()));
    }

    [Fact]
    public void The_default_reading_is_Nova_s_name_member()
    {
        IParser parser = new NullParser();

        Assert.Equal("late", parser.ReadCommandName(new AgentRequest("r", """{"value":"s3cret","name":"late"}"""u8.ToArray(), new ExchangeSession())));
        Assert.Null(parser.ReadCommandName(new AgentRequest("r", "late s3cret"u8.ToArray(), new ExchangeSession())));
    }

    /// <summary>The warnings of a host that gave up on a deaf exchange which then hands over <paramref name="wire"/>, once the not-started line is written.</summary>
    private static async Task<IReadOnlyList<string>> NotStartedLineAsync(IParser parser, string wire)
    {
        var notStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deaf = new DeafExchange();
        var logger = new RecordingLogger<AgentHost>
        {
            Logged = (_, message) =>
            {
                if (message.StartsWith("Request r-late", StringComparison.Ordinal))
                {
                    notStarted.TrySetResult();
                }
            },
        };
        var time = new RecordingTimeProvider();
        var host = new AgentHost(new AgentHostOptions { TimeProvider = time }, logger).Register(deaf, parser);
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await deaf.Asked.WithinSafetyNet();
        await stop.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(5));
        await running.WithinSafetyNet();

        deaf.Hand(new AgentRequest("r-late", System.Text.Encoding.UTF8.GetBytes(wire), new ExchangeSession()));
        await notStarted.Task.WithinSafetyNet();
        Assert.Empty(deaf.Answers);
        return logger.At(LogLevel.Warning);
    }

    /// <summary>A wire format of its own: the command's name, a space, its value; <c>boom</c> a request its reading fails on.</summary>
    private sealed class LineParser : IParser
    {
        public ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken) =>
            new(new AgentResponse(ReturnCodes.Success, "served"));

        public string? ReadCommandName(AgentRequest request)
        {
            var text = System.Text.Encoding.UTF8.GetString(request.Data!.Value.Span);
            if (text == "boom")
            {
                throw new FormatException("not a line");
            }

            var space = text.IndexOf(' ', StringComparison.Ordinal);
            return space > 0 ? text[..space] : null;
        }
    }

    /// <summary>A parser that leaves <see cref="IParser.ReadCommandName"/> to its default.</summary>
    private sealed class NullParser : IParser
    {
        public ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken) =>
            new(new AgentResponse(ReturnCodes.Success, "served"));
    }
}
