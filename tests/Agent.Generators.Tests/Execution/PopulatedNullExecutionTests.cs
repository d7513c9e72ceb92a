using static GuestAgent.Generators.Tests.Execution.ContractProbe;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A JSON <c>null</c> for a property populated in place, against the real source-generated context
/// (.NET 10): the context assigns the null through the property's setter, and without one it can
/// call (none, one <c>[JsonIgnore(Condition = WhenReading)]</c> drops, a private one) it throws
/// InvalidOperationException ("Unable to assign 'null' …"), whatever the property's nullable
/// annotation. So the request schema admits no null there (no diagnostic: only a request sending
/// null fails, and the schema says not to). A settable one takes the null. A populated property
/// whose value is null when read, with no setter, drops what the request sends (no error).
/// </summary>
public sealed class PopulatedNullExecutionTests(PopulatedNullExecutionTests.Samples samples) : IClassFixture<PopulatedNullExecutionTests.Samples>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Box { public int A { get; set; } }
        public sealed class NotRead { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public Box? Inner { get; set; } = new(); public int Y { get; set; } }
        public sealed class PrivateSet { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Box? Inner { get; private set; } = new(); public int Y { get; set; } }
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class GetOnly { public List<int>? Items { get; } = [0]; public int Y { get; set; } }
        public sealed class Settable { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Box? Inner { get; set; } = new(); public int Y { get; set; } }
        public sealed class StartsNull { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public Box? Inner { get; set; } public int Y { get; set; } }

        [JsonSerializable(typeof(NotRead))] [JsonSerializable(typeof(PrivateSet))] [JsonSerializable(typeof(GetOnly))] [JsonSerializable(typeof(Settable))] [JsonSerializable(typeof(StartsNull))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("not-read")] public static string TakeNotRead(NotRead value) => value.Inner?.A.ToString() ?? "none";
            [Command("private-set")] public static string TakePrivateSet(PrivateSet value) => value.Inner?.A.ToString() ?? "none";
            [Command("get-only")] public static string TakeGetOnly(GetOnly value) => value.Items is null ? "none" : string.Join(",", value.Items);
            [Command("settable")] public static string TakeSettable(Settable value) => value.Inner?.A.ToString() ?? "none";
            [Command("starts-null")] public static string TakeStartsNull(StartsNull value) => value.Inner?.A.ToString() ?? "none";
        }
        """;

    [Theory]
    [InlineData("not-read", "Inner", "object")]
    [InlineData("private-set", "Inner", "object")]
    [InlineData("get-only", "Items", "array")]
    public async Task Null_for_a_populated_property_without_a_setter_fails_and_the_schema_admits_none(string command, string member, string type)
    {
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$$"""{"value":{"{{{member}}}":null,"Y":1}}""")));
        var schema = RequestValue(samples.Commands, command).GetProperty("properties").GetProperty(member);
        Assert.False(schema.TryGetProperty("anyOf", out _), schema.GetRawText());
        Assert.Equal(type, schema.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("not-read", """{"Inner":{"A":2},"Y":1}""", "2")]
    [InlineData("private-set", """{"Inner":{"A":2},"Y":1}""", "2")]
    [InlineData("get-only", """{"Items":[2],"Y":1}""", "0,2")]
    [InlineData("settable", """{"Inner":{"A":2},"Y":1}""", "2")]
    public async Task A_value_is_populated(string command, string value, string message) =>
        Assert.Equal(message, Message(await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}"""))));

    [Fact]
    public async Task A_settable_populated_property_takes_null_and_the_schema_admits_it()
    {
        Assert.Equal("none", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("settable", """{"value":{"Inner":null,"Y":1}}"""))));
        Assert.Equal(
            """{"anyOf":[{"type":"object","properties":{"A":{"type":"integer","minimum":-2147483648,"maximum":2147483647}}},{"type":"null"}]}""",
            RequestValue(samples.Commands, "settable").GetProperty("properties").GetProperty("Inner").GetRawText());
    }

    [Fact]
    public async Task A_populated_property_that_is_null_and_has_no_setter_drops_what_is_sent() =>
        Assert.Equal("none", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("starts-null", """{"value":{"Inner":{"A":2},"Y":1}}"""))));

    [Fact]
    public void The_analyzer_reports_nothing() => Assert.Empty(samples.Diagnostics);

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
