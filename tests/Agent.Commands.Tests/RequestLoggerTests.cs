using GuestAgent.Commands.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests;

/// <summary>
/// A command's lines name their request twice over: in the text (<c>Request &lt;id&gt;: </c>, for a
/// journal and grep) and in the state (<c>RequestId</c>, for a structured sink that never formats).
/// </summary>
public sealed partial class RequestLoggerTests
{
    [Fact]
    public void A_structured_sink_finds_the_request_id_among_the_messages_own_pairs()
    {
        var sink = new StateReadingLogger();

        LogWritten(RequestLogger.For(sink, "3f1c-id"), "/etc/hosts");

        var entry = Assert.Single(sink.Entries);
        Assert.Equal("Request 3f1c-id: wrote /etc/hosts", entry.Text);
        Assert.Equal(entry.Text, entry.Rendered);
        Assert.Equal(["3f1c-id"], entry.ValuesOf("RequestId"));
        Assert.Equal(["/etc/hosts"], entry.ValuesOf("Path"));
        Assert.Equal(["wrote {Path}"], entry.ValuesOf("{OriginalFormat}"));
        Assert.Equal(entry.Pairs.Count, entry.Count);
        Assert.Equal(3, entry.Count);
    }

    [Fact]
    public void A_long_request_id_is_cut_in_the_text_and_the_state_as_the_host_s_lines_cut_it()
    {
        var sink = new StateReadingLogger();
        var id = new string('7', 2000);

        LogWritten(RequestLogger.For(sink, id), "/etc/hosts");

        var entry = Assert.Single(sink.Entries);
        var quoted = new string('7', GuestAgent.Protocol.HostTextForLog.MaxCharacters) + "…(2000 characters)";
        Assert.Equal($"Request {quoted}: wrote /etc/hosts", entry.Text);
        Assert.Equal([quoted], entry.ValuesOf("RequestId"));
    }

    [Fact]
    public void A_message_with_a_request_id_of_its_own_keeps_it_once()
    {
        var sink = new StateReadingLogger();

        LogOwnId(RequestLogger.For(sink, "outer"), "inner");

        var entry = Assert.Single(sink.Entries);
        Assert.Equal("Request outer: about inner", entry.Text);
        Assert.Equal(["inner"], entry.ValuesOf("RequestId"));
        Assert.Equal(entry.Pairs.Count, entry.Count);
    }

    [Fact]
    public void A_message_whose_state_has_no_pairs_still_carries_the_request_id()
    {
        var sink = new StateReadingLogger();

        RequestLogger.For(sink, "plain").Log(LogLevel.Information, default, "just text", null, (state, _) => state);

        var entry = Assert.Single(sink.Entries);
        Assert.Equal("Request plain: just text", entry.Text);
        Assert.Equal("Request plain: just text", entry.Rendered);
        Assert.Equal(["plain"], entry.ValuesOf("RequestId"));
        Assert.Equal(1, entry.Count);
    }

    [Fact]
    public void A_discarding_logger_or_a_context_without_an_id_is_left_as_it_is()
    {
        var sink = new StateReadingLogger();

        Assert.Same(NullLogger.Instance, RequestLogger.For(NullLogger.Instance, "id"));
        Assert.Same(sink, RequestLogger.For(sink, null));
    }

    [Fact]
    public void A_level_the_inner_logger_leaves_out_is_neither_formatted_nor_passed_on()
    {
        var inner = new WarningsOnlyLogger();
        var logger = RequestLogger.For(inner, "quiet");
        var formatted = new List<string>();

        logger.Log(LogLevel.Information, default, "details", null, (state, _) => { formatted.Add(state); return state; });
        logger.Log(LogLevel.Warning, default, "trouble", null, (state, _) => { formatted.Add(state); return state; });

        Assert.Equal(["Request quiet: trouble"], inner.Texts);
        Assert.Equal(["trouble"], formatted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "wrote {Path}")]
    private static partial void LogWritten(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "about {RequestId}")]
    private static partial void LogOwnId(ILogger logger, string requestId);

    /// <summary>
    /// A sink that records what it is handed and, like a logger that trusts its callers to ask
    /// <see cref="ILogger.IsEnabled"/> first, does not filter in <c>Log</c> itself.
    /// </summary>
    private sealed class WarningsOnlyLogger : ILogger
    {
        public List<string> Texts { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Texts.Add(formatter(state, exception));
    }
}
