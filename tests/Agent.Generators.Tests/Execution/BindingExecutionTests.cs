using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>Every binding form, dispatched through the real legacy parser.</summary>
public sealed class BindingExecutionTests(BindingExecutionTests.Compiled compiled) : IClassFixture<BindingExecutionTests.Compiled>
{
    private const string Source = """
        using System;
        using System.Text.Json;
        using System.Threading;
        using GuestAgent.Commands;

        namespace Sample;

        public enum Color { Red, Green, Blue }

        public static class Commands
        {
            [Command("none")]
            public static string None() => "none";

            [Command("raw")]
            public static string Raw(string value) => "got " + value;

            [Command("rawnull")]
            public static string RawNullable(string? value) => value ?? "(null)";

            [Command("element")]
            public static string Element(JsonElement value) => value.ValueKind + ":" + value.GetRawText();

            [Command("hello")]
            public static string Hello(string name, int times = 1) => string.Join(" ", System.Linq.Enumerable.Repeat("hello " + name, times));

            [Command("prims")]
            public static string Primitives(bool flag, byte b, sbyte sb, short s, ushort us, uint ui, long l, ulong ul, float f, double d, decimal m) =>
                FormattableString.Invariant($"{flag} {b} {sb} {s} {us} {ui} {l} {ul} {f} {d} {m}");

            [Command("misc")]
            public static string Misc(Guid id, Color color, DateTimeOffset when, int? maybe = null, Color? tint = null, string? note = null) =>
                FormattableString.Invariant($"{id} {color} {when:O} {maybe?.ToString() ?? "null"} {tint?.ToString() ?? "null"} {note ?? "null"}");

            [Command("defaults")]
            public static string Defaults(int count = 3, string label = "x\"y", Color color = Color.Blue, bool on = true, double ratio = 0.5) =>
                FormattableString.Invariant($"{count} {label} {color} {on} {ratio}");

            [Command("context")]
            public static string Context(CommandContext context, CancellationToken cancellationToken) =>
                context.CommandName + " " + context.RequestId + " " + cancellationToken.CanBeCanceled;

            private static readonly CommandResult s_done = CommandResult.Ok("done");

            [Command("typed")]
            public static CommandResult Typed(int a, long b, bool flag, Color color, double ratio = 1, CancellationToken cancellationToken = default) => s_done;

            [Command("json.elem")]
            public static string NamedElement(JsonElement data, int n) => data.GetRawText() + n;

            [Command("maybe.elem")]
            public static string MaybeElement(JsonElement? data = null) => data is { } element ? element.GetRawText() : "none";
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("""{"name":"none","value":"anything"}""", """{"returncode":"0","message":"none"}""")]
    [InlineData("""{"name":"none"}""", """{"returncode":"0","message":"none"}""")]
    [InlineData("""{"name":"raw","value":"abc"}""", """{"returncode":"0","message":"got abc"}""")]
    [InlineData("""{"name":"raw"}""", """{"returncode":"0","message":"got "}""")]
    [InlineData("""{"name":"raw","value":"a\u00e9\"b"}""", """{"returncode":"0","message":"got a?'b"}""")]
    [InlineData("""{"name":"raw","value":12}""", """{"returncode":"500","message":"Command 'raw' expects a JSON string value"}""")]
    [InlineData("""{"name":"raw","value":null}""", """{"returncode":"500","message":"Command 'raw' expects a JSON string value"}""")]
    [InlineData("""{"name":"rawnull","value":null}""", """{"returncode":"0","message":"(null)"}""")]
    [InlineData("""{"name":"element","value":{"a":[1,2]}}""", """{"returncode":"0","message":"Object:{'a':[1,2]}"}""")]
    [InlineData("""{"name":"element","value":42}""", """{"returncode":"0","message":"Number:42"}""")]
    [InlineData("""{"name":"element"}""", """{"returncode":"0","message":"String:''"}""")]
    [InlineData("""{"name":"hello","value":{"name":"nova","times":2}}""", """{"returncode":"0","message":"hello nova hello nova"}""")]
    [InlineData("""{"name":"hello","value":{"name":"nova"}}""", """{"returncode":"0","message":"hello nova"}""")]
    [InlineData("""{"name":"hello","value":{"times":2}}""", """{"returncode":"500","message":"Command 'hello' requires property 'name'"}""")]
    [InlineData("""{"name":"hello","value":{"name":"a","color":1}}""", """{"returncode":"500","message":"Command 'hello' has no property 'color'"}""")]
    [InlineData("""{"name":"hello","value":{"Name":"a"}}""", """{"returncode":"500","message":"Command 'hello' has no property 'Name' (did you mean 'name'? names are case-sensitive)"}""")]
    [InlineData("""{"name":"hello","value":{"name":"a","TIMES":2}}""", """{"returncode":"500","message":"Command 'hello' has no property 'TIMES' (did you mean 'times'? names are case-sensitive)"}""")]
    [InlineData("""{"name":"hello","value":{"name":"a","times":"2"}}""", """{"returncode":"500","message":"Property 'times' of command 'hello' must be an integer from -2147483648 to 2147483647"}""")]
    [InlineData("""{"name":"hello","value":{"name":"a","times":2.5}}""", """{"returncode":"500","message":"Property 'times' of command 'hello' must be an integer from -2147483648 to 2147483647"}""")]
    [InlineData("""{"name":"hello","value":{"name":7}}""", """{"returncode":"500","message":"Property 'name' of command 'hello' must be a string"}""")]
    [InlineData("""{"name":"hello","value":{"name":null}}""", """{"returncode":"500","message":"Property 'name' of command 'hello' must be a string"}""")]
    [InlineData("""{"name":"hello","value":"nova"}""", """{"returncode":"500","message":"Command 'hello' expects a JSON object value"}""")]
    [InlineData("""{"name":"hello","value":[1]}""", """{"returncode":"500","message":"Command 'hello' expects a JSON object value"}""")]
    [InlineData("""{"name":"hello"}""", """{"returncode":"500","message":"Command 'hello' requires property 'name'"}""")]
    [InlineData("""{"name":"prims","value":{"flag":true,"b":255,"sb":-128,"s":-32768,"us":65535,"ui":4294967295,"l":-9223372036854775808,"ul":18446744073709551615,"f":1.5,"d":-2.25,"m":79228162514264337593543950335}}""",
        """{"returncode":"0","message":"True 255 -128 -32768 65535 4294967295 -9223372036854775808 18446744073709551615 1.5 -2.25 79228162514264337593543950335"}""")]
    [InlineData("""{"name":"prims","value":{"flag":1,"b":0,"sb":0,"s":0,"us":0,"ui":0,"l":0,"ul":0,"f":0,"d":0,"m":0}}""", """{"returncode":"500","message":"Property 'flag' of command 'prims' must be true or false"}""")]
    [InlineData("""{"name":"prims","value":{"flag":true,"b":256}}""", """{"returncode":"500","message":"Property 'b' of command 'prims' must be an integer from 0 to 255"}""")]
    [InlineData("""{"name":"prims","value":{"flag":true,"b":1,"sb":1,"s":1,"us":-1}}""", """{"returncode":"500","message":"Property 'us' of command 'prims' must be an integer from 0 to 65535"}""")]
    [InlineData("""{"name":"prims","value":{"flag":true,"b":1,"sb":1,"s":1,"us":1,"ui":1,"l":1,"ul":1,"f":1,"d":"x"}}""", """{"returncode":"500","message":"Property 'd' of command 'prims' must be a number from -1.7976931348623157E+308 to 1.7976931348623157E+308"}""")]
    [InlineData("""{"name":"prims","value":{"flag":true,"b":1,"sb":1,"s":1,"us":1,"ui":1,"l":1,"ul":1,"f":1e39,"d":0,"m":0}}""", """{"returncode":"500","message":"Property 'f' of command 'prims' must be a number from -3.4028235E+38 to 3.4028235E+38"}""")]
    [InlineData("""{"name":"prims","value":{"flag":true,"b":1,"sb":1,"s":1,"us":1,"ui":1,"l":1,"ul":1,"f":-3.5e38,"d":0,"m":0}}""", """{"returncode":"500","message":"Property 'f' of command 'prims' must be a number from -3.4028235E+38 to 3.4028235E+38"}""")]
    [InlineData("""{"name":"prims","value":{"flag":true,"b":1,"sb":1,"s":1,"us":1,"ui":1,"l":1,"ul":1,"f":0,"d":1e400,"m":0}}""", """{"returncode":"500","message":"Property 'd' of command 'prims' must be a number from -1.7976931348623157E+308 to 1.7976931348623157E+308"}""")]
    [InlineData("""{"name":"prims","value":{"flag":true,"b":1,"sb":1,"s":1,"us":1,"ui":1,"l":1,"ul":1,"f":0,"d":-1e309,"m":0}}""", """{"returncode":"500","message":"Property 'd' of command 'prims' must be a number from -1.7976931348623157E+308 to 1.7976931348623157E+308"}""")]
    [InlineData("""{"name":"prims","value":{"flag":true,"b":1,"sb":1,"s":1,"us":1,"ui":1,"l":1,"ul":1,"f":0,"d":0,"m":1e30}}""", """{"returncode":"500","message":"Property 'm' of command 'prims' must be a number from -79228162514264337593543950335 to 79228162514264337593543950335"}""")]
    [InlineData("""{"name":"prims","value":{"flag":true,"b":1,"sb":1,"s":1,"us":1,"ui":1,"l":1,"ul":1,"f":3.4028235e38,"d":1.7976931348623157e308,"m":-79228162514264337593543950335}}""",
        """{"returncode":"0","message":"True 1 1 1 1 1 1 1 3.4028235E+38 1.7976931348623157E+308 -79228162514264337593543950335"}""")]
    [InlineData("""{"name":"raw","value":"\ud800"}""", """{"returncode":"500","message":"Command 'raw' received a string that is not valid Unicode text"}""")]
    [InlineData("""{"name":"rawnull","value":"a\udc00b"}""", """{"returncode":"500","message":"Command 'rawnull' received a string that is not valid Unicode text"}""")]
    [InlineData("""{"name":"raw","value":"\ud83d\ude00"}""", """{"returncode":"0","message":"got ??"}""")]
    // A value taken whole is held to the same rule: its command could not read such a string.
    [InlineData("""{"name":"element","value":{"a":["x","\ud800"]}}""", """{"returncode":"500","message":"Command 'element' received a string that is not valid Unicode text"}""")]
    [InlineData("""{"name":"element","value":{"\udc00":1}}""", """{"returncode":"500","message":"Command 'element' received a string that is not valid Unicode text"}""")]
    [InlineData("""{"name":"element","value":"\ud83d\ud83d"}""", """{"returncode":"500","message":"Command 'element' received a string that is not valid Unicode text"}""")]
    [InlineData("""{"name":"element","value":{"a":"\\ud800"}}""", """{"returncode":"0","message":"Object:{'a':'//ud800'}"}""")]
    [InlineData("""{"name":"json.elem","value":{"data":{"k":"\ud800"},"n":1}}""", """{"returncode":"500","message":"Property 'data' of command 'json.elem' must be valid Unicode text"}""")]
    [InlineData("""{"name":"maybe.elem","value":{"data":["\udfff"]}}""", """{"returncode":"500","message":"Property 'data' of command 'maybe.elem' must be valid Unicode text"}""")]
    [InlineData("""{"name":"maybe.elem","value":{"data":["\ud83d\ude00"]}}""", """{"returncode":"0","message":"['/ud83d/ude00']"}""")]
    [InlineData("""{"name":"maybe.elem","value":{"data":null}}""", """{"returncode":"0","message":"none"}""")]
    [InlineData("""{"name":"hello","value":{"name":"\udc00x"}}""", """{"returncode":"500","message":"Property 'name' of command 'hello' must be valid Unicode text"}""")]
    [InlineData("""{"name":"hello","value":{"\ud800":1,"name":"x"}}""", """{"returncode":"500","message":"Command 'hello' received a string that is not valid Unicode text"}""")]
    [InlineData("""{"name":"hello","value":{"n\u0061me":"x"}}""", """{"returncode":"0","message":"hello x"}""")]
    [InlineData("""{"name":"misc","value":{"id":"\ud800","color":"Red","when":"2024-01-02T03:04:05Z"}}""", """{"returncode":"500","message":"Property 'id' of command 'misc' must be a GUID string"}""")]
    [InlineData("""{"name":"misc","value":{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","color":"R\ud800","when":"2024-01-02T03:04:05Z"}}""", """{"returncode":"500","message":"Property 'color' of command 'misc' must be one of 'Red', 'Green', 'Blue'"}""")]
    [InlineData("""{"name":"misc","value":{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","color":"Red","when":"\ud800"}}""", """{"returncode":"500","message":"Property 'when' of command 'misc' must be an ISO 8601 date and time string"}""")]
    [InlineData("""{"name":"misc","value":{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","color":"Red","when":"2024-01-02T03:04:05Z","note":"\ud800"}}""", """{"returncode":"500","message":"Property 'note' of command 'misc' must be valid Unicode text"}""")]
    [InlineData("""{"name":"misc","value":{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","color":"Green","when":"2024-01-02T03:04:05+01:00"}}""",
        """{"returncode":"0","message":"0f8fad5b-d9cb-469f-a165-70867728950e Green 2024-01-02T03:04:05.0000000+01:00 null null null"}""")]
    [InlineData("""{"name":"misc","value":{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","color":"Red","when":"2024-01-02T03:04:05Z","maybe":5,"tint":"Blue","note":"n"}}""",
        """{"returncode":"0","message":"0f8fad5b-d9cb-469f-a165-70867728950e Red 2024-01-02T03:04:05.0000000+00:00 5 Blue n"}""")]
    [InlineData("""{"name":"misc","value":{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","color":"Red","when":"2024-01-02T03:04:05Z","maybe":null,"tint":null,"note":null}}""",
        """{"returncode":"0","message":"0f8fad5b-d9cb-469f-a165-70867728950e Red 2024-01-02T03:04:05.0000000+00:00 null null null"}""")]
    [InlineData("""{"name":"misc","value":{"id":"nope"}}""", """{"returncode":"500","message":"Property 'id' of command 'misc' must be a GUID string"}""")]
    [InlineData("""{"name":"misc","value":{"id":"{0f8fad5b-d9cb-469f-a165-70867728950e}"}}""", """{"returncode":"500","message":"Property 'id' of command 'misc' must be a GUID string"}""")]
    [InlineData("""{"name":"misc","value":{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","color":"green"}}""", """{"returncode":"500","message":"Property 'color' of command 'misc' must be one of 'Red', 'Green', 'Blue'"}""")]
    [InlineData("""{"name":"misc","value":{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","color":"Red","when":"yesterday"}}""", """{"returncode":"500","message":"Property 'when' of command 'misc' must be an ISO 8601 date and time string"}""")]
    [InlineData("""{"name":"defaults"}""", """{"returncode":"0","message":"3 x'y Blue True 0.5"}""")]
    [InlineData("""{"name":"defaults","value":null}""", """{"returncode":"0","message":"3 x'y Blue True 0.5"}""")]
    [InlineData("""{"name":"defaults","value":{}}""", """{"returncode":"0","message":"3 x'y Blue True 0.5"}""")]
    [InlineData("""{"name":"defaults","value":{"count":9,"label":"l","color":"Red","on":false,"ratio":2}}""", """{"returncode":"0","message":"9 l Red False 2"}""")]
    [InlineData("""{"name":"defaults","value":"x"}""", """{"returncode":"500","message":"Command 'defaults' expects a JSON object value"}""")]
    [InlineData("""{"name":"defaults","value":{"Count":1}}""", """{"returncode":"500","message":"Command 'defaults' has no property 'Count' (did you mean 'count'? names are case-sensitive)"}""")]
    [InlineData("""{"name":"defaults","value":{"\u0063ount":4}}""", """{"returncode":"0","message":"4 x'y Blue True 0.5"}""")]
    [InlineData("""{"name":"context"}""", """{"returncode":"0","message":"context test True"}""")]
    [InlineData("""{"name":"json.elem","value":{"data":{"k":[true]},"n":1}}""", """{"returncode":"0","message":"{'k':[true]}1"}""")]
    [InlineData("""{"name":"json.elem","value":{"data":null,"n":1}}""", """{"returncode":"0","message":"null1"}""")]
    public async Task Binds_the_value_and_answers_exactly(string request, string expected) =>
        Assert.Equal(expected, await _commands.SendAsync(request));

    [Theory]
    [InlineData("""{"name":"nothing"}""", """{"returncode":"404","message":"No such agent command 'nothing'"}""")]
    [InlineData("""{"name":"Hello","value":{"name":"x"}}""", """{"returncode":"404","message":"No such agent command 'Hello'"}""")]
    [InlineData("""{"value":"x"}""", """{"returncode":"500","message":"Request is missing 'name' key"}""")]
    [InlineData("""not json""", """{"returncode":"500","message":"Request is malformed"}""")]
    [InlineData("""{"name":"none",}""", """{"returncode":"500","message":"Request is malformed"}""")]
    [InlineData("""{"name":"h\u0065llo","value":{"name":"esc"}}""", """{"returncode":"0","message":"hello esc"}""")]
    public async Task Keeps_the_legacy_protocol_answers(string request, string expected) =>
        Assert.Equal(expected, await _commands.SendAsync(request));

    [Fact]
    public async Task A_request_without_data_is_an_internal_error()
    {
        var parser = new Protocol.NovaJsonParser(_commands.CreateRegistry());
        var response = await parser.ParseRequestAsync(new Protocol.AgentRequest("id", null, new Commands.ExchangeSession()), TestContext.Current.CancellationToken);
        Assert.Equal("""{"returncode":"500","message":"Internal error with request"}""", response.ToJson());
    }

    /// <summary>
    /// A value with no JSON token at all (empty, white space, only a comment) or broken JSON, which
    /// only a caller of <c>TryDispatch</c> itself can pass (the protocol reader passes on well-formed
    /// values only), gets the legacy protocol's not-JSON answer from every binding form: the
    /// reader over the whole value throws on its first read rather than find no token.
    /// </summary>
    [Theory]
    [InlineData("raw", "")]
    [InlineData("raw", " ")]
    [InlineData("raw", "\t\r\n")]
    [InlineData("raw", "/**/")]
    [InlineData("raw", "nope")]
    [InlineData("raw", "\"ab")]
    [InlineData("rawnull", "")]
    [InlineData("rawnull", " ")]
    [InlineData("element", "")]
    [InlineData("element", "\n")]
    [InlineData("element", "{")]
    [InlineData("hello", "")]
    [InlineData("hello", " ")]
    [InlineData("hello", "{\"name\":")]
    [InlineData("defaults", "")]
    [InlineData("defaults", "\t")]
    [InlineData("defaults", "nope")]
    public async Task A_value_that_is_not_JSON_is_refused_as_not_JSON(string name, string value)
    {
        var invocation = new Commands.CommandInvocation("id", new Commands.ExchangeSession(), Commands.EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);
        Assert.True(_commands.CreateRegistry().TryDispatch(System.Text.Encoding.UTF8.GetBytes(name), System.Text.Encoding.UTF8.GetBytes(value), invocation, out var running));
        Assert.Equal(new Commands.CommandResult("500", $"Command '{name}' received a value that is not valid JSON"), await running);
    }

    [Theory]
    [InlineData("none", "\"ignored\"")]
    [InlineData("typed", """{"a":1,"b":-2,"flag":true,"color":"Blue","ratio":0.5}""")]
    public async Task Dispatching_allocates_nothing_for_primitive_parameters(string name, string value)
    {
        var registry = _commands.CreateRegistry();
        var invocation = new Commands.CommandInvocation("id", new Commands.ExchangeSession(), Commands.EmptyServiceProvider.Instance, default);
        var utf8Name = System.Text.Encoding.UTF8.GetBytes(name);
        var utf8Value = System.Text.Encoding.UTF8.GetBytes(value);
        Assert.True(registry.TryDispatch(utf8Name, utf8Value, invocation, out var warmUp));
        Assert.True((await warmUp).IsSuccess);

        Assert.Equal(0, AllocatedWhileDispatching(registry, utf8Name, utf8Value, invocation));
    }

    [Theory]
    [InlineData("""{"name":"none","value":"ignored"}""")]
    [InlineData("""{"name": "typed", "value": {"a": 1, "b": -2, "flag": true, "color": "Blue", "ratio": 0.5}}""")]
    public async Task Parsing_and_dispatching_a_plain_request_allocates_nothing(string request)
    {
        var parser = new Protocol.NovaJsonParser(_commands.CreateRegistry());
        var agentRequest = new Protocol.AgentRequest("id", System.Text.Encoding.UTF8.GetBytes(request), new Commands.ExchangeSession());
        Assert.True((await parser.ExecuteAsync(agentRequest, TestContext.Current.CancellationToken)).IsSuccess);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(parser.ExecuteAsync(agentRequest, TestContext.Current.CancellationToken).IsCompletedSuccessfully);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static long AllocatedWhileDispatching(Commands.ICommandRegistry registry, byte[] name, byte[] value, Commands.CommandInvocation invocation)
    {
        var completed = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            registry.TryDispatch(name, value, invocation, out var running);
            completed += running.IsCompletedSuccessfully ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100, completed);
        return allocated;
    }

    [Fact]
    public void Describes_every_command_sorted_by_name()
    {
        var registry = _commands.CreateRegistry();
        Assert.Equal(
            ["context", "defaults", "element", "hello", "json.elem", "maybe.elem", "misc", "none", "prims", "raw", "rawnull", "typed"],
            registry.Commands.Select(c => c.Name));
        var hello = registry.Commands.Single(c => c.Name == "hello");
        Assert.Equal("Sample.Commands.Hello(string, int)", hello.Method);
        Assert.Collection(
            hello.Parameters,
            p => Assert.Equal(new Commands.CommandParameterDescriptor("name", "string", true, null), p),
            p => Assert.Equal(new Commands.CommandParameterDescriptor("times", "int", false, "1"), p));
        Assert.Equal(
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"name":{"type":"string"},"times":{"type":"integer","minimum":-2147483648,"maximum":2147483647,"default":1}},"required":["name"],"additionalProperties":false}""",
            hello.RequestSchema);
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"string"}""", hello.ResultSchema);
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}
