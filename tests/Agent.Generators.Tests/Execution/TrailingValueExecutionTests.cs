using System.Text;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// <c>TryDispatch</c> is given one JSON value; a caller that passes more (<c>1 2</c>, a parser's
/// too-wide slice) gets the registry's not-valid-JSON binding error, in every binding form, rather
/// than the command running on the first value with the rest silently dropped (<c>CommandExecutor</c>
/// refuses it before dispatch, but a registry is public API). A command that binds nothing never
/// reads its value, and still runs.
/// </summary>
public sealed class TrailingValueExecutionTests(TrailingValueExecutionTests.Compiled compiled) : IClassFixture<TrailingValueExecutionTests.Compiled>
{
    private const string Source = """
        using System.Text.Json;
        using GuestAgent.Commands;

        namespace Sample;

        public static class Commands
        {
            [Command("element")] public static string Element(JsonElement value) => value.GetRawText();

            [Command("element.def")] public static string ElementDefault(JsonElement value = default) => value.ValueKind.ToString();

            [Command("text")] public static string Text(string value) => value;

            [Command("text.null")] public static string TextNull(string? value) => value ?? "(null)";

            [Command("props")] public static string Props(int a = 0) => "a=" + a;

            [Command("nothing")] public static string Nothing() => "ran";
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("element", "1 2")]
    [InlineData("element", "{\"a\":1}{}")]
    [InlineData("element", "[1] x")]
    [InlineData("element.def", "\"x\" \"y\"")]
    [InlineData("element.def", "\"\" 1")]
    [InlineData("text", "\"a\" \"b\"")]
    [InlineData("text", "\"a\",")]
    [InlineData("text", "\"a\" /* c */")]
    [InlineData("element", "1 // c")]
    [InlineData("props", "{} /**/")]
    [InlineData("text.null", "null null")]
    [InlineData("props", "{\"a\":1} {\"a\":2}")]
    [InlineData("props", "{} junk")]
    [InlineData("props", "null 1")]
    [InlineData("props", "\"\" 1")]
    public async Task Refuses_anything_after_the_value(string name, string value) =>
        Assert.Equal(new CommandResult("500", $"Command '{name}' received a value that is not valid JSON"), await DispatchAsync(name, value));

    [Theory]
    [InlineData("element", " 1 \n\t", "1")]
    [InlineData("element", "{\"a\":[1,2]}\r\n", "{\"a\":[1,2]}")]
    [InlineData("element.def", "\"x\" ", "String")]
    [InlineData("text", "\"a\"  ", "a")]
    [InlineData("text.null", "null ", "(null)")]
    [InlineData("props", " {\"a\":3} ", "a=3")]
    [InlineData("props", "null\n", "a=0")]
    [InlineData("props", "\"\"", "a=0")]
    public async Task Takes_one_value_with_white_space_around(string name, string value, string message) =>
        Assert.Equal(new CommandResult("0", message), await DispatchAsync(name, value));

    [Theory]
    [InlineData("text", "\"\\ud800\" 1", "Command 'text' received a string that is not valid Unicode text")]
    [InlineData("text", "5 junk", "Command 'text' expects a JSON string value")]
    [InlineData("props", "{\"a\":\"x\"} 2", "Property 'a' of command 'props' must be an integer from -2147483648 to 2147483647")]
    [InlineData("props", "{\"a\":\"x\",", "Property 'a' of command 'props' must be an integer from -2147483648 to 2147483647")]
    [InlineData("props", "{\"b\":1} {", "Command 'props' has no property 'b'")]
    public async Task A_value_failing_on_its_own_gets_its_own_error_whatever_follows(string name, string value, string message) =>
        // Read front to back, first fault answers (docs/authoring-commands.md, "Binding errors"):
        // what follows the value is read last.
        Assert.Equal(new CommandResult("500", message), await DispatchAsync(name, value));

    [Theory]
    [InlineData("1 2")]
    [InlineData("\"\" junk")]
    public async Task A_command_that_binds_nothing_never_reads_the_value(string value) =>
        Assert.Equal(new CommandResult("0", "ran"), await DispatchAsync("nothing", value));

    private async Task<CommandResult> DispatchAsync(string name, string value)
    {
        var invocation = new CommandInvocation("id", new ExchangeSession(), EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);
        Assert.True(_commands.CreateRegistry().TryDispatch(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(value), invocation, out var running));
        return await running;
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}
