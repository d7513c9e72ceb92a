using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// What the binder's walk to a complex value's nodes reaches. A node behind a member without a
/// getter cannot be walked to, even beside one that can: the whole value's names are checked
/// instead, so its repeats are refused, not left to throw when the command reads it. Members whose
/// types hold no node are not walked at all, a cycle among them included: the walk calls no getter
/// it does not need (here one that throws).
/// </summary>
public sealed class NodeWalkReachExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System.Linq;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Split
        {
            private JsonObject? _hidden;

            public JsonObject? Hidden { set => _hidden = value; }

            public JsonObject? Shown { get; set; }

            public string Show() => Names(_hidden) + " " + Names(Shown);

            private static string Names(JsonObject? o) => o is null ? "-" : string.Join(",", o.Select(p => p.Key));
        }

        public sealed class Chain
        {
            public Chain? Next { get => throw new System.InvalidOperationException("not to be read"); set { } }

            public int N { get; set; }
        }

        public sealed record Mixed(JsonObject? O = null, Chain? C = null);

        [JsonSerializable(typeof(Split))]
        [JsonSerializable(typeof(Mixed))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("split")] public static string Splits(Split x) => x.Show();

            [Command("mixed")] public static string Mix(Mixed x) => (x.O?.Count ?? -1) + " " + (x.C?.N ?? -1);
        }
        """;

    [Theory]
    [InlineData("split", """{"Hidden":{"a":1,"a":2},"Shown":{"b":1}}""", "Split")]
    [InlineData("split", """{"Shown":{"b":1},"Hidden":{"c":{"a":1,"a":2}}}""", "Split")]
    [InlineData("mixed", """{"C":{"N":1},"O":{"a":1,"a":2}}""", "Mixed")]
    public async Task Refuses_a_repeated_name_a_node_would_hold(string command, string value, string type) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property 'x' of command '{{command}}' must be a JSON value of type '{{type}}' without a repeated property name"}""",
            await Send(command, value));

    [Theory]
    [InlineData("split", """{"Hidden":{"a":1,"b":2},"Shown":{"c":3}}""", "a,b c")]
    [InlineData("mixed", """{"C":{"N":7},"O":{"a":1}}""", "1 7")]
    public async Task Binds_without_calling_a_getter_the_walk_does_not_need(string command, string value, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await Send(command, value));

    private Task<string> Send(string command, string value) =>
        samples.Compile(Source).SendAsync($$$"""{"name":"{{{command}}}","value":{"x":{{{value}}}}}""");
}
