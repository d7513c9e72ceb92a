using System.Text.Json;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// Every kind of container a command can live in, default values of every kind (the emitted
/// literal must be the value the user wrote), and return forms with nullable annotations,
/// compiled under the strictest settings and dispatched.
/// </summary>
public sealed class ShapeTortureTests(ShapeTortureTests.Compiled compiled) : IClassFixture<ShapeTortureTests.Compiled>
{
    private const string Source = """
        [assembly: CommandJsonContext(typeof(Sample.ShapeJson))]

        namespace Sample
        {
            public record Thing(string Name);

            [System.Text.Json.Serialization.JsonSerializable(typeof(Thing))]
            [System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
            internal partial class ShapeJson : System.Text.Json.Serialization.JsonSerializerContext;

            namespace Inner
            {
                internal static class Host
                {
                    public static class Nested { [Command("c.nested")] public static string Run() => "nested"; }
                    public class NestedInstance { [Command("c.nested-instance")] public string Run() => "nested instance"; }
                }

                public partial class Part { [Command("c.part1")] public string P1() => "part1"; }
                public partial class Part { [Command("c.part2")] public static string P2() => "part2"; }
                public struct Struct { [Command("c.struct")] public static string Run() => "struct"; }
                public record Record(int X) { [Command("c.record")] public static string Run() => "record"; }
                public record class RecordClass { [Command("c.record-class")] public string Run() => "record class"; }
                public record struct RecordStruct { [Command("c.record-struct")] public static string Run() => "record struct"; }
                public sealed class Primary(IServiceProvider services) { [Command("c.primary")] public string Run() => services is null ? "none" : "primary"; }
                public interface IFace { [Command("c.interface")] static string Run() => "interface"; }

                public class Constructors
                {
                    private readonly string _how;
                    public Constructors() => _how = "none";
                    public Constructors(IServiceProvider services, string? label = "d\"q", int? count = null, (int, string) pair = default) => _how = label + count + pair.Item2;
                    [Command("c.constructors")] public string Run() => _how;
                }

                public class Required
                {
                    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
                    public Required() => Name = "set by constructor";
                    public required string Name { get; init; }
                    [Command("c.required")] public string Run() => Name;
                }

                public static class Obsolete
                {
                    [Obsolete("use something else")] [Command("c.obsolete")] public static string Run() => "obsolete";
                }

                [Obsolete] public class ObsoleteClass { [Command("c.obsolete-class")] public string Run() => "obsolete class"; }

                public static class Overloads
                {
                    [Command("o.int")] public static string Run(int a) => "int " + a;
                    [Command("o.long")] public static string Run(long a) => "long " + a;
                    [Command("o.string")] public static string Run(string a, int b = 1) => "string " + a + b;
                    public static string Run(string a, int b = 1, int c = 2) => "not a command";
                    [Command("o.params")] public static string Run(int a, params string[] rest) => "params " + a + string.Join(",", rest);
                    [Command("o.extension")] public static string Extension(this string value) => "extension " + value;
                }
            }

            public static class Experimental
            {
                [System.Diagnostics.CodeAnalysis.Experimental("GAX001")] [Command("c.experimental")] public static string Run() => "experimental";
            }

            [System.Diagnostics.CodeAnalysis.Experimental("GAX002")]
            public class ExperimentalClass { [Command("c.experimental-class")] public string Run(ExperimentalEnum e = ExperimentalEnum.On) => "experimental class " + e; }

            [System.Diagnostics.CodeAnalysis.Experimental("GAX003")] public enum ExperimentalEnum { On }

            public enum Wide : long { Neg = -5, Zero = 0, Big = long.MaxValue }
            [Flags] public enum Access { None = 0, Read = 1, Write = 2 }
            public enum @enum { @class, @event }
            public enum Nothing { }

            public static class Defaults
            {
                public const string Konst = "k\"\\\n\u2028\u0085\u00e9\U0001F600'";

                private static string Codes(string? s) => s is null ? "null" : string.Join(".", s.Select(c => ((int)c).ToString("x")));

                [Command("d.all")]
                public static string All(string? a = null, int b = default, Wide c = Wide.Neg, Access f = Access.Read | Access.Write, Access g = (Access)4,
                    double h = double.NaN, double i = double.NegativeInfinity, decimal k = 1.5m, string l = Konst, float m = 1e30f, double n = -0.0,
                    Wide? o = null, Wide? p = Wide.Big, ulong q = ulong.MaxValue, sbyte r = -1, short s = short.MinValue, byte t = 255, long w = long.MinValue,
                    bool x = true, decimal y = -79228162514264337593543950335m, Guid z = default, JsonElement je = default, int? ni = 5, @enum en = @enum.@event,
                    string nul = "\0", string tab = "\t\u0001\u007f")
                    => FormattableString.Invariant($"{Codes(a)} {b} {c} {f} {(int)g} {h} {double.IsNegativeInfinity(i)} {k} {Codes(l)} {m} {1 / n} {o?.ToString() ?? "null"} {p} {q} {r} {s} {t} {w} {x} {y} {z} {je.ValueKind} {ni} {en} {Codes(nul)} {Codes(tab)}");

                [Command("d.raw")] public static string Raw(string who = "line1\nline2\u2028x") => Codes(who);

                [Command("d.empty-enum")] public static string EmptyEnum(Nothing n, int x) => "unreachable " + n + x;
            }

            public static class Returns
            {
                [Command("r.void")] public static void Void() { }
                [Command("r.task")] public static Task TaskOnly() => Task.CompletedTask;
                [Command("r.valuetask")] public static ValueTask ValueTaskOnly() => default;
                [Command("r.task-int")] public static Task<int> TaskInt() => Task.FromResult(1);
                [Command("r.valuetask-long")] public static ValueTask<long?> ValueTaskLong() => new((long?)null);
                [Command("r.result")] public static CommandResult Result() => CommandResult.Ok("result");
                [Command("r.task-result")] public static Task<CommandResult> TaskResult() => Task.FromResult(new CommandResult("7", "seven"));
                [Command("r.valuetask-result")] public static ValueTask<CommandResult> ValueTaskResult() => new(CommandResult.Ok("13"));
                [Command("r.string")] public static string? NullString() => null;
                [Command("r.task-string")] public static Task<string?> TaskNullString() => Task.FromResult<string?>(null);
                [Command("r.int")] public static int? NullInt() => null;
                [Command("r.enum")] public static DayOfWeek? Enum() => DayOfWeek.Friday;
                [Command("r.element")] public static JsonElement? Element() => null;
                [Command("r.thing")] public static Thing ThingResult() => new("t");
                [Command("r.null-thing")] public static Thing? NullThing(Thing? t = null) => t;
                [Command("r.task-thing")] public static Task<Thing?> TaskNullThing() => Task.FromResult<Thing?>(null);
                // The attribute makes the call maybe-null: taken as Thing? (a CS8600 in the generated file before session 27).
                [Command("r.maybe-null")] [return: System.Diagnostics.CodeAnalysis.MaybeNull] public static Thing MaybeNull(string? name = null) => name is null ? null! : new(name);
                [Command("r.maybe-null-array")] [return: System.Diagnostics.CodeAnalysis.MaybeNull] public static string[] MaybeNullArray() => null!;
                [Command("r.async-thing")] public static async Task<Thing> AsyncThing(Thing t) { await Task.Yield(); return t; }
            }
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("c.nested", "nested")]
    [InlineData("c.nested-instance", "nested instance")]
    [InlineData("c.part1", "part1")]
    [InlineData("c.part2", "part2")]
    [InlineData("c.struct", "struct")]
    [InlineData("c.record", "record")]
    [InlineData("c.record-class", "record class")]
    [InlineData("c.record-struct", "record struct")]
    [InlineData("c.primary", "primary")]
    [InlineData("c.interface", "interface")]
    [InlineData("c.constructors", "d'q")]
    [InlineData("c.required", "set by constructor")]
    [InlineData("c.obsolete", "obsolete")]
    [InlineData("c.obsolete-class", "obsolete class")]
    [InlineData("c.experimental", "experimental")]
    [InlineData("c.experimental-class", "experimental class On")]
    public async Task Every_container_dispatches(string name, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await _commands.SendAsync($$"""{"name":"{{name}}"}"""));

    [Theory]
    [InlineData("""{"name":"o.int","value":{"a":1}}""", "int 1")]
    [InlineData("""{"name":"o.long","value":{"a":2}}""", "long 2")]
    [InlineData("""{"name":"o.string","value":{"a":"s"}}""", "string s1")]
    [InlineData("""{"name":"o.params","value":{"a":3,"rest":["x","y"]}}""", "params 3x,y")]
    [InlineData("""{"name":"o.extension","value":"v"}""", "extension v")]
    public async Task Overloads_call_the_attributed_method(string request, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await _commands.SendAsync(request));

    [Fact]
    public async Task Defaults_are_the_values_written_in_the_source()
    {
        const string Konst = "6b.22.5c.a.2028.85.e9.d83d.de00.27";
        Assert.Equal(
            $$"""{"returncode":"0","message":"null 0 Neg Read, Write 4 NaN True 1.5 {{Konst}} 1E+30 -Infinity null Big 18446744073709551615 -1 -32768 255 -9223372036854775808 True -79228162514264337593543950335 00000000-0000-0000-0000-000000000000 Undefined 5 event 0 9.1.7f"}""",
            await _commands.SendAsync("""{"name":"d.all"}"""));
        Assert.Equal("""{"returncode":"0","message":"6c.69.6e.65.31.a.6c.69.6e.65.32.2028.78"}""", await _commands.SendAsync("""{"name":"d.raw"}"""));
    }

    [Fact]
    public void Descriptors_carry_valid_schemas_with_the_defaults()
    {
        var commands = _commands.CreateRegistry().Commands;
        foreach (var command in commands)
        {
            using var request = JsonDocument.Parse(command.RequestSchema);
            using var result = JsonDocument.Parse(command.ResultSchema);
        }

        using var raw = JsonDocument.Parse(commands.Single(c => c.Name == "d.raw").RequestSchema);
        Assert.Equal("line1\nline2\u2028x", raw.RootElement.GetProperty("default").GetString());
        using var all = JsonDocument.Parse(commands.Single(c => c.Name == "d.all").RequestSchema);
        var properties = all.RootElement.GetProperty("properties");
        Assert.Equal("k\"\\\n\u2028\u0085\u00e9\U0001F600'", properties.GetProperty("l").GetProperty("default").GetString());
        Assert.Equal("Neg", properties.GetProperty("c").GetProperty("default").GetString());
        Assert.False(properties.GetProperty("h").TryGetProperty("default", out _));
    }

    [Fact]
    public async Task Every_stated_default_is_the_schema_default_and_binds_to_the_default_itself()
    {
        // DefaultValue is JSON text in a form the command accepts: sending it changes nothing.
        var command = _commands.CreateRegistry().Commands.Single(c => c.Name == "d.all");
        using var schema = JsonDocument.Parse(command.RequestSchema);
        var properties = schema.RootElement.GetProperty("properties");
        var omitted = await _commands.SendAsync("""{"name":"d.all"}""");
        Assert.Contains(command.Parameters, p => p.DefaultValue is null);
        foreach (var parameter in command.Parameters)
        {
            var stated = properties.GetProperty(parameter.Name).TryGetProperty("default", out var value) ? value.GetRawText() : null;
            Assert.Equal(stated, parameter.DefaultValue);
            if (parameter.DefaultValue is { } json)
            {
                Assert.Equal(omitted, await _commands.SendAsync($$$"""{"name":"d.all","value":{"{{{parameter.Name}}}":{{{json}}}}}"""));
            }
        }
    }

    [Theory]
    // The message says why no value binds (before session 67 it ended "must be one of " with nothing after it); a
    // number, which System.Text.Json would read, is refused as for every enum the registry binds.
    [InlineData("""{"name":"d.empty-enum","value":{"n":"x","x":1}}""", "Property 'n' of command 'd.empty-enum' must be a member of enum 'Nothing', which has none")]
    [InlineData("""{"name":"d.empty-enum","value":{"n":0,"x":1}}""", "Property 'n' of command 'd.empty-enum' must be a member of enum 'Nothing', which has none")]
    [InlineData("""{"name":"d.empty-enum","value":{"x":1}}""", "Command 'd.empty-enum' requires property 'n'")]
    public async Task An_enum_without_members_binds_nothing(string request, string message) =>
        Assert.Equal($$"""{"returncode":"500","message":"{{message}}"}""", await _commands.SendAsync(request));

    [Theory]
    [InlineData("r.void", "0", "")]
    [InlineData("r.task", "0", "")]
    [InlineData("r.valuetask", "0", "")]
    [InlineData("r.task-int", "0", "1")]
    [InlineData("r.valuetask-long", "0", "null")]
    [InlineData("r.result", "0", "result")]
    [InlineData("r.task-result", "7", "seven")]
    [InlineData("r.valuetask-result", "0", "13")]
    [InlineData("r.string", "0", "")]
    [InlineData("r.task-string", "0", "")]
    [InlineData("r.int", "0", "null")]
    [InlineData("r.enum", "0", "'Friday'")]
    [InlineData("r.element", "0", "null")]
    [InlineData("r.thing", "0", "{'Name':'t'}")]
    [InlineData("r.null-thing", "0", "null")]
    [InlineData("r.task-thing", "0", "null")]
    [InlineData("r.maybe-null", "0", "null")]
    [InlineData("r.maybe-null-array", "0", "null")]
    public async Task Every_return_form_answers(string name, string code, string message) =>
        Assert.Equal($$"""{"returncode":"{{code}}","message":"{{message}}"}""", await _commands.SendAsync($$"""{"name":"{{name}}"}"""));

    [Theory]
    [InlineData("""{"name":"r.null-thing","value":{"t":{"Name":"n"}}}""", "{'Name':'n'}")]
    [InlineData("""{"name":"r.async-thing","value":{"t":{"Name":"a"}}}""", "{'Name':'a'}")]
    [InlineData("""{"name":"r.maybe-null","value":"m"}""", "{'Name':'m'}")]
    public async Task Complex_values_round_trip(string request, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await _commands.SendAsync(request));

    /// <summary>A <c>[return: MaybeNull]</c> result may be null, so its schema admits null, as a declared <c>Thing?</c>'s does.</summary>
    [Fact]
    public void A_maybe_null_result_is_described_as_nullable()
    {
        var commands = _commands.CreateRegistry().Commands;
        Assert.Equal(commands.Single(c => c.Name == "r.null-thing").ResultSchema, commands.Single(c => c.Name == "r.maybe-null").ResultSchema);
        Assert.Contains("\"null\"", commands.Single(c => c.Name == "r.maybe-null-array").ResultSchema, StringComparison.Ordinal);
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(TortureCompiler.Load(TortureCompiler.Usings + "using System.Linq;\n" + Source));
}
