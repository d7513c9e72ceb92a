using System.Text.Json;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The JSON contracts the generator writes for shapes the other schema tests leave out: null
/// admitted where the type allows it, the formats of Guid and dates, enums the context writes, a
/// dictionary keyed by numbers, inherited, hidden, static and ignored properties, members opted in
/// with [JsonInclude], fields under IncludeFields, the nesting limit,
/// required members from constructors, and defaults that have no JSON form.
/// </summary>
public sealed class ContractSchemaExecutionTests(ContractSchemaExecutionTests.Compiled compiled) : IClassFixture<ContractSchemaExecutionTests.Compiled>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        [Flags] public enum Perm { None = 0, Read = 1, Write = 2 }

        public enum Level : byte { Low, High }

        public enum Access { None, Read, Write }

        public class Base
        {
            public string Inherited { get; set; } = "i";
            public string Hidden { get; set; } = "base";
        }

        public sealed class Report : Base
        {
            public static int Count { get; set; } = 3;
            public new string Hidden { get; set; } = "derived";
            [JsonIgnore] public string Secret { get; set; } = "s";
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Shown { get; set; } = "shown";
            public int? Maybe { get; set; }
            public string? Note { get; set; }
            public Guid Id { get; set; }
            public DateTime When { get; set; }
            public DateTimeOffset At { get; set; }
            public double Ratio { get; set; } = 0.5;
            public Level Level { get; set; } = Level.High;
            [JsonConverter(typeof(JsonStringEnumConverter<Perm>))] public Perm Perm { get; set; } = Perm.Read | Perm.Write;
            public Dictionary<int, string> ByNumber { get; set; } = new() { [1] = "one" };
            public Node Chain { get; set; } = new() { Next = new() };
            public Memory<int> Window { get; set; } = new[] { 1, 2 };
            public ReadOnlyMemory<string> Names { get; set; } = new[] { "a" };
        }

        public sealed class Node
        {
            public Node? Next { get; set; }
        }

        public sealed class Lower
        {
            public Lower(string name) => Name = name;

            public string Name { get; }
        }

        public sealed class Marked
        {
            public Marked() { }

            [JsonConstructor] public Marked(string name) => Name = name;

            public string Name { get; set; } = "";
        }

        public struct Pair
        {
            public Pair(int left) => Left = left;

            public int Left { get; set; }
        }

        public sealed class Opted
        {
            [JsonInclude] public int Counted = 1;
            [JsonInclude] internal string Tag { get; set; } = "t";
            [JsonInclude] internal int InternalCount = 2;
            public int Skipped = 3;
            public string Name { get; set; } = "o";
        }

        [JsonSerializable(typeof(Report))]
        [JsonSerializable(typeof(Opted))]
        [JsonSerializable(typeof(Lower))]
        [JsonSerializable(typeof(Marked))]
        [JsonSerializable(typeof(Pair))]
        [JsonSourceGenerationOptions(RespectRequiredConstructorParameters = true)]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("report")] public static Report Make() => new();
            [Command("opted")] public static Opted MakeOpted() => new();
            [Command("lower")] public static string TakeLower(Lower lower) => lower.Name;
            [Command("marked")] public static string TakeMarked(Marked marked) => marked.Name;
            [Command("pair")] public static int TakePair(Pair pair) => pair.Left;
            [Command("defaults")] public static string Defaults(float scale = 1.5F, Access odd = (Access)3, Perm extra = (Perm)8) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{scale} {odd} {extra}");
            [Command("noop")] public static void Noop() { }
        }
        """;

    /// <summary>A context that writes public fields too, and names members in snake_case.</summary>
    private const string FieldsSource = """
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.FieldsJson))]

        namespace Sample;

        public sealed class Gauge
        {
            public static int Shared = 3;
            public const int Max = 9;
            public int ReadingValue = 5;
            public readonly string UnitName = "c";
            [JsonPropertyName("explicit")] public int Renamed = 1;
            [JsonIgnore] public string Secret = "s";
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? MaybeNote = "m";
            private int _private = 2;

            public int Private() => _private;
        }

        [JsonSerializable(typeof(Gauge))]
        [JsonSourceGenerationOptions(IncludeFields = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
        public partial class FieldsJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("gauge")] public static Gauge Make() => new();
            [Command("read")] public static string Read(Gauge gauge) => $"{gauge.ReadingValue} {gauge.MaybeNote} {gauge.UnitName}";
        }
        """;

    /// <summary>A string-enum converter for one enum on a property of another.</summary>
    private const string OtherEnumConverterSource = """
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.MismatchJson))]

        namespace Sample;

        public enum Level { Low, High }

        public enum Other { A, B }

        public sealed class Mismatch
        {
            [JsonConverter(typeof(JsonStringEnumConverter<Other>))] public Level Level { get; set; } = Level.High;
        }

        [JsonSerializable(typeof(Mismatch))]
        public partial class MismatchJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("mismatch")] public static Mismatch Make() => new();
            [Command("take")] public static string Take(Mismatch mismatch) => mismatch.Level.ToString();
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Fact]
    public async Task The_result_schema_lists_the_properties_written()
    {
        // Inherited ones, a hiding property once, one ignored only when null; no static or ignored one.
        var (schema, written) = await Report();
        Assert.Equal(
            ["At", "ByNumber", "Chain", "Hidden", "Id", "Inherited", "Level", "Maybe", "Names", "Note", "Perm", "Ratio", "Shown", "When", "Window"],
            Names(written));
        Assert.Equal(Names(written), Names(schema));
    }

    [Fact]
    public async Task Members_opted_in_with_JsonInclude_are_listed()
    {
        // A public field and internal members marked [JsonInclude]; an unmarked field stays off
        // the wire while the context leaves IncludeFields unset.
        var (schema, written) = await Written(_commands, "opted");
        Assert.Equal(["Counted", "InternalCount", "Name", "Tag"], Names(written));
        Assert.Equal(Names(written), Names(schema));
        Assert.Equal("""{"type":"string"}""", schema.GetProperty("Tag").GetRawText());
    }

    [Fact]
    public async Task With_IncludeFields_every_public_field_is_listed_by_its_wire_name()
    {
        using var commands = LoadedCommands.Compile(FieldsSource);
        var (schema, written) = await Written(commands, "gauge");
        Assert.Equal(["explicit", "maybe_note", "reading_value", "unit_name"], Names(written));
        Assert.Equal(Names(written), Names(schema));
        Assert.Equal("""{"type":"string"}""", schema.GetProperty("unit_name").GetRawText());
    }

    [Fact]
    public async Task An_ignored_field_is_left_out_and_one_ignored_only_when_null_is_listed()
    {
        using var commands = LoadedCommands.Compile(FieldsSource);
        var (schema, written) = await Written(commands, "gauge");
        Assert.False(written.TryGetProperty("secret", out _));
        Assert.False(schema.TryGetProperty("secret", out _));
        Assert.Equal("m", written.GetProperty("maybe_note").GetString());
        Assert.Equal("""{"anyOf":[{"type":"string"},{"type":"null"}]}""", schema.GetProperty("maybe_note").GetRawText());
    }

    [Fact]
    public async Task The_context_reads_the_fields_the_schema_lists()
    {
        using var commands = LoadedCommands.Compile(FieldsSource);
        // A read-only field is written but never read: the request schema leaves it out.
        using var schema = JsonDocument.Parse(commands.CreateRegistry().Commands.Single(c => c.Name == "read").RequestSchema);
        Assert.Equal(["explicit", "maybe_note", "reading_value"], Names(schema.RootElement.GetProperty("properties").GetProperty("gauge").GetProperty("properties")));
        Assert.Equal("""{"returncode":"0","message":"7 x c"}""", await commands.SendAsync("""{"name":"read","value":{"gauge":{"reading_value":7,"explicit":1,"maybe_note":"x","unit_name":"y"}}}"""));
    }

    [Fact]
    public async Task Each_member_is_described_as_it_is_written()
    {
        var (schema, written) = await Report();
        Assert.Equal("""{"anyOf":[{"type":"integer","minimum":-2147483648,"maximum":2147483647},{"type":"null"}]}""", schema.GetProperty("Maybe").GetRawText());
        Assert.Equal("""{"anyOf":[{"type":"string"},{"type":"null"}]}""", schema.GetProperty("Note").GetRawText());
        Assert.Equal(JsonValueKind.Null, written.GetProperty("Maybe").ValueKind);
        Assert.Equal(JsonValueKind.Null, written.GetProperty("Note").ValueKind);
        Assert.Equal("""{"type":"string","format":"uuid"}""", schema.GetProperty("Id").GetRawText());
        Assert.True(Guid.TryParseExact(written.GetProperty("Id").GetString(), "D", out _));
        // A DateTime of Kind Unspecified (the default) is written without an offset, which date-time refuses.
        Assert.Equal(
            """{"type":"string","anyOf":[{"format":"date-time"},{"pattern":"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{0,6}[1-9])?$"}]}""",
            schema.GetProperty("When").GetRawText());
        Assert.Equal("0001-01-01T00:00:00", written.GetProperty("When").GetString());
        SchemaMatcher.AssertMatches(schema.GetProperty("When"), written.GetProperty("When"), "When");
        SchemaMatcher.AssertMatches(schema.GetProperty("At"), written.GetProperty("At"), "At");
        Assert.Equal("""{"type":"string","format":"date-time"}""", schema.GetProperty("At").GetRawText());
        Assert.Equal("number", schema.GetProperty("Ratio").GetProperty("type").GetString());
        Assert.Equal(0.5, written.GetProperty("Ratio").GetDouble());
        Assert.Equal("""{"type":"integer","minimum":0,"maximum":255}""", schema.GetProperty("Level").GetRawText());
        Assert.Equal(1, written.GetProperty("Level").GetInt32());
        // A combination is written "Read, Write": no list of member names describes it.
        Assert.Equal("""{"type":"string"}""", schema.GetProperty("Perm").GetRawText());
        Assert.Equal("Read, Write", written.GetProperty("Perm").GetString());
        Assert.Equal("""{"type":"object","additionalProperties":{"type":"string"},"propertyNames":{"pattern":"^(0|-?[1-9][0-9]*)$"}}""", schema.GetProperty("ByNumber").GetRawText());
        Assert.Equal("""{"1":"one"}""", written.GetProperty("ByNumber").GetRawText());
        // Written as an array of its items (its own converter), not by the struct's properties.
        Assert.Equal("""{"type":"array","items":{"type":"integer","minimum":-2147483648,"maximum":2147483647}}""", schema.GetProperty("Window").GetRawText());
        Assert.Equal("[1,2]", written.GetProperty("Window").GetRawText());
        Assert.Equal("""{"type":"array","items":{"type":"string"}}""", schema.GetProperty("Names").GetRawText());
        Assert.Equal("""["a"]""", written.GetProperty("Names").GetRawText());
    }

    [Fact]
    public async Task A_recursive_type_is_described_four_levels_deep()
    {
        var (schema, _) = await Report();
        Assert.Equal(
            """{"type":"object","properties":{"Next":{"anyOf":[{"type":"object","properties":{"Next":{"anyOf":[{"type":"object","properties":{"Next":{}}},{"type":"null"}]}}},{"type":"null"}]}}}""",
            schema.GetProperty("Chain").GetRawText());
    }

    [Theory]
    [InlineData("lower", "lower", """{"type":"object","properties":{"Name":{"type":"string"}},"required":["Name"]}""")]
    [InlineData("marked", "marked", """{"type":"object","properties":{"Name":{"type":"string"}},"required":["Name"]}""")]
    [InlineData("pair", "pair", """{"type":"object","properties":{"Left":{"type":"integer","minimum":-2147483648,"maximum":2147483647}}}""")]
    public void Constructor_parameters_are_required_as_the_context_binds_them(string command, string parameter, string expected)
    {
        // Lower: the parameter matches its property ignoring case. Marked: [JsonConstructor] over
        // the parameterless one. Pair: a struct is made with its parameterless constructor.
        using var schema = JsonDocument.Parse(_commands.CreateRegistry().Commands.Single(c => c.Name == command).RequestSchema);
        Assert.Equal(expected, schema.RootElement.GetProperty("properties").GetProperty(parameter).GetRawText());
    }

    [Theory]
    [InlineData("""{"name":"lower","value":{"lower":{}}}""", "500")]
    [InlineData("""{"name":"marked","value":{"marked":{}}}""", "500")]
    [InlineData("""{"name":"pair","value":{"pair":{}}}""", "0")]
    public async Task The_context_requires_what_the_schema_says(string request, string code) =>
        Assert.StartsWith($$"""{"returncode":"{{code}}",""", await _commands.SendAsync(request), StringComparison.Ordinal);

    [Fact]
    public async Task Defaults_that_the_binder_would_refuse_have_no_json_form()
    {
        var parameters = _commands.CreateRegistry().Commands.Single(c => c.Name == "defaults").Parameters;
        Assert.Equal(["1.5", null, null], parameters.Select(p => p.DefaultValue));
        Assert.Equal("""{"returncode":"0","message":"1.5 3 8"}""", await _commands.SendAsync("""{"name":"defaults"}"""));
        Assert.StartsWith("""{"returncode":"500",""", await _commands.SendAsync("""{"name":"defaults","value":{"odd":"Read, Write"}}"""), StringComparison.Ordinal);
        Assert.StartsWith("""{"returncode":"500",""", await _commands.SendAsync("""{"name":"defaults","value":{"extra":8}}"""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_context_refuses_a_string_enum_converter_for_another_enum_both_ways()
    {
        // So no working contract describes such a property, whatever the schema says of it
        // (generator_schema.py's mutant 18 is equivalent for that reason).
        using var commands = LoadedCommands.Compile(OtherEnumConverterSource);
        var registry = commands.CreateRegistry();
        var invocation = new CommandInvocation("1", new ExchangeSession(), EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);
        var refused = Assert.Throws<InvalidOperationException>(() => registry.TryDispatch("mismatch"u8, default, invocation, out _));
        Assert.Contains("is not compatible with the type 'Sample.Level'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(
            """{"returncode":"500","message":"Command 'take' failed with an internal error"}""",
            await commands.SendAsync("""{"name":"take","value":{"mismatch":{"Level":"High"}}}"""));
    }

    [Fact]
    public void A_void_command_answers_an_empty_string() =>
        Assert.EndsWith(""","type":"string","const":""}""", _commands.CreateRegistry().Commands.Single(c => c.Name == "noop").ResultSchema, StringComparison.Ordinal);

    private Task<(JsonElement Schema, JsonElement Written)> Report() => Written(_commands, "report");

    /// <summary>The result schema's properties and the object the real context writes for <paramref name="command"/>.</summary>
    private static async Task<(JsonElement Schema, JsonElement Written)> Written(LoadedCommands commands, string command)
    {
        var registry = commands.CreateRegistry();
        var schema = JsonDocument.Parse(registry.Commands.Single(c => c.Name == command).ResultSchema).RootElement.GetProperty("properties");
        var invocation = new CommandInvocation("1", new ExchangeSession(), EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);
        Assert.True(registry.TryDispatch(System.Text.Encoding.UTF8.GetBytes(command), default, invocation, out var running));
        return (schema, JsonDocument.Parse((await running).Message).RootElement);
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}
