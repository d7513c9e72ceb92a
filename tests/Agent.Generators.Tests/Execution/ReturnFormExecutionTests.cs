using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>Every return form, synchronous and asynchronous, and how exceptions answer.</summary>
public sealed class ReturnFormExecutionTests(ReturnFormExecutionTests.Compiled compiled) : IClassFixture<ReturnFormExecutionTests.Compiled>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public enum Mode { Off, On }

        public sealed record Chunk(string Path, long Offset, IReadOnlyList<int> Data);

        public sealed record Move(string From, string To, bool Overwrite = false);

        [JsonSerializable(typeof(Chunk))]
        [JsonSerializable(typeof(Move))]
        [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
        public partial class SampleJson : JsonSerializerContext;

        public static class Results
        {
            [Command("void")] public static void Void() { }
            [Command("string")] public static string Text() => "text";
            [Command("nullstring")] public static string? NullText() => null;
            [Command("result")] public static CommandResult Result() => new("D0", "key");
            [Command("int")] public static int Int() => -42;
            [Command("ulong")] public static ulong ULong() => ulong.MaxValue;
            [Command("bool")] public static bool Bool() => true;
            [Command("double")] public static double Double() => 0.25;
            [Command("guid")] public static Guid Guid() => new("0f8fad5b-d9cb-469f-a165-70867728950e");
            [Command("enum")] public static Mode Enum() => Mode.On;
            [Command("enum.unnamed")] public static Mode Unnamed() => (Mode)(-3);
            [Command("nullenum.unnamed")] public static Mode? NullableUnnamed() => (Mode)(-3);
            [Command("nullint")] public static int? NullInt() => null;
            [Command("element")] public static JsonElement Element() => JsonDocument.Parse("[1,{\"a\":2}]").RootElement;
            [Command("complex")] public static Chunk Complex() => new("/etc/x", 3, [1, 2]);
            [Command("complex.text")] public static Chunk ComplexText() => new("a+b's <x>&", 1, []);
            [Command("complexarg")] public static string ComplexArg(Move move, int retries = 0) => $"{move.From}->{move.To} {move.Overwrite} {retries}";

            [Command("task")] public static async Task TaskVoid() => await Task.Yield();
            [Command("valuetask")] public static ValueTask ValueTaskVoid() => ValueTask.CompletedTask;
            [Command("task.string")] public static async Task<string> TaskText() { await Task.Yield(); return "later"; }
            [Command("valuetask.string")] public static ValueTask<string> ValueTaskText() => new("now");
            [Command("task.result")] public static Task<CommandResult> TaskResult() => Task.FromResult(CommandResult.Error("no", "404"));
            [Command("valuetask.result")] public static async ValueTask<CommandResult> ValueTaskResult() { await Task.Yield(); return CommandResult.Ok("ok"); }
            [Command("task.complex")] public static async Task<Chunk> TaskComplex() { await Task.Yield(); return new("p", 0, []); }
            [Command("valuetask.int")] public static ValueTask<int> ValueTaskInt() => new(7);

            [Command("throws")] public static string Throws() => throw new CommandException("bad input", "400");
            [Command("throws.async")] public static async Task<string> ThrowsAsync() { await Task.Yield(); throw new CommandException("later bad"); }
            [Command("crashes")] public static string Crashes() => throw new InvalidOperationException("secret detail");
            [Command("crashes.async")] public static async Task Crashes2() { await Task.Yield(); throw new InvalidOperationException("secret"); }
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("void", """{"returncode":"0","message":""}""")]
    [InlineData("string", """{"returncode":"0","message":"text"}""")]
    [InlineData("nullstring", """{"returncode":"0","message":""}""")]
    [InlineData("result", """{"returncode":"D0","message":"key"}""")]
    [InlineData("int", """{"returncode":"0","message":"-42"}""")]
    [InlineData("ulong", """{"returncode":"0","message":"18446744073709551615"}""")]
    [InlineData("bool", """{"returncode":"0","message":"true"}""")]
    [InlineData("double", """{"returncode":"0","message":"0.25"}""")]
    [InlineData("guid", """{"returncode":"0","message":"'0f8fad5b-d9cb-469f-a165-70867728950e'"}""")]
    [InlineData("enum", """{"returncode":"0","message":"'On'"}""")]
    // Enum.ToString takes no format provider: a number no member names must not take the culture's minus (U+2212 in sv-SE).
    [InlineData("enum.unnamed", """{"returncode":"0","message":"'-3'"}""")]
    [InlineData("nullenum.unnamed", """{"returncode":"0","message":"'-3'"}""")]
    [InlineData("nullint", """{"returncode":"0","message":"null"}""")]
    [InlineData("element", """{"returncode":"0","message":"[1,{'a':2}]"}""")]
    [InlineData("complex", """{"returncode":"0","message":"{'path':'/etc/x','offset':3,'data':[1,2]}"}""")]
    [InlineData("complex.text", """{"returncode":"0","message":"{'path':'a+b's <x>&','offset':1,'data':[]}"}""")]
    [InlineData("task", """{"returncode":"0","message":""}""")]
    [InlineData("valuetask", """{"returncode":"0","message":""}""")]
    [InlineData("task.string", """{"returncode":"0","message":"later"}""")]
    [InlineData("valuetask.string", """{"returncode":"0","message":"now"}""")]
    [InlineData("task.result", """{"returncode":"404","message":"no"}""")]
    [InlineData("valuetask.result", """{"returncode":"0","message":"ok"}""")]
    [InlineData("task.complex", """{"returncode":"0","message":"{'path':'p','offset':0,'data':[]}"}""")]
    [InlineData("valuetask.int", """{"returncode":"0","message":"7"}""")]
    [InlineData("throws", """{"returncode":"400","message":"bad input"}""")]
    [InlineData("throws.async", """{"returncode":"500","message":"later bad"}""")]
    [InlineData("crashes", """{"returncode":"500","message":"Command 'crashes' failed with an internal error"}""")]
    [InlineData("crashes.async", """{"returncode":"500","message":"Command 'crashes.async' failed with an internal error"}""")]
    public async Task Answers_each_return_form(string command, string expected) =>
        Assert.Equal(expected, await _commands.SendAsync($$"""{"name":"{{command}}"}"""));

    [Theory]
    [InlineData("""{"move":{"from":"a","to":"b"}}""", """{"returncode":"0","message":"a->b False 0"}""")]
    [InlineData("""{"move":{"from":"a","to":"b","overwrite":true},"retries":2}""", """{"returncode":"0","message":"a->b True 2"}""")]
    [InlineData("""{"move":"a"}""", """{"returncode":"500","message":"Property 'move' of command 'complexarg' must be a JSON value of type 'Move'"}""")]
    [InlineData("""{"move":{"from":"\ud800","to":"b"}}""", """{"returncode":"500","message":"Property 'move' of command 'complexarg' must be a JSON value of type 'Move' (at $.from)"}""")]
    [InlineData("""{"move":null}""", """{"returncode":"500","message":"Property 'move' of command 'complexarg' must be a JSON value of type 'Move'"}""")]
    [InlineData("""{"retries":1}""", """{"returncode":"500","message":"Command 'complexarg' requires property 'move' (the value is an object with property 'move'; send {'move': {...}})"}""")]
    public async Task Binds_complex_parameters_through_the_json_context(string value, string expected) =>
        Assert.Equal(expected, await _commands.SendAsync($$"""{"name":"complexarg","value":{{value}}}"""));

    [Fact]
    public void Describes_number_results_with_the_range_the_binder_accepts()
    {
        var number = _commands.CreateRegistry().Commands.Single(c => c.Name == "double");
        Assert.Equal(
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"number","minimum":-1.7976931348623157E+308,"maximum":1.7976931348623157E+308}""",
            number.ResultSchema);
    }

    [Fact]
    public void Describes_complex_results_with_their_properties()
    {
        var complex = _commands.CreateRegistry().Commands.Single(c => c.Name == "complex");
        Assert.Equal(
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"path":{"type":"string"},"offset":{"type":"integer","minimum":-9223372036854775808,"maximum":9223372036854775807},"data":{"type":"array","items":{"type":"integer","minimum":-2147483648,"maximum":2147483647}}}}""",
            complex.ResultSchema);
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}
