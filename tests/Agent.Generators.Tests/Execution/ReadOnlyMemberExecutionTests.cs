using static GuestAgent.Generators.Tests.Execution.ContractProbe;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The options' <c>IgnoreReadOnlyProperties</c> and <c>IgnoreReadOnlyFields</c>, against the real
/// source-generated context (.NET 10). Written: the fast path (most types) leaves out every property
/// without a <c>set</c> accessor and every readonly field; the metadata path (here a type with an
/// <c>object</c> member) only those without <c>[JsonInclude]</c>, an ignore condition of their own or a
/// collection type, and also a property whose setter the context cannot call. A result schema leaves
/// out what both leave out, and lists the rest. Read: a constructor parameter still reads the member
/// it binds; a read-only property is not populated when the type prefers Populate; marked Populate
/// itself it fails as the context prepares the type (GA0020, GA0021), even under <c>WhenReading</c>,
/// which drops its setter.
/// </summary>
public sealed class ReadOnlyMemberExecutionTests(ReadOnlyMemberExecutionTests.Samples samples) : IClassFixture<ReadOnlyMemberExecutionTests.Samples>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Fast
        {
            public string Plain { get; set; } = "w";
            public string GetOnly { get; } = "w";
            public string Computed => "w";
            public string InitOnly { get; init; } = "w";
            public string PrivateSet { get; private set; } = "w";
            public string Field = "w";
            public readonly string ReadOnlyField = "w";
        }

        public sealed class Slow
        {
            public object Any { get; set; } = 1;
            public string Plain { get; set; } = "w";
            public string GetOnly { get; } = "w";
            public string PrivateSet { get; private set; } = "w";
            [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string NeverGetOnly { get; } = "w";
            public List<string> Items { get; } = ["w"];
            [JsonInclude] public string IncludedGetOnly { get; } = "w";
            public readonly string ReadOnlyField = "w";
            [JsonInclude] internal readonly string IncludedReadOnly = "w";
        }

        public sealed class Disputed
        {
            public string Plain { get; set; } = "w";
            [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string NeverGetOnly { get; } = "w";
            public List<string> Items { get; } = ["w"];
            [JsonInclude] public string IncludedGetOnly { get; } = "w";
            [JsonInclude] internal readonly string IncludedReadOnly = "w";
        }

        public sealed class Bound(int size) { public int Size { get; } = size; }

        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class Preferred
        {
            public List<string> GetOnly { get; } = ["w"];
            public List<string> Settable { get; set; } = ["w"];
        }

        // Reported for reads and writes.
        public sealed class PopulatedGetOnly { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<string> Items { get; } = ["w"]; }
        public sealed class PopulatedPrivateSet { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<string> Items { get; private set; } = ["w"]; }
        public sealed class PopulatedNotRead { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public List<string> Items { get; set; } = ["w"]; }

        // Fine.
        public sealed class PopulatedSettable { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<string> Items { get; set; } = ["w"]; }

        [JsonSerializable(typeof(Fast))] [JsonSerializable(typeof(Slow))] [JsonSerializable(typeof(Disputed))] [JsonSerializable(typeof(Bound))] [JsonSerializable(typeof(Preferred))]
        [JsonSerializable(typeof(PopulatedGetOnly))] [JsonSerializable(typeof(PopulatedPrivateSet))] [JsonSerializable(typeof(PopulatedNotRead))] [JsonSerializable(typeof(PopulatedSettable))]
        [JsonSourceGenerationOptions(IgnoreReadOnlyProperties = true, IgnoreReadOnlyFields = true, IncludeFields = true)]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("fast")] public static Fast MakeFast() => new();
            [Command("slow")] public static Slow MakeSlow() => new();
            [Command("disputed")] public static Disputed MakeDisputed() => new();
            [Command("bound")] public static int TakeBound(Bound value) => value.Size;
            [Command("make-bound")] public static Bound MakeBound() => new(7);
            [Command("preferred")] public static string TakePreferred(Preferred value) => string.Join(",", value.GetOnly) + "|" + string.Join(",", value.Settable);
            [Command("populated-get-only")] public static int TakePopulatedGetOnly(PopulatedGetOnly value) => value.Items.Count;
            [Command("populated-private-set")] public static int TakePopulatedPrivateSet(PopulatedPrivateSet value) => value.Items.Count;
            [Command("populated-not-read")] public static int TakePopulatedNotRead(PopulatedNotRead value) => value.Items.Count;
            [Command("populated-settable")] public static string TakePopulatedSettable(PopulatedSettable value) => string.Join(",", value.Items);
            [Command("make-populated-get-only")] public static PopulatedGetOnly MakePopulatedGetOnly() => new();
            [Command("make-populated-settable")] public static PopulatedSettable MakePopulatedSettable() => new();
        }
        """;

    [Fact]
    public async Task The_fast_path_leaves_out_every_property_without_a_set_accessor_and_every_readonly_field()
    {
        var (schema, written) = await Written(samples.Commands, "fast");
        Assert.Equal(["Field", "InitOnly", "Plain", "PrivateSet"], Names(written));
        Assert.Equal(
            """{"type":"object","properties":{"Plain":{"type":"string"},"InitOnly":{"type":"string"},"PrivateSet":{"type":"string"},"Field":{"type":"string"}}}""",
            schema.GetRawText());
    }

    [Fact]
    public async Task The_metadata_path_leaves_out_fewer_and_the_schema_lists_what_either_path_may_write()
    {
        var (schema, written) = await Written(samples.Commands, "slow");
        Assert.Equal(["Any", "IncludedGetOnly", "IncludedReadOnly", "Items", "NeverGetOnly", "Plain"], Names(written));
        Assert.Equal(
            """{"type":"object","properties":{"Any":{},"Plain":{"type":"string"},"PrivateSet":{"type":"string"},"NeverGetOnly":{"type":"string"},"Items":{"type":"array","items":{"type":"string"}},"IncludedGetOnly":{"type":"string"},"IncludedReadOnly":{"type":"string"}}}""",
            schema.GetRawText());
    }

    [Fact]
    public async Task A_member_only_the_metadata_path_writes_is_listed_for_a_type_the_fast_path_writes()
    {
        var (schema, written) = await Written(samples.Commands, "disputed");
        Assert.Equal(["Plain"], Names(written));
        Assert.Equal(["IncludedGetOnly", "IncludedReadOnly", "Items", "NeverGetOnly", "Plain"], Names(schema.GetProperty("properties")));
    }

    [Fact]
    public async Task A_constructor_parameter_still_reads_the_read_only_member_it_binds()
    {
        Assert.Equal("7", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("bound", """{"value":{"Size":7}}"""))));
        Assert.Equal("""{"type":"object","properties":{"Size":{"type":"integer","minimum":-2147483648,"maximum":2147483647}}}""", RequestValue(samples.Commands, "bound").GetRawText());
        var (schema, written) = await Written(samples.Commands, "make-bound");
        Assert.Equal([], Names(written));
        Assert.Equal("""{"type":"object","properties":{}}""", schema.GetRawText());
    }

    [Fact]
    public async Task A_read_only_property_is_not_populated_when_the_type_prefers_it()
    {
        Assert.Equal("w|w,r", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("preferred", """{"value":{"GetOnly":["r"],"Settable":["r"]}}"""))));
        Assert.Equal("""{"type":"object","properties":{"Settable":{"type":"array","items":{"type":"string"}}}}""", RequestValue(samples.Commands, "preferred").GetRawText());
    }

    [Theory]
    [InlineData("populated-get-only", """{"Items":["r"]}""")]
    [InlineData("populated-private-set", """{"Items":["r"]}""")]
    [InlineData("populated-not-read", """{"Items":["r"]}""")]
    [InlineData("make-populated-get-only", "null")]
    public async Task Populate_on_a_read_only_property_fails_every_read_and_write(string command, string value) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")));

    [Theory]
    [InlineData("populated-settable", """{"Items":["r"]}""", "w,r")]
    [InlineData("make-populated-settable", "null", "{'Items':['w']}")]
    public async Task Populate_on_a_settable_property_works(string command, string value, string message) =>
        Assert.Equal(message, Message(await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}"""))));

    [Fact]
    public void The_analyzer_reports_exactly_the_shapes_that_fail() =>
        Assert.Equal(
            ["GA0020 TakePopulatedGetOnly", "GA0020 TakePopulatedPrivateSet", "GA0020 TakePopulatedNotRead", "GA0021 MakePopulatedGetOnly"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));

    [Fact]
    public void The_message_names_the_member_and_the_fix() =>
        Assert.Contains(samples.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)), m => m.Contains(
            "'PopulatedPrivateSet.Items' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] but has no setter the context holds, "
            + "and the context's options set IgnoreReadOnlyProperties, so the context throws InvalidOperationException whenever it reads or writes a 'PopulatedPrivateSet'; "
            + "give it a public set accessor, remove the Populate, or remove IgnoreReadOnlyProperties", StringComparison.Ordinal));

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
