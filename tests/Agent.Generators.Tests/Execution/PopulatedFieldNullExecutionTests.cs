using static GuestAgent.Generators.Tests.Execution.ContractProbe;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A field populated in place, against the real source-generated context (.NET 10), as
/// <see cref="PopulatedNullExecutionTests"/> checks a property: a JSON <c>null</c> is assigned through
/// the field's setter, so without one the context can call (a readonly field, a readonly one under
/// <c>[JsonInclude]</c> whose generated setter throws, one <c>WhenReading</c> drops) the read throws
/// whatever the field's nullable annotation, and the request schema admits no null there; a settable
/// field takes the null. A populated value is never created, so what only its constructor sets is
/// not read, and the request schema leaves it out.
/// </summary>
public sealed class PopulatedFieldNullExecutionTests(PopulatedFieldNullExecutionTests.Samples samples) : IClassFixture<PopulatedFieldNullExecutionTests.Samples>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Sized { public Sized(int size) { Size = size; } public int Size { get; } public int A { get; set; } }
        public sealed class ReadOnlyField { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly List<int>? Items = [0]; public int Y { get; set; } }
        public sealed class IncludedReadOnly { [JsonInclude, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly List<int>? Items = [0]; public int Y { get; set; } }
        public sealed class NotRead { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public List<int>? Items = [0]; public int Y { get; set; } }
        public sealed class Settable { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<int>? Items = [0]; public int Y { get; set; } }
        public sealed class SizedField { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly Sized Inner = new(7); public int Y { get; set; } }

        [JsonSourceGenerationOptions(IncludeFields = true)]
        [JsonSerializable(typeof(ReadOnlyField))] [JsonSerializable(typeof(IncludedReadOnly))] [JsonSerializable(typeof(NotRead))] [JsonSerializable(typeof(Settable))] [JsonSerializable(typeof(SizedField))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("read-only")] public static string TakeReadOnly(ReadOnlyField value) => value.Items is null ? "none" : string.Join(",", value.Items);
            [Command("included-read-only")] public static string TakeIncludedReadOnly(IncludedReadOnly value) => value.Items is null ? "none" : string.Join(",", value.Items);
            [Command("not-read")] public static string TakeNotRead(NotRead value) => value.Items is null ? "none" : string.Join(",", value.Items);
            [Command("settable")] public static string TakeSettable(Settable value) => value.Items is null ? "none" : string.Join(",", value.Items);
            [Command("sized")] public static string TakeSized(SizedField value) => $"{value.Inner.Size}/{value.Inner.A}";
        }
        """;

    [Theory]
    [InlineData("read-only")]
    [InlineData("included-read-only")]
    [InlineData("not-read")]
    public async Task Null_for_a_populated_field_without_a_setter_fails_and_the_schema_admits_none(string command)
    {
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{"Items":null,"Y":1}}""")));
        var schema = RequestValue(samples.Commands, command).GetProperty("properties").GetProperty("Items");
        Assert.False(schema.TryGetProperty("anyOf", out _), schema.GetRawText());
        Assert.Equal("array", schema.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("read-only")]
    [InlineData("included-read-only")]
    [InlineData("not-read")]
    [InlineData("settable")]
    public async Task The_value_is_populated(string command) =>
        Assert.Equal("0,2", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{"Items":[2],"Y":1}}"""))));

    [Fact]
    public async Task A_settable_populated_field_takes_null_and_the_schema_admits_it()
    {
        Assert.Equal("none", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("settable", """{"value":{"Items":null,"Y":1}}"""))));
        Assert.True(RequestValue(samples.Commands, "settable").GetProperty("properties").GetProperty("Items").TryGetProperty("anyOf", out _));
    }

    [Fact]
    public async Task A_populated_value_keeps_what_its_constructor_set_and_the_schema_leaves_that_out()
    {
        Assert.Equal("7/1", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("sized", """{"value":{"Inner":{"Size":5,"A":1},"Y":1}}"""))));
        Assert.Equal(["A"], Names(RequestValue(samples.Commands, "sized").GetProperty("properties").GetProperty("Inner").GetProperty("properties")));
    }

    [Fact]
    public void The_analyzer_reports_nothing() => Assert.Empty(samples.Diagnostics);

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
