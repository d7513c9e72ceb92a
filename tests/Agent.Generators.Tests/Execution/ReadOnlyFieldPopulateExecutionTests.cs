using static GuestAgent.Generators.Tests.Execution.ContractProbe;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Populate on a field under the options' <c>IgnoreReadOnlyFields</c>, against the real
/// source-generated context (.NET 10). Marked Populate itself, a field without a setter the context
/// holds (readonly without <c>[JsonInclude]</c>, or under <c>WhenReading</c>, which drops it) fails as
/// the context prepares the type: every read and write (GA0020, GA0021); so does, before that, a field
/// marked Populate whose type cannot be populated (an array, a string), settable or not. Fine: a readonly field under
/// <c>[JsonInclude]</c> (the JSON generator gives it a setter, one that throws, so it is not read-only
/// to the context, and it is populated, the type's Populate too), a settable one, one <c>[JsonIgnore]</c>d,
/// and a readonly one without it the type asks to populate (not populated). The request schema lists
/// the fields populated.
/// </summary>
public sealed class ReadOnlyFieldPopulateExecutionTests(ReadOnlyFieldPopulateExecutionTests.Samples samples) : IClassFixture<ReadOnlyFieldPopulateExecutionTests.Samples>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        // Reported, for reads and writes.
        public sealed class ReadOnlyField { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly List<int> Items = [0]; public int Y { get; set; } }
        public sealed class ArrayField { [JsonInclude, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public int[] Items = [0]; public int Y { get; set; } }
        public sealed class ReadOnlyText { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly string Items = "w"; public int Y { get; set; } }
        public sealed class NotReadField { [JsonInclude, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public List<int> Items = [0]; public int Y { get; set; } }

        // Fine.
        public sealed class IncludedReadOnly { [JsonInclude, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly List<int> Items = [0]; public int Y { get; set; } }
        public sealed class InternalIncluded { [JsonInclude, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] internal readonly List<int> Items = [0]; public int Y { get; set; } }
        public sealed class Settable { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<int> Items = [0]; public int Y { get; set; } }
        public sealed class Ignored { [JsonIgnore, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly List<int> Items = [0]; public int Y { get; set; } }
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class TypePopulated { public readonly List<int> Items = [0]; public int Y { get; set; } }
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class TypeIncluded { [JsonInclude] public readonly List<int> Items = [0]; public int Y { get; set; } }

        [JsonSourceGenerationOptions(IgnoreReadOnlyFields = true, IncludeFields = true)]
        [JsonSerializable(typeof(ReadOnlyField))] [JsonSerializable(typeof(NotReadField))] [JsonSerializable(typeof(ArrayField))] [JsonSerializable(typeof(ReadOnlyText))] [JsonSerializable(typeof(IncludedReadOnly))] [JsonSerializable(typeof(InternalIncluded))]
        [JsonSerializable(typeof(Settable))] [JsonSerializable(typeof(Ignored))] [JsonSerializable(typeof(TypePopulated))] [JsonSerializable(typeof(TypeIncluded))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("read-only-field")] public static string TakeReadOnlyField(ReadOnlyField value) => string.Join(",", value.Items);
            [Command("not-read-field")] public static string TakeNotReadField(NotReadField value) => string.Join(",", value.Items);
            [Command("array-field")] public static int TakeArrayField(ArrayField value) => value.Y;
            [Command("read-only-text")] public static int TakeReadOnlyText(ReadOnlyText value) => value.Y;
            [Command("make-array-field")] public static ArrayField MakeArrayField() => new();
            [Command("included-read-only")] public static string TakeIncludedReadOnly(IncludedReadOnly value) => string.Join(",", value.Items);
            [Command("internal-included")] public static string TakeInternalIncluded(InternalIncluded value) => string.Join(",", value.Items);
            [Command("settable")] public static string TakeSettable(Settable value) => string.Join(",", value.Items);
            [Command("ignored")] public static string TakeIgnored(Ignored value) => string.Join(",", value.Items);
            [Command("type-populated")] public static string TakeTypePopulated(TypePopulated value) => string.Join(",", value.Items);
            [Command("type-included")] public static string TakeTypeIncluded(TypeIncluded value) => string.Join(",", value.Items);
            [Command("make-read-only-field")] public static ReadOnlyField MakeReadOnlyField() => new();
            [Command("make-not-read-field")] public static NotReadField MakeNotReadField() => new();
            [Command("make-included-read-only")] public static IncludedReadOnly MakeIncludedReadOnly() => new();
        }
        """;

    [Theory]
    [InlineData("read-only-field", """{"Items":[2],"Y":1}""")]
    [InlineData("read-only-field", """{"Y":1}""")]
    [InlineData("not-read-field", """{"Y":1}""")]
    [InlineData("make-read-only-field", "null")]
    [InlineData("make-not-read-field", "null")]
    [InlineData("array-field", """{"Y":1}""")]
    [InlineData("read-only-text", """{"Y":1}""")]
    [InlineData("make-array-field", "null")]
    public async Task Reported_shapes_fail_every_read_and_write(string command, string value) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")));

    [Fact]
    public void The_context_throws_InvalidOperationException_as_it_prepares_the_type()
    {
        var context = (System.Text.Json.Serialization.JsonSerializerContext)samples.Commands.GetType("Sample.SampleJson").GetProperty("Default")!.GetValue(null)!;

        var error = Assert.Throws<InvalidOperationException>(() => System.Text.Json.JsonSerializer.Serialize(Activator.CreateInstance(samples.Commands.GetType("Sample.ReadOnlyField")), context.GetTypeInfo(samples.Commands.GetType("Sample.ReadOnlyField"))!));

        Assert.Contains("is a read-only member and JsonSerializerOptions has IgnoreReadOnlyProperties or IgnoreReadOnlyFields set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("included-read-only", "0,2")]
    [InlineData("internal-included", "0,2")]
    [InlineData("settable", "0,2")]
    [InlineData("ignored", "0")]
    [InlineData("type-populated", "0")]
    [InlineData("type-included", "0,2")]
    public async Task Shapes_not_reported_work(string command, string message) =>
        Assert.Equal(message, Message(await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{"Items":[2],"Y":1}}"""))));

    [Theory]
    [InlineData("included-read-only", true)]
    [InlineData("internal-included", true)]
    [InlineData("settable", true)]
    [InlineData("type-included", true)]
    [InlineData("ignored", false)]
    [InlineData("type-populated", false)]
    public void The_request_schema_lists_a_field_the_context_populates(string command, bool listed) =>
        Assert.Equal(listed ? ["Items", "Y"] : ["Y"], Names(RequestValue(samples.Commands, command).GetProperty("properties")));

    [Fact]
    public async Task A_readonly_included_field_is_written_as_the_fast_path_does() =>
        Assert.Equal("{'Y':0}", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("make-included-read-only", "{}"))));

    [Fact]
    public void The_analyzer_reports_exactly_the_shapes_that_fail() =>
        Assert.Equal(
            ["GA0020 TakeReadOnlyField", "GA0020 TakeNotReadField", "GA0020 TakeArrayField", "GA0020 TakeReadOnlyText", "GA0021 MakeArrayField", "GA0021 MakeReadOnlyField", "GA0021 MakeNotReadField"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));

    [Fact]
    public void The_messages_name_the_field_and_the_fix()
    {
        var messages = samples.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(messages, m => m.EndsWith(
            "'ReadOnlyField.Items' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] but is a readonly field, "
            + "and the context's options set IgnoreReadOnlyFields, so the context throws InvalidOperationException whenever it reads or writes a 'ReadOnlyField'; "
            + "remove readonly, mark it [JsonInclude], remove the Populate, or remove IgnoreReadOnlyFields", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith(
            "'NotReadField.Items' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] but is under [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)], which drops its setter, "
            + "and the context's options set IgnoreReadOnlyFields, so the context throws InvalidOperationException whenever it reads or writes a 'NotReadField'; "
            + "remove the WhenReading, remove the Populate, or remove IgnoreReadOnlyFields", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith(
            "'ReadOnlyText.Items' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)], but its type 'string' cannot be populated in place "
            + "(only a mutable collection or dictionary, a class, or a struct with a setter can), "
            + "so the context throws InvalidOperationException whenever it reads or writes a 'ReadOnlyText'; declare it as such a type, or remove the attribute", StringComparison.Ordinal));
    }

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
