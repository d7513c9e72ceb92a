using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A single raw-bound <c>string</c> or <c>JsonElement</c> parameter with a default: a missing
/// value (which the legacy protocol passes as <c>""</c>) and <c>""</c>, with white space around it or
/// not, take the default, as the descriptor says. A value that is not JSON at all (which only a caller of <c>TryDispatch</c>
/// itself can pass) is refused as such, not as a value of the wrong kind.
/// </summary>
public sealed class RawDefaultExecutionTests(RawDefaultExecutionTests.Compiled compiled) : IClassFixture<RawDefaultExecutionTests.Compiled>
{
    private const string Source = """
        using System.Text.Json;
        using GuestAgent.Commands;

        namespace Sample;

        public static class Commands
        {
            [Command("s.def")]
            public static string Def(string who = "world") => "hi " + who;

            [Command("s.null")]
            public static string DefNull(string? who = null) => who ?? "(none)";

            [Command("s.req")]
            public static string Required(string who) => "hi " + who;

            [Command("e.def")]
            public static string Element(JsonElement value = default) => value.ValueKind.ToString();

            [Command("e.req")]
            public static string ElementRequired(JsonElement value) => value.ValueKind.ToString();
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("""{"name":"s.def"}""", """{"returncode":"0","message":"hi world"}""")]
    [InlineData("""{"name":"s.def","value":""}""", """{"returncode":"0","message":"hi world"}""")]
    [InlineData("""{"name":"s.def","value":"bob"}""", """{"returncode":"0","message":"hi bob"}""")]
    [InlineData("""{"name":"s.def","value":" "}""", """{"returncode":"0","message":"hi  "}""")]
    [InlineData("""{"name":"s.def","value":null}""", """{"returncode":"500","message":"Command 's.def' expects a JSON string value"}""")]
    [InlineData("""{"name":"s.def","value":12}""", """{"returncode":"500","message":"Command 's.def' expects a JSON string value"}""")]
    [InlineData("""{"name":"s.null"}""", """{"returncode":"0","message":"(none)"}""")]
    [InlineData("""{"name":"s.null","value":null}""", """{"returncode":"0","message":"(none)"}""")]
    [InlineData("""{"name":"s.null","value":"x"}""", """{"returncode":"0","message":"x"}""")]
    [InlineData("""{"name":"s.req"}""", """{"returncode":"0","message":"hi "}""")]
    [InlineData("""{"name":"e.def"}""", """{"returncode":"0","message":"Undefined"}""")]
    [InlineData("""{"name":"e.def","value":""}""", """{"returncode":"0","message":"Undefined"}""")]
    [InlineData("""{"name":"e.def","value":"x"}""", """{"returncode":"0","message":"String"}""")]
    [InlineData("""{"name":"e.def","value":42}""", """{"returncode":"0","message":"Number"}""")]
    public async Task A_missing_or_empty_value_takes_the_default(string request, string expected) =>
        Assert.Equal(expected, await _commands.SendAsync(request));

    [Theory]
    [InlineData("s.req", "\"ab")]
    [InlineData("s.def", "\"ab")]
    [InlineData("e.req", "\"ab")]
    [InlineData("e.req", "")]
    [InlineData("e.req", " ")]
    public async Task A_value_that_is_not_JSON_is_refused_as_not_JSON(string name, string value)
    {
        var registry = _commands.CreateRegistry();
        var invocation = new Commands.CommandInvocation("id", new Commands.ExchangeSession(), Commands.EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);
        Assert.True(registry.TryDispatch(System.Text.Encoding.UTF8.GetBytes(name), System.Text.Encoding.UTF8.GetBytes(value), invocation, out var running));
        Assert.Equal(new Commands.CommandResult("500", $"Command '{name}' received a value that is not valid JSON"), await running);
    }

    [Theory]
    [InlineData("s.def", " \"\" ", "hi world")]
    [InlineData("s.def", "\"\"\r\n", "hi world")]
    [InlineData("s.null", "\t\"\"", "(none)")]
    [InlineData("e.def", "\n\"\" ", "Undefined")]
    [InlineData("s.req", " \"\" ", "hi ")]
    [InlineData("s.def", " \" \" ", "hi  ")]
    public async Task White_space_around_an_empty_string_changes_nothing(string name, string value, string message)
    {
        // Only a parser other than the legacy one can hand over white space around the value: "" is
        // still the missing value, as it is to object binding.
        var registry = _commands.CreateRegistry();
        var invocation = new Commands.CommandInvocation("id", new Commands.ExchangeSession(), Commands.EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);
        Assert.True(registry.TryDispatch(System.Text.Encoding.UTF8.GetBytes(name), System.Text.Encoding.UTF8.GetBytes(value), invocation, out var running));
        Assert.Equal(new Commands.CommandResult("0", message), await running);
    }

    [Fact]
    public void The_descriptor_advertises_the_default_it_applies()
    {
        var commands = _commands.CreateRegistry().Commands;
        var def = commands.Single(c => c.Name == "s.def");
        Assert.Equal(new Commands.CommandParameterDescriptor("who", "string", false, "\"world\""), Assert.Single(def.Parameters));
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"string","default":"world"}""", def.RequestSchema);
        Assert.Equal(new Commands.CommandParameterDescriptor("who", "string", true, null), Assert.Single(commands.Single(c => c.Name == "s.req").Parameters));
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}
