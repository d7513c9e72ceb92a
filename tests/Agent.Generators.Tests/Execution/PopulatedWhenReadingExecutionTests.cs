using static GuestAgent.Generators.Tests.Execution.ContractProbe;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// <c>[JsonIgnore(Condition = WhenReading)]</c> on a property populated in place, against the real
/// source-generated context (.NET 10): the context reads it all the same, into the value its getter
/// returns (Populate on the property, on the type or in the options), so the request schema lists it
/// and GA0020 looks inside it; a property not populated is not read. Every Populate rule holds under
/// <c>WhenReading</c>: those found as the type is prepared (a type that cannot be populated, a
/// discriminator, a type created with values in hand) and those that fail when the member is sent
/// (a read-only collection, an <c>init</c>-only property inside); and since <c>WhenReading</c> drops
/// the setter, a struct cannot be populated, and a nullable value is never replaced (so never created).
/// </summary>
public sealed class PopulatedWhenReadingExecutionTests(PopulatedWhenReadingExecutionTests.Samples samples) : IClassFixture<PopulatedWhenReadingExecutionTests.Samples>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Collections.ObjectModel;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Box { public int A { get; set; } }
        public sealed class Read
        {
            [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public List<int> Items { get; } = [0];
            [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public Box Inner { get; set; } = new();
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public List<int> NotPopulated { get; set; } = [0];
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public string Text { get; set; } = "w";
        }

        public sealed class FieldRead { [JsonInclude, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public List<int> Items = [0]; public int Y { get; set; } }

        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class TypePopulated { [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public List<int> Items { get; } = [0]; }

        // Reported: for reads and writes (the first three), or when a request sends the member.
        public sealed class Unmade { private Unmade() { } public int X { get; set; } }
        public sealed class Deep { public Unmade? Made { get; set; } }
        public sealed class HoldsUnmade { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public Deep Inner { get; } = new(); public int Y { get; set; } }
        public struct Point { public int X { get; set; } }
        public sealed class StructNotRead { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public Point At { get; set; } }
        public sealed class ArrayNotRead { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public int[] Items { get; set; } = [0]; public int Y { get; set; } }
        public sealed class CreatedNotRead(int y) { public int Y { get; } = y; [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public List<int> Items { get; } = [0]; }
        public sealed class ReadOnlyNotRead { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public ReadOnlyCollection<int> Items { get; } = new([0]); public int Y { get; set; } }
        public sealed class Inited { public int A { get; init; } }
        public sealed class InitNotRead { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public Inited Inner { get; } = new(); public int Y { get; set; } }

        // Fine: populated, never created (WhenReading drops the setter a null would be replaced through), so its constructor binds nothing.
        public sealed class Sized { public Sized(int zzz) { } public int X { get; set; } }
        public sealed class HoldsSized { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public Sized? Inner { get; set; } = new(1); public int Y { get; set; } }

        [JsonSerializable(typeof(Read))] [JsonSerializable(typeof(FieldRead))] [JsonSerializable(typeof(TypePopulated))] [JsonSerializable(typeof(HoldsSized))] [JsonSerializable(typeof(HoldsUnmade))] [JsonSerializable(typeof(StructNotRead))]
        [JsonSerializable(typeof(ArrayNotRead))] [JsonSerializable(typeof(CreatedNotRead))] [JsonSerializable(typeof(ReadOnlyNotRead))] [JsonSerializable(typeof(InitNotRead))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("read")] public static string TakeRead(Read value) => string.Join(",", value.Items) + "|" + value.Inner.A + "|" + string.Join(",", value.NotPopulated) + "|" + value.Text;
            [Command("field-read")] public static string TakeFieldRead(FieldRead value) => string.Join(",", value.Items);
            [Command("type-populated")] public static string TakeTypePopulated(TypePopulated value) => string.Join(",", value.Items);
            [Command("holds-unmade")] public static int TakeHoldsUnmade(HoldsUnmade value) => value.Y;
            [Command("struct-not-read")] public static int TakeStructNotRead(StructNotRead value) => value.At.X;
            [Command("array-not-read")] public static int TakeArrayNotRead(ArrayNotRead value) => value.Y;
            [Command("created-not-read")] public static int TakeCreatedNotRead(CreatedNotRead value) => value.Y;
            [Command("read-only-not-read")] public static int TakeReadOnlyNotRead(ReadOnlyNotRead value) => value.Y;
            [Command("init-not-read")] public static int TakeInitNotRead(InitNotRead value) => value.Y;
            [Command("holds-sized")] public static int TakeHoldsSized(HoldsSized value) => value.Inner!.X;
            [Command("make-struct-not-read")] public static StructNotRead MakeStructNotRead() => new();
        }
        """;

    [Fact]
    public async Task A_property_populated_in_place_is_read_under_WhenReading_and_the_request_schema_lists_it()
    {
        var request = """{"value":{"Items":[1],"Inner":{"A":5},"NotPopulated":[1],"Text":"r"}}""";
        Assert.Equal("0,1|5|0|w", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("read", request))));
        Assert.Equal(
            """{"type":"object","properties":{"Items":{"type":"array","items":{"type":"integer","minimum":-2147483648,"maximum":2147483647}},"Inner":{"type":"object","properties":{"A":{"type":"integer","minimum":-2147483648,"maximum":2147483647}}}}}""",
            RequestValue(samples.Commands, "read").GetRawText());
    }

    [Fact]
    public async Task A_field_populated_in_place_is_read_under_WhenReading_and_the_request_schema_lists_it()
    {
        Assert.Equal("0,1", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("field-read", """{"value":{"Items":[1],"Y":2}}"""))));
        Assert.Equal(["Items", "Y"], Names(RequestValue(samples.Commands, "field-read").GetProperty("properties")));
    }

    [Fact]
    public async Task A_type_that_prefers_Populate_reads_its_property_under_WhenReading()
    {
        Assert.Equal("0,1", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("type-populated", """{"value":{"Items":[1]}}"""))));
        Assert.Equal(["Items"], Names(RequestValue(samples.Commands, "type-populated").GetProperty("properties")));
    }

    [Fact]
    public async Task A_nullable_value_populated_under_WhenReading_is_never_created() =>
        Assert.Equal("2", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("holds-sized", """{"value":{"Inner":{"X":2},"Y":3}}"""))));

    [Theory]
    [InlineData("holds-unmade", """{"Inner":{"Made":{"X":1}},"Y":1}""")]
    [InlineData("struct-not-read", """{"At":{"X":1}}""")]
    [InlineData("array-not-read", """{"Y":1}""")]
    [InlineData("created-not-read", """{"Y":1}""")]
    [InlineData("read-only-not-read", """{"Items":[1],"Y":1}""")]
    [InlineData("init-not-read", """{"Inner":{"A":1},"Y":1}""")]
    [InlineData("make-struct-not-read", "null")]
    public async Task Reported_shapes_fail(string command, string value) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")));

    [Fact]
    public void The_analyzer_reports_exactly_the_shapes_that_fail() =>
        Assert.Equal(
            [
                "GA0020 TakeHoldsUnmade", "GA0020 TakeStructNotRead", "GA0020 TakeArrayNotRead", "GA0020 TakeCreatedNotRead",
                "GA0020 TakeReadOnlyNotRead", "GA0020 TakeInitNotRead", "GA0021 MakeStructNotRead",
            ],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
