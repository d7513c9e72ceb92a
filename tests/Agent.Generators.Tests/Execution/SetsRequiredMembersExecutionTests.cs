using static GuestAgent.Generators.Tests.Execution.ContractProbe;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// C# <c>required</c> members and <c>[SetsRequiredMembers]</c>, against the real source-generated
/// context (.NET 10): a <c>required</c> member is required unless the constructor the context
/// creates the type with (its <c>[JsonConstructor]</c>, a class's public parameterless one, else its
/// only public one) is <c>[SetsRequiredMembers]</c>; one on another constructor, or on a struct's own
/// parameterless constructor, changes nothing; <c>[JsonRequired]</c> is required all the same; a value
/// populated in place follows its type's contract. The same constructor decides whether a
/// <c>required</c> member with <c>[JsonIgnore]</c> fails as the context prepares the type (GA0020, GA0021),
/// and whether a struct's required members make it one created with values in hand, where Populate fails.
/// </summary>
public sealed class SetsRequiredMembersExecutionTests(SetsRequiredMembersExecutionTests.Samples samples) : IClassFixture<SetsRequiredMembersExecutionTests.Samples>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class SetByParameterless { [SetsRequiredMembers] public SetByParameterless() { } public required string? Name { get; set; } [JsonRequired] public string? Code { get; set; } }
        public sealed class SetByOther { public SetByOther() { } [SetsRequiredMembers] public SetByOther(string name) { Name = name; } public required string? Name { get; set; } }
        public sealed class SetByOnlyPublic { [SetsRequiredMembers] public SetByOnlyPublic(int size) { Size = size; } public int Size { get; } public required string? Name { get; set; } }
        public sealed class SetByMarked { public SetByMarked() { } [JsonConstructor, SetsRequiredMembers] public SetByMarked(int size = 0) { } public int Size { get; set; } public required string? Name { get; set; } }
        public sealed class MarkedNotSet { [SetsRequiredMembers] public MarkedNotSet() { } [JsonConstructor] public MarkedNotSet(int size = 0) { } public int Size { get; set; } public required string? Name { get; set; } }
        public struct StructSet { [SetsRequiredMembers] public StructSet() { } public required string? Name { get; set; } }
        public struct StructMarked { [JsonConstructor, SetsRequiredMembers] public StructMarked() { } public required string? Name { get; set; } }
        public sealed class Holder
        {
            [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public SetByParameterless Set { get; } = new();
            [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public SetByOther Other { get; } = new("o");
        }

        // Reported: the constructor the context uses does not set the required members.
        public sealed class IgnoredSetByOther { public IgnoredSetByOther() { } [SetsRequiredMembers] public IgnoredSetByOther(int y) { } [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public required int Size { get; set; } public int Y { get; set; } }
        public struct StructPopulated { [SetsRequiredMembers] public StructPopulated() { } public required string? Name { get; set; } [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<int> Items { get; set; } = new(); }
        public struct IgnoredInStruct { [SetsRequiredMembers] public IgnoredInStruct() { } [JsonIgnore] public required int Size { get; set; } public int Y { get; set; } }

        // Fine.
        public sealed class IgnoredSetByUsed { [SetsRequiredMembers] public IgnoredSetByUsed() { } [JsonIgnore] public required int Size { get; set; } public int Y { get; set; } }

        [JsonSerializable(typeof(SetByParameterless))] [JsonSerializable(typeof(SetByOther))] [JsonSerializable(typeof(SetByOnlyPublic))] [JsonSerializable(typeof(SetByMarked))]
        [JsonSerializable(typeof(MarkedNotSet))] [JsonSerializable(typeof(StructSet))] [JsonSerializable(typeof(StructMarked))] [JsonSerializable(typeof(Holder))]
        [JsonSerializable(typeof(StructPopulated))] [JsonSerializable(typeof(IgnoredSetByOther))] [JsonSerializable(typeof(IgnoredInStruct))] [JsonSerializable(typeof(IgnoredSetByUsed))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("set-by-parameterless")] public static string TakeSetByParameterless(SetByParameterless value) => "read";
            [Command("set-by-other")] public static string TakeSetByOther(SetByOther value) => "read";
            [Command("set-by-only-public")] public static string TakeSetByOnlyPublic(SetByOnlyPublic value) => "read";
            [Command("set-by-marked")] public static string TakeSetByMarked(SetByMarked value) => "read";
            [Command("marked-not-set")] public static string TakeMarkedNotSet(MarkedNotSet value) => "read";
            [Command("struct-set")] public static string TakeStructSet(StructSet value) => "read";
            [Command("struct-marked")] public static string TakeStructMarked(StructMarked value) => "read";
            [Command("holder")] public static string TakeHolder(Holder value) => value.Set.Name + "," + value.Set.Code + "," + value.Other.Name;
            [Command("struct-populated")] public static int TakeStructPopulated(StructPopulated value) => value.Items.Count;
            [Command("ignored-set-by-other")] public static int TakeIgnoredSetByOther(IgnoredSetByOther value) => value.Y;
            [Command("ignored-in-struct")] public static int TakeIgnoredInStruct(IgnoredInStruct value) => value.Y;
            [Command("ignored-set-by-used")] public static int TakeIgnoredSetByUsed(IgnoredSetByUsed value) => value.Y;
            [Command("make-ignored-set-by-other")] public static IgnoredSetByOther MakeIgnoredSetByOther() => new() { Size = 1 };
            [Command("make-ignored-set-by-used")] public static IgnoredSetByUsed MakeIgnoredSetByUsed() => new();
        }
        """;

    [Theory]
    [InlineData("set-by-parameterless", new[] { "Code" }, """{"Code":"c"}""")]
    [InlineData("set-by-other", new[] { "Name" }, """{"Name":"n"}""")]
    [InlineData("set-by-only-public", new string[0], """{"Size":1}""")]
    [InlineData("set-by-marked", new string[0], "{}")]
    [InlineData("marked-not-set", new[] { "Name" }, """{"Name":"n"}""")]
    [InlineData("struct-set", new[] { "Name" }, """{"Name":"n"}""")]
    [InlineData("struct-marked", new string[0], "{}")]
    public async Task A_request_requires_a_required_member_unless_the_constructor_used_sets_it(string command, string[] required, string complete)
    {
        Assert.Equal(required, Required(RequestValue(samples.Commands, command)));
        Assert.Equal("read", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{complete}}}"""))));
        // Without the members the schema requires, the context refuses the request; with none required, it reads an empty object.
        var empty = await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{}}"""));
        Assert.Equal(required.Length > 0, Refused(empty));
    }

    [Fact]
    public async Task A_value_populated_in_place_follows_its_type_s_contract()
    {
        Assert.Equal(
            """{"type":"object","properties":{"Set":{"type":"object","properties":{"Name":{"anyOf":[{"type":"string"},{"type":"null"}]},"Code":{"anyOf":[{"type":"string"},{"type":"null"}]}},"required":["Code"]},"Other":{"type":"object","properties":{"Name":{"anyOf":[{"type":"string"},{"type":"null"}]}},"required":["Name"]}}}""",
            RequestValue(samples.Commands, "holder").GetRawText());
        Assert.Equal(",c,n", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("holder", """{"value":{"Set":{"Code":"c"},"Other":{"Name":"n"}}}"""))));
        Assert.True(Refused(await samples.Commands.SendAsync(AnalyzedSamples.Request("holder", """{"value":{"Set":{"Code":"c"},"Other":{}}}"""))));
        Assert.True(Refused(await samples.Commands.SendAsync(AnalyzedSamples.Request("holder", """{"value":{"Set":{},"Other":{"Name":"n"}}}"""))));
    }

    [Theory]
    [InlineData("struct-populated", """{"Name":"n","Items":[1]}""")]
    [InlineData("ignored-set-by-other", """{"Y":1}""")]
    [InlineData("ignored-in-struct", """{"Y":1}""")]
    [InlineData("make-ignored-set-by-other", "null")]
    public async Task A_required_member_ignored_where_the_constructor_used_does_not_set_it_fails_every_read_and_write(string command, string value) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")));

    [Theory]
    [InlineData("ignored-set-by-used", """{"Size":5,"Y":2}""", "2")]
    [InlineData("make-ignored-set-by-used", "null", "{'Y':0}")]
    public async Task A_required_member_ignored_where_the_constructor_used_sets_it_works(string command, string value, string message) =>
        Assert.Equal(message, Message(await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}"""))));

    [Fact]
    public void The_analyzer_reports_exactly_the_shapes_that_fail() =>
        Assert.Equal(
            ["GA0020 TakeStructPopulated", "GA0020 TakeIgnoredSetByOther", "GA0020 TakeIgnoredInStruct", "GA0021 MakeIgnoredSetByOther"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
