using System.Text;
using GuestAgent.Commands;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Protocol;

/// <summary>
/// A host-supplied command name or request id is quoted in log lines up to 128 characters, with its
/// length beyond that; the answer quotes the name as before, and the id used to answer stays whole.
/// </summary>
public sealed class HostTextForLogTests
{
    [Fact]
    public async Task A_long_unknown_command_name_is_cut_in_the_log_but_not_in_the_answer()
    {
        var name = string.Concat(Enumerable.Repeat("0123456789", 400));
        var logger = new RecordingLogger<NovaJsonParser>(LogLevel.Information);
        var parser = new NovaJsonParser(new FakeRegistry(), logger: logger);

        // No value: read as an empty string, two bytes ("").
        var response = await parser.ParseRequestAsync(new AgentRequest("7", Encoding.UTF8.GetBytes($$"""{"name":"{{name}}"}"""), new ExchangeSession()), CancellationToken.None);

        // The answer quotes far more of it (cut only where answers are cut, to fit the store).
        Assert.StartsWith($$"""{"returncode":"404","message":"No such agent command '{{name[..900]}}""", response.ToJson(), StringComparison.Ordinal);
        var quoted = name[..HostTextForLog.MaxCharacters] + "…(4000 characters)";
        Assert.Equal(
            [$"Request 7: command '{quoted}' received (2 bytes of value)", $"Request 7: unknown command '{quoted}'"],
            logger.Entries.Select(entry => entry.Message));
    }

    [Fact]
    public async Task A_long_request_id_is_cut_in_the_log_lines_but_the_request_keeps_it_whole()
    {
        var id = string.Concat(Enumerable.Repeat("abcdefghij", 200));
        var logger = new RecordingLogger<NovaJsonParser>(LogLevel.Information);
        var parser = new NovaJsonParser(new FakeRegistry(), logger: logger);
        var request = new AgentRequest(id, Encoding.UTF8.GetBytes("""{"name":"nosuch"}"""), new ExchangeSession());

        await parser.ParseRequestAsync(request, CancellationToken.None);

        var quoted = id[..HostTextForLog.MaxCharacters] + "…(2000 characters)";
        Assert.Equal(
            [$"Request {quoted}: command 'nosuch' received (2 bytes of value)", $"Request {quoted}: unknown command 'nosuch'"],
            logger.Entries.Select(entry => entry.Message));
        Assert.Same(id, request.Id);
    }

    [Fact]
    public async Task The_executor_a_plugin_parser_calls_caps_a_long_request_id_and_logs_each_line_at_its_level()
    {
        // The executor's own entry point (a QMP or JSON-RPC parser's, which logs nothing itself):
        // "received" and "completed" at Information, an error answer at Warning, each id cut.
        var id = string.Concat(Enumerable.Repeat("klmnopqrst", 30));
        var logger = new RecordingLogger<CommandExecutor>(LogLevel.Trace);
        var registry = new FakeRegistry()
            .Add("hello", (_, _) => ValueTask.FromResult(CommandResult.Ok("hi")))
            .Add("refuse", (_, _) => ValueTask.FromResult(new CommandResult("403", "not here")));
        var executor = new CommandExecutor(registry, logger: logger);
        var request = new AgentRequest(id, "{}"u8.ToArray(), new ExchangeSession());

        await executor.ExecuteAsync("hello"u8, "\"x\""u8.ToArray(), request, CancellationToken.None);
        await executor.ExecuteAsync("refuse"u8, "\"\""u8.ToArray(), request, CancellationToken.None);

        var quoted = id[..HostTextForLog.MaxCharacters] + "…(300 characters)";
        Assert.Equal(
            [
                (LogLevel.Information, $"Request {quoted}: command 'hello' received (3 bytes of value)"),
                (LogLevel.Information, $"Request {quoted}: command 'hello' completed with code '0' (2 characters of message)"),
                (LogLevel.Information, $"Request {quoted}: command 'refuse' received (2 bytes of value)"),
                (LogLevel.Information, $"Request {quoted}: command 'refuse' completed with code '403' (8 characters of message)"),
                (LogLevel.Warning, $"Request {quoted}: command 'refuse' answered '403': not here"),
            ],
            logger.Entries.Select(entry => (entry.Level, entry.Message)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(HostTextForLog.MaxCharacters)]
    public void Text_up_to_the_limit_is_quoted_whole(int length)
    {
        var text = new string('x', length);

        Assert.Same(text, HostTextForLog.Cap(text));
    }

    [Fact]
    public void Text_over_the_limit_is_cut_there_and_says_how_long_it_was()
    {
        var text = new string('y', HostTextForLog.MaxCharacters + 1);

        Assert.Equal(new string('y', HostTextForLog.MaxCharacters) + "…(129 characters)", HostTextForLog.Cap(text));
    }
}
