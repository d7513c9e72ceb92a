using System.Text;
using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Protocol;

/// <summary>
/// <see cref="CommandExecutor"/> takes exactly one JSON value from a parser: anything else is
/// refused before the command runs, and the log says why without quoting the value.
/// </summary>
public sealed class CommandExecutorValueExtentTests
{
    [Theory]
    [InlineData("{\"a\":2} junk", "the value of command 'run' is not exactly one JSON value: 5 bytes follow the JSON value that ends at byte 7")]
    [InlineData("\"s3cr3t\"x", "the value of command 'run' is not exactly one JSON value: 1 bytes follow the JSON value that ends at byte 8")]
    [InlineData("[1] [2]", "the value of command 'run' is not exactly one JSON value: 4 bytes follow the JSON value that ends at byte 3")]
    [InlineData("{\"a\":{\"b\":2}", "the value of command 'run' is not exactly one JSON value: its 12 bytes are not one complete JSON value")]
    [InlineData("[", "the value of command 'run' is not exactly one JSON value: its 1 bytes are not one complete JSON value")]
    [InlineData("", "the value of command 'run' is not exactly one JSON value: its 0 bytes are not one complete JSON value")]
    [InlineData("  ", "the value of command 'run' is not exactly one JSON value: its 2 bytes are not one complete JSON value")]
    [InlineData("{\"a\":1} // note", "the value of command 'run' is not exactly one JSON value: 8 bytes follow the JSON value that ends at byte 7")]
    public async Task A_value_that_is_not_one_JSON_value_is_refused_before_the_command_runs(string value, string reason)
    {
        var ran = false;
        var registry = new FakeRegistry().Add("run", (_, _) =>
        {
            ran = true;
            return new(CommandResult.Ok("ran"));
        });
        var logger = new RecordingLogger<CommandExecutor>(LogLevel.Information);

        var outcome = await new CommandExecutor(registry, logger: logger).ExecuteAsync("run"u8, Encoding.UTF8.GetBytes(value), new AgentRequest("r1", null, new ExchangeSession()), TestContext.Current.CancellationToken);

        Assert.False(ran);
        Assert.Equal((CommandOutcomeKind.InvalidValue, "500", "Command 'run' received a value that is not valid JSON"), (outcome.Kind, outcome.ReturnCode, outcome.Message));
        Assert.True(BindingErrors.IsBindingError(outcome.Result));
        Assert.Equal(
            [
                (LogLevel.Information, $"Request r1: command 'run' received ({Encoding.UTF8.GetByteCount(value)} bytes of value)"),
                (LogLevel.Warning, $"Request r1: rejected: {reason}"),
            ],
            logger.Entries.Select(entry => (entry.Level, entry.Message)));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData(" {\"a\":[1,{\"b\":null}]} \n")]
    [InlineData("\t42\r\n")]
    [InlineData("true")]
    [InlineData("\"x\"")]
    public async Task One_JSON_value_with_white_space_around_it_reaches_the_command_as_given(string value)
    {
        string? seen = null;
        var registry = new FakeRegistry().Add("run", (bytes, _) =>
        {
            seen = Encoding.UTF8.GetString(bytes.Span);
            return new(CommandResult.Ok("ran"));
        });
        var logger = new RecordingLogger<CommandExecutor>(LogLevel.Warning);

        var outcome = await new CommandExecutor(registry, logger: logger).ExecuteAsync("run"u8, Encoding.UTF8.GetBytes(value), new AgentRequest("r1", null, new ExchangeSession()), TestContext.Current.CancellationToken);

        Assert.Equal((CommandOutcomeKind.Succeeded, "ran"), (outcome.Kind, outcome.Message));
        Assert.Equal(value, seen);
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task An_unknown_name_with_a_bad_value_is_refused_for_its_value_and_a_deep_value_as_Nova_refuses_it()
    {
        var executor = new CommandExecutor(new FakeRegistry());
        var request = new AgentRequest("r1", null, new ExchangeSession());

        var unknown = await executor.ExecuteAsync("nope"u8, "1 2"u8.ToArray(), request, TestContext.Current.CancellationToken);
        var deep = await executor.ExecuteAsync("nope"u8, Encoding.UTF8.GetBytes(new string('[', 65) + new string(']', 65)), request, TestContext.Current.CancellationToken);
        var deepest = await executor.ExecuteAsync("nope"u8, Encoding.UTF8.GetBytes(new string('[', 64) + new string(']', 64)), request, TestContext.Current.CancellationToken);

        // Without a logger the name is decoded for the answer alone.
        Assert.Equal((CommandOutcomeKind.InvalidValue, "Command 'nope' received a value that is not valid JSON"), (unknown.Kind, unknown.Message));
        Assert.Equal(CommandOutcomeKind.InvalidValue, deep.Kind);
        Assert.Equal(CommandOutcomeKind.NotFound, deepest.Kind);
    }
}
