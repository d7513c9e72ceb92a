using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Two <c>[JsonExtensionData]</c> shapes the real source-generated context (.NET 10) never fills,
/// with the analyzer's GA0024 on each: an auto-property whose backing field alone is marked
/// (<c>[field: JsonExtensionData]</c>: the JSON generator says nothing, and reads and writes the
/// property as an ordinary member), and a dictionary under both <c>[JsonIgnore(Condition = WhenReading)]</c>
/// and Populate (on the member or its type, a property or a field), which, unlike any other member
/// so marked, is not read into the value its getter gives: the binder does not look into it either.
/// </summary>
public sealed class ExtensionDataNeverFilledExecutionTests(ExtensionDataNeverFilledExecutionTests.Samples samples) : IClassFixture<ExtensionDataNeverFilledExecutionTests.Samples>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Backing { public int A { get; set; } [field: JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; } }
        public sealed class BackingGetOnly { public int A { get; set; } [field: JsonExtensionData] public Dictionary<string, JsonElement> Extra { get; } = new(); }
        public sealed class ReadingPopulated
        {
            public int A { get; set; }
            [JsonExtensionData, JsonIgnore(Condition = JsonIgnoreCondition.WhenReading), JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
            public Dictionary<string, JsonElement> Extra { get; set; } = new();
        }
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class TypePopulated { public int A { get; set; } [JsonExtensionData, JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public Dictionary<string, JsonElement> Extra { get; } = new(); }
        public sealed class FieldPopulated
        {
            public int A { get; set; }
            [JsonInclude, JsonExtensionData, JsonIgnore(Condition = JsonIgnoreCondition.WhenReading), JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
            public Dictionary<string, JsonElement> Extra = new();
        }

        // Not extension data: read into the list its getter gives, so checked.
        public sealed class PopulatedList { [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading), JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<JsonElement> Items { get; } = []; }

        [JsonSerializable(typeof(PopulatedList))]
        [JsonSerializable(typeof(Backing))] [JsonSerializable(typeof(BackingGetOnly))] [JsonSerializable(typeof(ReadingPopulated))]
        [JsonSerializable(typeof(TypePopulated))] [JsonSerializable(typeof(FieldPopulated))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("backing")] public static string TakeBacking(Backing s) => s.A + " " + Keys(s.Extra);
            [Command("backing-get-only")] public static string TakeBackingGetOnly(BackingGetOnly s) => s.A + " " + Keys(s.Extra);
            [Command("reading-populated")] public static string TakeReadingPopulated(ReadingPopulated s) => s.A + " " + Keys(s.Extra);
            [Command("type-populated")] public static string TakeTypePopulated(TypePopulated s) => s.A + " " + Keys(s.Extra);
            [Command("field-populated")] public static string TakeFieldPopulated(FieldPopulated s) => s.A + " " + Keys(s.Extra);
            [Command("populated-list")] public static int TakePopulatedList(PopulatedList s) => s.Items.Count;
            [Command("make-backing")] public static Backing MakeBacking() => new() { A = 1, Extra = new() { ["q"] = JsonDocument.Parse("2").RootElement } };

            private static string Keys(Dictionary<string, JsonElement>? extra) => extra is null ? "null" : "[" + string.Join(",", extra.Keys) + "]";
        }
        """;

    [Theory]
    [InlineData("backing", "1 null")]
    [InlineData("backing-get-only", "1 []")]
    [InlineData("reading-populated", "1 []")]
    [InlineData("type-populated", "1 []")]
    [InlineData("field-populated", "1 []")]
    public async Task The_context_drops_every_member_no_property_names(string command, string message) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{message}}"}""",
            await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"s":{"A":1,"z":2,"y":"t"}}""")));

    // What the dictionary would hold is never read, so a string no .NET string can hold there is
    // dropped as the rest is, not refused: the binder no longer looks into the member. (Such a
    // string as a member's name the context refuses itself: it must unescape a name to match it.)
    [Theory]
    [InlineData("reading-populated", "ReadingPopulated")]
    [InlineData("type-populated", "TypePopulated")]
    [InlineData("field-populated", "FieldPopulated")]
    public async Task An_unreadable_string_the_context_drops_is_not_refused(string command, string type)
    {
        Assert.Equal(
            """{"returncode":"0","message":"1 []"}""",
            await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"s":{"A":1,"z":"\ud800","x":[{"y":"\udfff"}]}}""")));
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property 's' of command '{{command}}' must be a JSON value of type '{{type}}'"}""",
            await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"s":{"A":1,"\udc00":2}}""")));
    }

    [Fact]
    public async Task Another_member_ignored_when_reading_but_populated_is_read_and_checked()
    {
        Assert.Equal(
            """{"returncode":"0","message":"2"}""",
            await samples.Commands.SendAsync(AnalyzedSamples.Request("populated-list", """{"s":{"Items":[1,"a"]}}""")));
        Assert.Equal(
            """{"returncode":"500","message":"Property 's' of command 'populated-list' must be valid Unicode text"}""",
            await samples.Commands.SendAsync(AnalyzedSamples.Request("populated-list", """{"s":{"Items":["\ud800"]}}""")));
    }

    [Fact]
    public async Task A_property_whose_backing_field_alone_is_marked_is_read_and_written_as_an_ordinary_member()
    {
        Assert.Equal(
            """{"returncode":"0","message":"0 [k]"}""",
            await samples.Commands.SendAsync(AnalyzedSamples.Request("backing", """{"s":{"Extra":{"k":1}}}""")));
        Assert.Equal(
            """{"returncode":"0","message":"{'A':1,'Extra':{'q':2}}"}""",
            await samples.Commands.SendAsync(AnalyzedSamples.Request("make-backing", "{}")));
    }

    [Fact]
    public void The_analyzer_reports_each_with_GA0024()
    {
        Assert.Equal(
            ["GA0024 TakeBacking", "GA0024 TakeBackingGetOnly", "GA0024 TakeReadingPopulated", "GA0024 TakeTypePopulated", "GA0024 TakeFieldPopulated"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));
        var messages = samples.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.EndsWith(
            "whose [JsonExtensionData] property 'Backing.Extra' has the attribute on its backing field only ([field: JsonExtensionData]), which the JSON context never looks at, "
            + "so the context never fills it and drops without an error every member of a request that no property names; mark the property itself [JsonExtensionData]",
            messages[0], StringComparison.Ordinal);
        Assert.Contains("property 'BackingGetOnly.Extra' has the attribute on its backing field only", messages[1], StringComparison.Ordinal);
        Assert.Contains("property 'ReadingPopulated.Extra' is marked [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]", messages[2], StringComparison.Ordinal);
        Assert.Contains("property 'TypePopulated.Extra' is marked [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]", messages[3], StringComparison.Ordinal);
        Assert.Contains("field 'FieldPopulated.Extra' is marked [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]", messages[4], StringComparison.Ordinal);
    }

    private const string DefaultWhenReadingSource = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Plain { public int A { get; set; } [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; } }
        public sealed class Populated { public int A { get; set; } [JsonExtensionData, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Dictionary<string, JsonElement> Extra { get; set; } = new(); }
        public sealed class Fielded { public int A { get; set; } [JsonExtensionData, JsonInclude] public Dictionary<string, JsonElement>? Extra; }
        public sealed class Objected { public int A { get; set; } [JsonExtensionData] public JsonObject? Extra { get; set; } }

        [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenReading)]
        [JsonSerializable(typeof(Plain))] [JsonSerializable(typeof(Populated))] [JsonSerializable(typeof(Fielded))] [JsonSerializable(typeof(Objected))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("plain")] public static string TakePlain(Plain s) => s.A + " " + Keys(s.Extra?.Keys);
            [Command("populated")] public static string TakePopulated(Populated s) => s.A + " " + Keys(s.Extra.Keys);
            [Command("fielded")] public static string TakeFielded(Fielded s) => s.A + " " + Keys(s.Extra?.Keys);
            [Command("objected")] public static string TakeObjected(Objected s) => s.A + " " + Keys(s.Extra?.Select(p => p.Key));

            private static string Keys(IEnumerable<string>? keys) => keys is null ? "null" : "[" + string.Join(",", keys) + "]";
        }
        """;

    // The options' DefaultIgnoreCondition = WhenReading changes nothing for extension data, as for any
    // other member (probed against .NET 10's source-generated context): the context fills it, so the
    // binder looks into it (a string no .NET string can hold there is refused) and GA0024 says nothing.
    [Theory]
    [InlineData("plain")]
    [InlineData("populated")]
    [InlineData("fielded")]
    [InlineData("objected")]
    public async Task A_default_condition_of_when_reading_leaves_extension_data_filled(string command)
    {
        using var commands = LoadedCommands.Compile(DefaultWhenReadingSource);

        Assert.Equal(
            """{"returncode":"0","message":"1 [z,y]"}""",
            await commands.SendAsync(AnalyzedSamples.Request(command, """{"s":{"A":1,"z":2,"y":"t"}}""")));
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property 's' of command '{{command}}' must be valid Unicode text"}""",
            await commands.SendAsync(AnalyzedSamples.Request(command, """{"s":{"A":1,"z":[{"y":"\ud800"}]}}""")));
        Assert.Empty(await AnalyzedSamples.AnalyzeAsync(DefaultWhenReadingSource));
    }

    public sealed class Samples() : AnalyzedSamples(Source);
}
