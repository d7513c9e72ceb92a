using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// GA0029 against the real source-generated context: a public field the contract leaves out, going by the JSON
/// name of another member, makes System.Text.Json's fast-path serializer of its type throw, so every command whose
/// result writes that type answers an internal error; the analyzer warns at exactly those fields, and the
/// look-alikes it leaves alone (a field out of the generator's sight, a type without a fast path, options that
/// write through the metadata) are written fine. Each command's result holds one type of the sample.
/// </summary>
public sealed class FastPathFieldClashExecutionTests(FastPathFieldClashExecutionTests.Samples samples) : IClassFixture<FastPathFieldClashExecutionTests.Samples>
{
    private const string Types = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        // Each breaks the fast path: the field goes by the name of another member.
        public class Clash { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public class ClashBase { public string? name; }
        public sealed class Inherited : ClashBase { [JsonPropertyName("name")] public string? Name { get; set; } }
        public struct InStruct { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed record InRecord([property: JsonPropertyName("name")] string Name) { public string? name; }
        public sealed class ReadOnlyField { public readonly int size = 1; [JsonPropertyName("size")] public int Size { get; set; } }
        public sealed class TwoFields { public string? a; [JsonPropertyName("a")] public string? b; public int Count { get; set; } }
        public sealed class Conditional { public string? name; [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; set; } }
        public sealed class InternalObject { internal object? Other { get; set; } public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class IncludedBeside { public string? name; [JsonInclude, JsonPropertyName("name")] public string? Other; }
        // Each reached one way only: a member, a list's items, a dictionary's values, an array's items, a derived type's member.
        public sealed class Held { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class Holder { public Held? Inner { get; set; } }
        public sealed class Listed { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class Mapped { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class Arrayed { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class Spot { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }

        // Written fine: the field is out of the generator's sight, or the type has no fast path.
        public sealed class IgnoredField { [JsonIgnore] public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class InternalField { internal string? name = "field"; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class StaticField { public static string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class OtherCase { public string? name; public string? Name { get; set; } }
        public sealed class ObjectField { public object? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class HandledField { [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class ConvertedField { [JsonConverter(typeof(NumberConverter))] public int name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class IgnoredObject { [JsonIgnore] public object? Other { get; set; } public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
        public sealed class NumbersAsText { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class WithExtras { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } [JsonExtensionData] public Dictionary<string, JsonElement>? Extras { get; set; } }
        [JsonDerivedType(typeof(Circle), "circle")]
        [JsonDerivedType(typeof(Square), "square")]
        public class Shape { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class Circle : Shape;
        public sealed class Square : Shape { public Spot? At { get; set; } }
        public sealed class IncludedObject { [JsonInclude] internal object? Other { get; set; } public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class IncludedObjectField { [JsonInclude] internal object? other = null; public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        [JsonConverter(typeof(OwnConverter))]
        public sealed class OwnConverted { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class Tree { public List<Tree> Children { get; set; } = []; public string? Name { get; set; } }
        public sealed class Unwritten { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class Converted { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
        public class Named { [JsonPropertyName("name")] public string? Name { get; set; } }
        public sealed class Hiding : Named { public new string? Name; }
        public sealed class NeverWritten { [JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)] public Unwritten? Inner { get; set; } public int Count { get; set; } }
        public sealed class ByConverter { [JsonConverter(typeof(ConvertedConverter))] public Converted? Inner { get; set; } }

        public sealed class NumberConverter : JsonConverter<int>
        {
            public override int Read(ref Utf8JsonReader reader, System.Type type, JsonSerializerOptions options) => reader.GetInt32();
            public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
        }

        public sealed class ConvertedConverter : JsonConverter<Converted>
        {
            public override Converted Read(ref Utf8JsonReader reader, System.Type type, JsonSerializerOptions options) { reader.Skip(); return new(); }
            public override void Write(Utf8JsonWriter writer, Converted value, JsonSerializerOptions options) => writer.WriteStringValue("converted");
        }

        public sealed class OwnConverter : JsonConverter<OwnConverted>
        {
            public override OwnConverted Read(ref Utf8JsonReader reader, System.Type type, JsonSerializerOptions options) { reader.Skip(); return new(); }
            public override void Write(Utf8JsonWriter writer, OwnConverted value, JsonSerializerOptions options) => writer.WriteStringValue("own");
        }

        [JsonSerializable(typeof(Clash))] [JsonSerializable(typeof(Inherited))] [JsonSerializable(typeof(InStruct))] [JsonSerializable(typeof(InRecord))]
        [JsonSerializable(typeof(ReadOnlyField))] [JsonSerializable(typeof(TwoFields))] [JsonSerializable(typeof(Conditional))] [JsonSerializable(typeof(InternalObject))]
        [JsonSerializable(typeof(IncludedBeside))] [JsonSerializable(typeof(Holder))] [JsonSerializable(typeof(List<Listed>))] [JsonSerializable(typeof(Dictionary<string, Mapped>))]
        [JsonSerializable(typeof(Arrayed[]))] [JsonSerializable(typeof(InStruct?))] [JsonSerializable(typeof(IncludedObject))] [JsonSerializable(typeof(IncludedObjectField))] [JsonSerializable(typeof(OwnConverted))] [JsonSerializable(typeof(Tree))]
        [JsonSerializable(typeof(IgnoredField))] [JsonSerializable(typeof(InternalField))] [JsonSerializable(typeof(StaticField))] [JsonSerializable(typeof(OtherCase))]
        [JsonSerializable(typeof(ObjectField))] [JsonSerializable(typeof(HandledField))] [JsonSerializable(typeof(ConvertedField))] [JsonSerializable(typeof(IgnoredObject))]
        [JsonSerializable(typeof(NumbersAsText))] [JsonSerializable(typeof(WithExtras))] [JsonSerializable(typeof(Shape))] [JsonSerializable(typeof(Hiding))]
        [JsonSerializable(typeof(NeverWritten))] [JsonSerializable(typeof(ByConverter))]
        public partial class SampleJson : JsonSerializerContext;

        """;

    private const string CommandSource = """
        public static class Commands
        {
            [Command("clash")] public static Clash MakeClash() => new() { Name = "n" };
            [Command("inherited")] public static Inherited MakeInherited() => new();
            [Command("in-struct")] public static InStruct MakeInStruct() => new();
            [Command("in-record")] public static InRecord MakeInRecord() => new("n");
            [Command("read-only-field")] public static ReadOnlyField MakeReadOnlyField() => new();
            [Command("two-fields")] public static TwoFields MakeTwoFields() => new();
            [Command("conditional")] public static Conditional MakeConditional() => new();
            [Command("internal-object")] public static InternalObject MakeInternalObject() => new();
            [Command("included-beside")] public static IncludedBeside MakeIncludedBeside() => new();
            [Command("holder")] public static Holder MakeHolder() => new() { Inner = new() };
            [Command("list")] public static List<Listed> MakeList() => [new()];
            [Command("map")] public static Dictionary<string, Mapped> MakeMap() => new() { ["k"] = new() };
            [Command("array")] public static Arrayed[] MakeArray() => [new()];
            [Command("square")] public static Shape MakeSquare() => new Square { At = new() };
            [Command("maybe-struct")] public static InStruct? MakeMaybeStruct() => new InStruct();

            [Command("ignored-field")] public static IgnoredField MakeIgnoredField() => new() { Name = "n" };
            [Command("internal-field")] public static InternalField MakeInternalField() => new() { Name = "n" };
            [Command("static-field")] public static StaticField MakeStaticField() => new() { Name = "n" };
            [Command("other-case")] public static OtherCase MakeOtherCase() => new() { Name = "n" };
            [Command("object-field")] public static ObjectField MakeObjectField() => new() { Name = "n" };
            [Command("handled-field")] public static HandledField MakeHandledField() => new() { Name = "n" };
            [Command("converted-field")] public static ConvertedField MakeConvertedField() => new() { Name = "n" };
            [Command("ignored-object")] public static IgnoredObject MakeIgnoredObject() => new() { Name = "n" };
            [Command("numbers-as-text")] public static NumbersAsText MakeNumbersAsText() => new() { Name = "n" };
            [Command("with-extras")] public static WithExtras MakeWithExtras() => new() { Name = "n" };
            [Command("shape")] public static Shape MakeShape() => new Circle { Name = "n" };
            [Command("hiding")] public static Hiding MakeHiding() => new();
            [Command("included-object")] public static IncludedObject MakeIncludedObject() => new() { Name = "n" };
            [Command("included-object-field")] public static IncludedObjectField MakeIncludedObjectField() => new() { Name = "n" };
            [Command("tree")] public static Tree MakeTree() => new() { Children = [new()] };
            [Command("own-converted")] public static OwnConverted MakeOwnConverted() => new() { Name = "n" };
            [Command("never-written")] public static NeverWritten MakeNeverWritten() => new() { Inner = new(), Count = 1 };
            [Command("by-converter")] public static ByConverter MakeByConverter() => new() { Inner = new() };
        }
        """;

    [Theory]
    [InlineData("clash")]
    [InlineData("inherited")]
    [InlineData("in-struct")]
    [InlineData("in-record")]
    [InlineData("read-only-field")]
    [InlineData("two-fields")]
    [InlineData("conditional")]
    [InlineData("internal-object")]
    [InlineData("included-beside")]
    [InlineData("holder")]
    [InlineData("list")]
    [InlineData("map")]
    [InlineData("array")]
    [InlineData("square")]
    [InlineData("maybe-struct")]
    public async Task A_result_writing_a_reported_type_fails_in_the_real_context(string command) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, "null")));

    [Theory]
    [InlineData("ignored-field", "{'name':'n'}")]
    [InlineData("internal-field", "{'name':'n'}")]
    [InlineData("static-field", "{'name':'n'}")]
    [InlineData("other-case", "{'Name':'n'}")]
    [InlineData("object-field", "{'name':'n'}")]
    [InlineData("handled-field", "{'name':'n'}")]
    [InlineData("converted-field", "{'name':'n'}")]
    [InlineData("ignored-object", "{'name':'n'}")]
    [InlineData("numbers-as-text", "{'name':'n'}")]
    [InlineData("with-extras", "{'name':'n'}")]
    [InlineData("shape", "{'$type':'circle','name':'n'}")]
    [InlineData("hiding", "{'name':null}")]
    [InlineData("included-object", "{'Other':null,'name':'n'}")]
    [InlineData("included-object-field", "{'name':'n','other':null}")]
    [InlineData("own-converted", "'own'")]
    [InlineData("tree", "{'Children':[{'Children':[],'Name':null}],'Name':null}")]
    [InlineData("never-written", "{'Count':1}")]
    [InlineData("by-converter", "{'Inner':'converted'}")]
    public async Task Look_alikes_the_analyzer_leaves_alone_are_written(string command, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request(command, "null")));

    [Fact]
    public void The_analyzer_warns_once_at_each_field_that_breaks_a_fast_path()
    {
        Assert.All(samples.Diagnostics, d => Assert.Equal(("GA0029", DiagnosticSeverity.Warning), (d.Id, d.Severity)));
        Assert.Equal(
            ["name", "name", "name", "name", "size", "b", "name", "name", "name", "name", "name", "name", "name", "name"],
            samples.Diagnostics.Select(d => d.Location.SourceTree!.GetText(TestContext.Current.CancellationToken).ToString(d.Location.SourceSpan)));
        Assert.Equal(
            ["Clash", "Inherited", "InStruct", "InRecord", "ReadOnlyField", "TwoFields", "Conditional", "InternalObject", "IncludedBeside", "Held", "Listed", "Mapped", "Arrayed", "Spot"],
            samples.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1].Split('.')[0]));
        Assert.Equal(
            "'Inherited.name' is a public field the JSON context leaves out, but System.Text.Json's generator counts it as it lays out the fast path that writes 'Inherited', "
            + "where it goes by 'name' as 'Inherited.Name' does, so the context throws InvalidOperationException whenever it writes a 'Inherited' (a command's result holds one); "
            + "mark the field [JsonIgnore], make it internal or private, or give it another [JsonPropertyName]",
            samples.Diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("'TwoFields.b' is a public field", samples.Diagnostics[5].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("where it goes by 'a' as 'TwoFields.a' does", samples.Diagnostics[5].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>
    /// Under each of these options, the sample's types break the fast path (or not) as reported: names compared
    /// ignoring case or renamed by a policy collide where they did not; options that make .NET 10 write through the
    /// metadata (a converter, numbers written as text, references, a key policy, metadata-only generation) leave
    /// every type written fine. A <c>[JsonSerializable]</c> asking for metadata only turns the check off for the
    /// whole context (a type it reaches takes the mode of the first such root that does, probed, which is not worked
    /// out here), so the fault it leaves is not reported there.
    /// A get-only member under <c>IgnoreReadOnlyProperties</c>, or any under <c>WhenWriting</c>, is never written: its
    /// type's fault does no harm (the result itself is still written, as <c>{}</c>).
    /// </summary>
    [Theory]
    [InlineData("", "Clash Kept", "Clash Keeper")]
    [InlineData("[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]", "Clash Cased Kept", "Clash Cased Keeper")]
    [InlineData("[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]", "Clash Cased Kept", "Clash Cased Keeper")]
    [InlineData("[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]", "Clash Cased Snake Kept", "Clash Cased Snake Keeper")]
    [InlineData("[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]", "Clash Kept", "Clash Keeper")]
    [InlineData("[JsonSourceGenerationOptions(UseStringEnumConverter = true)]", "Clash Kept", "Clash Keeper")]
    [InlineData("[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization)]", "Clash Kept", "Clash Keeper")]
    [InlineData("[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.WriteAsString)]", "", "")]
    [InlineData("[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]", "", "")]
    [InlineData("[JsonSourceGenerationOptions(ReferenceHandler = JsonKnownReferenceHandler.Preserve)]", "", "")]
    [InlineData("[JsonSourceGenerationOptions(ReferenceHandler = JsonKnownReferenceHandler.IgnoreCycles)]", "", "")]
    [InlineData("[JsonSourceGenerationOptions(DictionaryKeyPolicy = JsonKnownNamingPolicy.CamelCase)]", "", "")]
    [InlineData("[JsonSourceGenerationOptions(Converters = new[] { typeof(JsonStringEnumConverter) })]", "", "")]
    [InlineData("[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]", "", "")]
    [InlineData("[JsonSerializable(typeof(int), GenerationMode = JsonSourceGenerationMode.Metadata)]", "", "Clash Keeper")]
    [InlineData("[JsonSourceGenerationOptions(IgnoreReadOnlyProperties = true)]", "Clash", "Clash")]
    [InlineData("[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWriting)]", "Clash", "Clash")]
    [InlineData("[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]", "Clash Kept", "Clash Keeper")]
    [InlineData("[JsonSourceGenerationOptions(IgnoreReadOnlyFields = true)]", "Clash Kept", "Clash Keeper")]
    public async Task Options_decide_whether_the_fast_path_is_taken(string options, string reported, string failing)
    {
        var source = """
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

            namespace Sample;

            public sealed class Clash { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
            public sealed class Cased { public string? name; public string? Name { get; set; } }
            public sealed class Snake { public string? foo_bar; public string? FooBar { get; set; } }
            public sealed class Kept { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
            public sealed class Keeper { public Kept Inner { get; } = new(); }

            OPTIONS
            [JsonSerializable(typeof(Clash))] [JsonSerializable(typeof(Cased))] [JsonSerializable(typeof(Snake))] [JsonSerializable(typeof(Keeper))]
            public partial class SampleJson : JsonSerializerContext;

            public static class Commands
            {
                [Command("Clash")] public static Clash MakeClash() => new();
                [Command("Cased")] public static Cased MakeCased() => new();
                [Command("Snake")] public static Snake MakeSnake() => new();
                [Command("Keeper")] public static Keeper MakeKeeper() => new();
            }
            """.Replace("OPTIONS", options, StringComparison.Ordinal);

        var diagnostics = await AnalyzedSamples.AnalyzeAsync(source);
        using var commands = LoadedCommands.Compile(source);

        Assert.Equal(Words(reported), diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1].Split('.')[0]));
        Assert.All(diagnostics, d => Assert.Equal("GA0029", d.Id));
        foreach (var command in new[] { "Clash", "Cased", "Snake", "Keeper" })
        {
            var answer = await commands.SendAsync(AnalyzedSamples.Request(command, "null"));
            Assert.True(
                Words(failing).Contains(command) == (answer == AnalyzedSamples.InternalError(command)),
                $"{command} under {options}: {answer}");
        }
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Types + CommandSource);
}
