using System.Globalization;
using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The JSON contract of numbers under <c>JsonNumberHandling</c>, against the real source-generated
/// context: what it writes matches the result schema, and a request the request schema admits (a
/// number as a string where reading from strings is allowed) is read, while the same string where it
/// is not is refused, as the schema says. A member's own attribute, the type's (its inherited members
/// too, not a member's type's members, nor a list of lists) and the options' are each followed; a
/// parameter's own number stays strict, as the generated binder reads it itself.
/// </summary>
public sealed class NumberHandlingSchemaExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Counts
        {
            [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] public int Size { get; set; } = 1;
            [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public List<int> Sizes { get; set; } = [2];
            [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] public double Ratio { get; set; } = double.NaN;
            [JsonNumberHandling(JsonNumberHandling.WriteAsString)] public Dictionary<string, long> ByName { get; set; } = new() { ["a"] = 3 };
            public int Plain { get; set; } = 4;
        }

        public class TypedBase { public int Inherited { get; set; } = 8; }
        public sealed class Inner { public int Deep { get; set; } = 9; }

        [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
        public sealed class Typed : TypedBase
        {
            public int Own { get; set; } = 6;
            public List<List<int>> Rows { get; set; } = [[7]];
            public Inner Inner { get; set; } = new();
            [JsonNumberHandling(JsonNumberHandling.Strict)] public int Strict { get; set; } = 5;
        }

        [JsonSerializable(typeof(Counts))] [JsonSerializable(typeof(Typed))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("counts")] public static Counts MakeCounts() => new();
            [Command("take-counts")] public static string TakeCounts(Counts counts) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{counts.Size} {counts.Sizes.Sum()} {counts.Ratio} {counts.ByName.Values.Sum()} {counts.Plain}");
            [Command("typed")] public static Typed MakeTyped() => new();
            [Command("take-typed")] public static string TakeTyped(Typed typed) => $"{typed.Own} {typed.Inherited} {typed.Strict}";
        }
        """;

    private const string OptionsSource = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Everywhere { public int N { get; set; } = 1; public List<List<int>> Rows { get; set; } = [[2]]; public float F { get; set; } = 3.5f; }

        [JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
        [JsonSerializable(typeof(Everywhere))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("everywhere")] public static Everywhere Make() => new();
            [Command("take-everywhere")] public static int Take(Everywhere value) => value.N + value.Rows[0][0];
            [Command("number")] public static int Number(int n) => n;
        }
        """;

    [Theory]
    [InlineData("counts", """{"Size":"1","Sizes":[2],"Ratio":"NaN","ByName":{"a":"3"},"Plain":4}""")]
    [InlineData("typed", """{"Own":"6","Rows":[[7]],"Inner":{"Deep":9},"Strict":5,"Inherited":"8"}""")]
    public async Task What_the_context_writes_matches_the_result_schema(string command, string expected)
    {
        var commands = samples.Compile(Source);
        var written = await CommandContracts.Written(commands, command);

        Assert.Equal(expected, written.GetRawText().Replace(" ", "", StringComparison.Ordinal));
        SchemaMatcher.AssertMatches(CommandContracts.Schema(commands, command, request: false), written, command);
    }

    [Fact]
    public async Task The_options_handling_reaches_every_number_written()
    {
        var commands = samples.Compile(OptionsSource);
        var written = await CommandContracts.Written(commands, "everywhere");

        Assert.Equal("""{"N":"1","Rows":[["2"]],"F":"3.5"}""", written.GetRawText());
        SchemaMatcher.AssertMatches(CommandContracts.Schema(commands, "everywhere", request: false), written, "everywhere");
    }

    [Theory]
    [InlineData("take-counts", "counts", """{"Size":"1","Sizes":["2",3],"Ratio":"Infinity","ByName":{"a":4},"Plain":5}""", "1 5 Infinity 4 5")]
    [InlineData("take-typed", "typed", """{"Own":"6","Inherited":"7","Strict":8}""", "6 7 8")]
    public async Task A_request_the_request_schema_admits_is_read(string command, string parameter, string value, string answer)
    {
        var commands = samples.Compile(Source);
        using var request = JsonDocument.Parse(value);

        SchemaMatcher.AssertMatches(CommandContracts.Schema(commands, command, request: true).GetProperty("properties").GetProperty(parameter), request.RootElement, command);
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{answer}}"}""",
            await commands.SendAsync($$$"""{"name":"{{{command}}}","value":{"{{{parameter}}}":{{{value}}}}}"""));
    }

    [Theory]
    [InlineData("take-counts", "counts", """{"Plain":"5"}""")]
    [InlineData("take-counts", "counts", """{"Ratio":"1.5"}""")]
    [InlineData("take-typed", "typed", """{"Strict":"8"}""")]
    public async Task A_number_as_a_string_where_the_schema_wants_a_number_is_refused_by_the_context(string command, string parameter, string value)
    {
        var commands = samples.Compile(Source);
        using var request = JsonDocument.Parse(value);

        Assert.False(SchemaMatcher.Matches(CommandContracts.Schema(commands, command, request: true).GetProperty("properties").GetProperty(parameter), request.RootElement));
        Assert.StartsWith(
            $$"""{"returncode":"500","message":"Property '{{parameter}}' of command '{{command}}' must be a JSON value of type""",
            await commands.SendAsync($$$"""{"name":"{{{command}}}","value":{"{{{parameter}}}":{{{value}}}}}"""),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_s_own_number_stays_strict_under_the_options_handling()
    {
        var commands = samples.Compile(OptionsSource);

        Assert.Equal(
            """{"type":"integer","minimum":-2147483648,"maximum":2147483647}""",
            CommandContracts.Schema(commands, "number", request: true).GetProperty("properties").GetProperty("n").GetRawText());
        Assert.StartsWith("""{"returncode":"500","message":"Property 'n' of command 'number' must be""", await commands.SendAsync("""{"name":"number","value":{"n":"5"}}"""), StringComparison.Ordinal);
        Assert.Equal("""{"returncode":"0","message":"3"}""", await commands.SendAsync("""{"name":"take-everywhere","value":{"value":{"N":"1","Rows":[["2"]]}}}"""));
    }
}
