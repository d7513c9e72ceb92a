using System.Text.Json;
using System.Text.Json.Serialization;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Members marked <c>[JsonInclude]</c> (not <c>[JsonRequired]</c>) without a setter the context's
/// generated code can call, against the real context: none, a private or protected one, a readonly
/// field. The JSON generator gives such a member a setter that throws InvalidOperationException (not
/// visible to the source generator), so a request that sends the member fails and one without it
/// works; the type is written fine. An internal setter (under [JsonInclude]) is called, and a member
/// a constructor parameter binds is read through the parameter, and a readonly field populated in
/// place (Populate on the field or its type) through its getter; a member ignored when reading and
/// an initialised [JsonExtensionData] dictionary are never set, so not reported (under
/// [JsonInclude] the context adds to the dictionary its getter gives: Overflow's Extra holds Size).
/// Without [JsonInclude] such a dictionary stays empty (Dropped's), which GA0024 reports. One with
/// an init accessor (InitExtra's) makes the context throw as it prepares the type, which GA0020 reports.
/// </summary>
public sealed class IncludedWithoutSetterExecutionTests(IncludedWithoutSetterExecutionTests.Samples samples) : IClassFixture<IncludedWithoutSetterExecutionTests.Samples>
{
    private const string Source = """
        #pragma warning disable SYSLIB1038 // The JSON generator's own warning about the [JsonInclude] setters below.
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class GetOnly { [JsonInclude] public int Size { get; } public int Y { get; set; } }
        public sealed class PrivateSet { [JsonInclude] public int Size { get; private set; } public int Y { get; set; } }
        public class ProtectedSet { [JsonInclude] public int Size { get; protected set; } public int Y { get; set; } }
        public sealed class ReadonlyField { [JsonInclude] public readonly int Size; public int Y { get; set; } }
        public sealed class InternalSet { [JsonInclude] public int Size { get; internal set; } public int Y { get; set; } }
        public sealed class PrivateSetBound(int size) { [JsonInclude] public int Size { get; private set; } = size; public int Y { get; set; } }
        public sealed class InternalGetOnly { [JsonInclude] internal int Size { get; } public int Y { get; set; } }
        public sealed class NotRead { [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public int Size { get; } public int Y { get; set; } }
        // Size lands in Extra, which its getter gives: the setter is never called.
        // Populated in place through the getter: the setter is never called.
        public sealed class PopulatedField { [JsonInclude, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly List<int> Size = [0]; public int Y { get; set; } }
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class TypePopulatedField { [JsonInclude] public readonly List<int> Size = [0]; public int Y { get; set; } }
        public sealed class Overflow { [JsonInclude, JsonExtensionData] public Dictionary<string, object> Extra { get; } = new(); public int Y { get; set; } }
        // No [JsonInclude]: the context never fills Extra (GA0024), and Size is dropped.
        public sealed class Dropped { [JsonExtensionData] public Dictionary<string, object> Extra { get; } = new(); public int Y { get; set; } }
        // An init accessor is set as the object is created, which extension data cannot be: GA0020.
        public sealed class InitExtra { [JsonExtensionData] public Dictionary<string, object> Extra { get; init; } = new(); public int Y { get; set; } }

        [JsonSerializable(typeof(GetOnly))] [JsonSerializable(typeof(PrivateSet))] [JsonSerializable(typeof(ProtectedSet))] [JsonSerializable(typeof(ReadonlyField))]
        [JsonSerializable(typeof(InternalSet))] [JsonSerializable(typeof(PrivateSetBound))] [JsonSerializable(typeof(InternalGetOnly))] [JsonSerializable(typeof(NotRead))] [JsonSerializable(typeof(Overflow))] [JsonSerializable(typeof(Dropped))]
        [JsonSerializable(typeof(InitExtra))]
        [JsonSerializable(typeof(PopulatedField))] [JsonSerializable(typeof(TypePopulatedField))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("get-only")] public static int TakeGetOnly(GetOnly value) => value.Y;
            [Command("private-set")] public static int TakePrivateSet(PrivateSet value) => value.Y;
            [Command("protected-set")] public static int TakeProtectedSet(ProtectedSet value) => value.Y;
            [Command("readonly-field")] public static int TakeReadonlyField(ReadonlyField value) => value.Y;
            [Command("internal-set")] public static int TakeInternalSet(InternalSet value) => value.Y;
            [Command("private-set-bound")] public static int TakePrivateSetBound(PrivateSetBound value) => value.Y;
            [Command("internal-get-only")] public static int TakeInternalGetOnly(InternalGetOnly value) => value.Y;
            [Command("not-read")] public static int TakeNotRead(NotRead value) => value.Y;
            [Command("overflow")] public static int TakeOverflow(Overflow value) => value.Y;
            [Command("overflow-extra")] public static int TakeOverflowExtra(Overflow value) => value.Extra.Count;
            [Command("dropped-extra")] public static int TakeDroppedExtra(Dropped value) => value.Extra.Count;
            [Command("init-extra")] public static int TakeInitExtra(InitExtra value) => value.Extra.Count;
            [Command("populated-field")] public static string TakePopulatedField(PopulatedField value) => string.Join(",", value.Size) + "|" + value.Y;
            [Command("type-populated-field")] public static string TakeTypePopulatedField(TypePopulatedField value) => string.Join(",", value.Size) + "|" + value.Y;

            [Command("make-get-only")] public static GetOnly MakeGetOnly() => new();
            [Command("make-private-set")] public static PrivateSet MakePrivateSet() => new();
            [Command("make-readonly-field")] public static ReadonlyField MakeReadonlyField() => new();
        }
        """;

    [Theory]
    [InlineData("get-only")]
    [InlineData("private-set")]
    [InlineData("protected-set")]
    [InlineData("readonly-field")]
    [InlineData("internal-get-only")]
    public async Task A_request_that_sends_the_member_fails_and_one_without_it_works(string command)
    {
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{"Size":1,"Y":2}}""")));
        Assert.Equal("""{"returncode":"0","message":"2"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{"Y":2}}""")));
    }

    [Theory]
    [InlineData("Sample.GetOnly")]
    [InlineData("Sample.ReadonlyField")]
    public void The_context_throws_InvalidOperationException_for_the_member_it_cannot_set(string type)
    {
        var context = (JsonSerializerContext)samples.Commands.GetType("Sample.SampleJson").GetProperty("Default")!.GetValue(null)!;
        var info = context.GetTypeInfo(samples.Commands.GetType(type))!;

        var error = Assert.Throws<InvalidOperationException>(() => JsonSerializer.Deserialize("""{"Size":1}""", info));

        Assert.Contains("JsonIncludeAttribute", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("internal-set")]
    [InlineData("private-set-bound")]
    [InlineData("not-read")]
    [InlineData("overflow")]
    public async Task A_setter_the_context_calls_a_constructor_parameter_reads_or_no_read_sets_the_member(string command) =>
        Assert.Equal("""{"returncode":"0","message":"2"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{"Size":1,"Y":2}}""")));

    [Fact]
    public async Task A_get_only_extension_data_property_under_JsonInclude_is_filled() =>
        Assert.Equal("""{"returncode":"0","message":"1"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request("overflow-extra", """{"value":{"Size":1,"Y":2}}""")));

    [Fact]
    public async Task A_get_only_extension_data_property_without_JsonInclude_is_never_filled() =>
        Assert.Equal("""{"returncode":"0","message":"0"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request("dropped-extra", """{"value":{"Size":1,"Y":2}}""")));

    [Theory]
    [InlineData("""{"value":{"Y":2}}""")]
    [InlineData("""{"value":{}}""")]
    public async Task An_init_only_extension_data_property_fails_every_read(string value) =>
        Assert.Equal(AnalyzedSamples.InternalError("init-extra"), await samples.Commands.SendAsync(AnalyzedSamples.Request("init-extra", value)));

    [Theory]
    [InlineData("populated-field")]
    [InlineData("type-populated-field")]
    public async Task A_readonly_field_populated_in_place_is_read(string command) =>
        Assert.Equal("""{"returncode":"0","message":"0,1|2"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{"Size":[1],"Y":2}}""")));

    [Theory]
    [InlineData("make-get-only", "{'Size':0,'Y':0}")]
    [InlineData("make-private-set", "{'Size':0,'Y':0}")]
    [InlineData("make-readonly-field", "{'Y':0,'Size':0}")]
    public async Task Written_fine(string command, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request(command, "null")));

    [Fact]
    public void The_analyzer_reports_exactly_the_commands_whose_requests_may_fail() =>
        Assert.Equal(
            ["GA0020 TakeGetOnly", "GA0020 TakePrivateSet", "GA0020 TakeProtectedSet", "GA0020 TakeReadonlyField", "GA0020 TakeInternalGetOnly", "GA0024 TakeDroppedExtra", "GA0020 TakeInitExtra"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
