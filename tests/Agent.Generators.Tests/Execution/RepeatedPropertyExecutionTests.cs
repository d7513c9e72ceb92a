using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A command's own property given twice: the last value is taken, as System.Text.Json reads a
/// member given twice, unless the JSON context's options refuse a repeated name
/// (<c>AllowDuplicateProperties = false</c>, or the <c>JsonSerializerDefaults.Strict</c> preset, as
/// the context's own options say); then the binder refuses it too, as the context refuses one
/// inside a complex value.
/// </summary>
public sealed class RepeatedPropertyExecutionTests(RepeatedPropertyExecutionTests.Refusing refusing) : IClassFixture<RepeatedPropertyExecutionTests.Refusing>
{
    private static string Source(string options) => $$"""
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Spec { public int A { get; set; } }

        public sealed class Noted { public int A { get; set; } public JsonNode? N { get; set; } }

        [JsonSourceGenerationOptions({{options}})]
        [JsonSerializable(typeof(Spec))]
        [JsonSerializable(typeof(Noted))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("two")] public static string Two(int x, string? note = null) => x + " " + note;

            [Command("spec")] public static int TakeSpec(Spec s) => s.A;

            [Command("node")] public static string TakeNoted(Noted s) => s.N?.ToJsonString() ?? "-";

            [Command("element")] public static string TakeElement(int x, JsonElement e) => e.ValueKind + " " + x;

            [Command("raw")] public static string Raw(JsonElement e) => e.ValueKind.ToString();
        }
        """;

    [Theory]
    [InlineData("""{"x":1,"x":2}""", "x")]
    [InlineData("""{"x":1,"note":"a","note":"b"}""", "note")]
    [InlineData("""{"note":null,"x":1,"note":null}""", "note")]
    // Names compare unescaped, as the binder matches them.
    [InlineData("""{"x":1,"\u0078":2}""", "x")]
    // Refused at the name, before its value is read: the first fault met.
    [InlineData("""{"x":1,"x":"two"}""", "x")]
    public async Task Refuses_a_repeated_property_when_the_context_refuses_repeated_names(string value, string property) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Command 'two' has property '{{property}}' more than once"}""",
            await refusing.Commands.SendAsync(AnalyzedSamples.Request("two", value)));

    [Theory]
    [InlineData("""{"x":1,"note":"a"}""", "1 a")]
    [InlineData("""{"note":"a","x":3}""", "3 a")]
    [InlineData("""{"x":4}""", "4 ")]
    public async Task Binds_each_property_given_once(string value, string message) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{message}}"}""",
            await refusing.Commands.SendAsync(AnalyzedSamples.Request("two", value)));

    [Fact]
    public async Task The_context_refuses_a_repeated_member_inside_a_complex_value() =>
        Assert.Equal(
            """{"returncode":"500","message":"Property 's' of command 'spec' must be a JSON value of type 'Spec' (at $.A)"}""",
            await refusing.Commands.SendAsync(AnalyzedSamples.Request("spec", """{"s":{"A":1,"A":2}}""")));

    [Theory]
    [InlineData("", """{"returncode":"0","message":"2 b"}""")]
    [InlineData("AllowDuplicateProperties = true", """{"returncode":"0","message":"2 b"}""")]
    [InlineData("JsonSerializerDefaults.Strict", """{"returncode":"500","message":"Command 'two' has property 'x' more than once"}""")]
    [InlineData("JsonSerializerDefaults.Strict, AllowDuplicateProperties = true", """{"returncode":"0","message":"2 b"}""")]
    [InlineData("JsonSerializerDefaults.Web, AllowDuplicateProperties = false", """{"returncode":"500","message":"Command 'two' has property 'x' more than once"}""")]
    public async Task Takes_the_last_value_unless_the_options_refuse_repeated_names(string options, string response)
    {
        using var commands = LoadedCommands.Compile(Source(options));

        Assert.Equal(response, await commands.SendAsync(AnalyzedSamples.Request("two", """{"x":1,"note":"a","x":2,"note":"b"}""")));
    }

    // A JsonNode member given a repeated name: the context's node converter throws an ArgumentException
    // as it reads one under the option, which was an internal error.
    [Theory]
    [InlineData("""{"s":{"A":1,"N":{"a":1,"a":2}}}""")]
    [InlineData("""{"s":{"N":[{"b":{"a":1,"a":2}}],"A":1}}""")]
    public async Task Refuses_a_repeated_name_inside_a_node_member(string value) =>
        Assert.Equal(
            """{"returncode":"500","message":"Property 's' of command 'node' must be a JSON value of type 'Noted' without a repeated property name"}""",
            await refusing.Commands.SendAsync(AnalyzedSamples.Request("node", value)));

    // The context takes a repeat no node holds (an unknown member is skipped unread): so does the binder.
    [Fact]
    public async Task Binds_a_node_member_when_the_repeat_is_in_a_member_the_context_skips() =>
        Assert.Equal(
            """{"returncode":"0","message":"1"}""",
            await refusing.Commands.SendAsync(AnalyzedSamples.Request("node", """{"s":{"N":1,"junk":{"b":1,"b":2}}}""")));

    // As the context refuses a repeated name inside a JsonElement member, at any depth, compared exactly.
    [Theory]
    [InlineData("""{"x":1,"e":{"a":1,"a":2}}""")]
    [InlineData("""{"e":[0,{"a":{"b":1,"b":2}}],"x":1}""")]
    public async Task Refuses_a_repeated_name_inside_a_json_element_property(string value) =>
        Assert.Equal(
            """{"returncode":"500","message":"Property 'e' of command 'element' must be a JSON value without a repeated property name"}""",
            await refusing.Commands.SendAsync(AnalyzedSamples.Request("element", value)));

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""[0,{"a":{"b":1,"b":2}}]""")]
    public async Task Refuses_a_repeated_name_inside_a_raw_json_element(string value) =>
        Assert.Equal(
            """{"returncode":"500","message":"Command 'raw' received a value that is not valid JSON"}""",
            await refusing.Commands.SendAsync(AnalyzedSamples.Request("raw", value)));

    [Fact]
    public async Task Binds_json_elements_whose_names_differ() =>
        Assert.Equal(
            ["""{"returncode":"0","message":"Object 1"}""", """{"returncode":"0","message":"Object"}"""],
            [
                await refusing.Commands.SendAsync(AnalyzedSamples.Request("element", """{"x":1,"e":{"a":1,"A":2,"b":{"a":1}}}""")),
                await refusing.Commands.SendAsync(AnalyzedSamples.Request("raw", """{"a":1,"A":2,"b":{"a":1}}""")),
            ]);

    // Under PropertyNameCaseInsensitive (the Web preset) a node's names differing in case repeat one
    // another (its JsonObject compares them so), while a JsonElement's still compare exactly (probed).
    [Fact]
    public async Task Compares_names_as_the_context_does_when_it_ignores_case()
    {
        using var commands = LoadedCommands.Compile(Source("JsonSerializerDefaults.Web, AllowDuplicateProperties = false"));

        Assert.Equal(
            [
                """{"returncode":"500","message":"Property 's' of command 'node' must be a JSON value of type 'Noted' without a repeated property name"}""",
                """{"returncode":"0","message":"Object 1"}""",
            ],
            [
                await commands.SendAsync(AnalyzedSamples.Request("node", """{"s":{"n":{"a":1,"A":2}}}""")),
                await commands.SendAsync(AnalyzedSamples.Request("element", """{"x":1,"e":{"a":1,"A":2}}""")),
            ]);
    }

    public sealed class Refusing() : CompiledCommandsFixture(LoadedCommands.Compile(Source("AllowDuplicateProperties = false")));
}
