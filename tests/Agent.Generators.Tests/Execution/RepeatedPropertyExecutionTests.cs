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

        // A node the binder cannot read back after the context's read (no getter), beside a JsonElement.
        public sealed class Hidden
        {
            private JsonNode? n;
            public JsonNode? N { set => n = value; }
            public JsonElement E { get; set; }
            public string Show() => (n?.ToJsonString() ?? "-") + " " + E.ValueKind;
        }

        // As Hidden, with setters throwing ArgumentExceptions of their own: refusing some numbers, as a
        // type's checks do, and a tag given twice, as the OrderedDictionary behind a JsonObject does (naming its
        // parameter "key", which Dictionary does not).
        public sealed class Guarded
        {
            private int a;
            public JsonNode? N { set { } }
            public string[] Tags { get => []; set { var tags = new System.Collections.Generic.OrderedDictionary<string, bool>(); foreach (var tag in value) tags.Add(tag, true); } }
            public int A
            {
                get => a;
                set
                {
                    global::System.ArgumentOutOfRangeException.ThrowIfNegative(value);
                    a = value < 10 ? value : throw new global::System.ArgumentException("too big");
                }
            }
        }

        [JsonSourceGenerationOptions({{options}})]
        [JsonSerializable(typeof(Spec))]
        [JsonSerializable(typeof(Noted))]
        [JsonSerializable(typeof(Hidden))]
        [JsonSerializable(typeof(Guarded))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("two")] public static string Two(int x, string? note = null) => x + " " + note;

            [Command("spec")] public static int TakeSpec(Spec s) => s.A;

            [Command("node")] public static string TakeNoted(Noted s) => s.N?.ToJsonString() ?? "-";

            [Command("element")] public static string TakeElement(int x, JsonElement e) => e.ValueKind + " " + x;

            [Command("raw")] public static string Raw(JsonElement e) => e.ValueKind.ToString();

            [Command("hidden")] public static string TakeHidden(Hidden s) => s.Show();

            [Command("guarded")] public static int TakeGuarded(Guarded s) => s.A;

            [Command("pair")] public static string Pair(int Value, int value = 0) => Value + " " + value;
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

    // Under PropertyNameCaseInsensitive the context refuses a member given again differing only in case
    // ("Duplicate property", probed): so does the binder for a command's own, though it matches its
    // names exactly (one given first in another case is refused as unknown, as without the option).
    [Fact]
    public async Task Refuses_a_property_given_again_in_another_case_when_the_context_ignores_case()
    {
        using var commands = LoadedCommands.Compile(Source("PropertyNameCaseInsensitive = true, AllowDuplicateProperties = false"));

        Assert.Equal(
            [
                """{"returncode":"500","message":"Command 'two' has property 'x' more than once ('X' repeats it: the JSON context ignores the case of names)"}""",
                """{"returncode":"500","message":"Command 'two' has property 'note' more than once ('NOTE' repeats it: the JSON context ignores the case of names)"}""",
                """{"returncode":"500","message":"Command 'spec' has property 's' more than once ('S' repeats it: the JSON context ignores the case of names)"}""",
                """{"returncode":"500","message":"Command 'two' has no property 'X' (did you mean 'x'? names are case-sensitive)"}""",
                """{"returncode":"500","message":"Command 'two' has no property 'NOTE' (did you mean 'note'? names are case-sensitive)"}""",
                """{"returncode":"500","message":"Command 'pair' has no property 'VALUE'"}""",
                """{"returncode":"0","message":"1 2"}""",
            ],
            [
                await commands.SendAsync(AnalyzedSamples.Request("two", """{"x":1,"X":2}""")),
                await commands.SendAsync(AnalyzedSamples.Request("two", """{"note":"a","x":1,"\u004eOTE":"b"}""")),
                await commands.SendAsync(AnalyzedSamples.Request("spec", """{"s":{"A":1},"S":{"A":2}}""")),
                await commands.SendAsync(AnalyzedSamples.Request("two", """{"X":1,"x":2}""")),
                await commands.SendAsync(AnalyzedSamples.Request("two", """{"x":1,"NOTE":"b"}""")),
                // Value or value? Either could be meant: no repeat named.
                await commands.SendAsync(AnalyzedSamples.Request("pair", """{"Value":1,"value":2,"VALUE":3}""")),
                await commands.SendAsync(AnalyzedSamples.Request("pair", """{"Value":1,"value":2}""")),
            ]);
    }

    [Fact]
    public async Task Refuses_a_name_given_again_in_another_case_as_unknown_when_the_context_compares_names_exactly() =>
        Assert.Equal(
            """{"returncode":"500","message":"Command 'two' has no property 'X' (did you mean 'x'? names are case-sensitive)"}""",
            await refusing.Commands.SendAsync(AnalyzedSamples.Request("two", """{"x":1,"X":2}""")));

    // A node behind a member without a getter: the binder cannot walk to it after the read. When the
    // options refuse repeated names the context refuses one a node holds as it reads it, so the value
    // is no longer checked whole first: a repeat the context skips (an unknown member) binds.
    [Theory]
    [InlineData("""{"s":{"N":1,"junk":{"b":1,"b":2}}}""", """{"returncode":"0","message":"1 Undefined"}""")]
    [InlineData("""{"s":{"N":{"a":1},"E":{"b":1,"B":2}}}""", """{"returncode":"0","message":"{'a':1} Object"}""")]
    [InlineData("""{"s":{"N":{"a":1,"a":2}}}""", """{"returncode":"500","message":"Property 's' of command 'hidden' must be a JSON value of type 'Hidden' without a repeated property name"}""")]
    [InlineData("""{"s":{"N":[{"a":{"b":1,"\u0062":2}}]}}""", """{"returncode":"500","message":"Property 's' of command 'hidden' must be a JSON value of type 'Hidden' without a repeated property name"}""")]
    [InlineData("""{"s":{"N":1,"E":{"b":1,"b":2}}}""", """{"returncode":"500","message":"Property 's' of command 'hidden' must be a JSON value of type 'Hidden' (at $.E)"}""")]
    // The context meets the element's repeat first: its refusal, not a check of the nodes before the read.
    [InlineData("""{"s":{"E":{"b":1,"b":2},"N":{"a":1,"a":2}}}""", """{"returncode":"500","message":"Property 's' of command 'hidden' must be a JSON value of type 'Hidden' (at $.E)"}""")]
    public async Task Checks_a_node_the_binder_cannot_walk_to_as_the_context_reads_it(string value, string response) =>
        Assert.Equal(response, await refusing.Commands.SendAsync(AnalyzedSamples.Request("hidden", value)));

    // The node converter's ArgumentException is caught, not a setter's: that stays an internal error, also
    // when the value repeats a name in a member the context skips (it was answered as a repeat then).
    [Theory]
    [InlineData("""{"s":{"A":-1}}""", false)]
    [InlineData("""{"s":{"junk":{"b":1,"b":2},"A":-1}}""", false)]
    [InlineData("""{"s":{"junk":{"b":1,"b":2},"A":10}}""", false)]
    [InlineData("""{"s":{"Tags":["a","a"]}}""", false)]
    [InlineData("""{"s":{"junk":{"b":1,"b":2},"A":1,"N":{"a":1,"a":2}}}""", true)]
    public async Task Leaves_an_argument_exception_of_the_type_itself_an_internal_error(string value, bool repeated) =>
        Assert.Equal(
            repeated
                ? """{"returncode":"500","message":"Property 's' of command 'guarded' must be a JSON value of type 'Guarded' without a repeated property name"}"""
                : AnalyzedSamples.InternalError("guarded"),
            await refusing.Commands.SendAsync(AnalyzedSamples.Request("guarded", value)));

    // Names differing only in case: a node's repeat one another, a JsonElement's do not (as above).
    [Fact]
    public async Task Checks_a_node_the_binder_cannot_walk_to_as_the_context_reads_it_ignoring_case()
    {
        using var commands = LoadedCommands.Compile(Source("PropertyNameCaseInsensitive = true, AllowDuplicateProperties = false"));

        Assert.Equal(
            [
                """{"returncode":"0","message":"{'a':1} Object"}""",
                """{"returncode":"500","message":"Property 's' of command 'hidden' must be a JSON value of type 'Hidden' without a repeated property name"}""",
            ],
            [
                await commands.SendAsync(AnalyzedSamples.Request("hidden", """{"s":{"n":{"a":1},"E":{"b":1,"B":2}}}""")),
                await commands.SendAsync(AnalyzedSamples.Request("hidden", """{"s":{"N":{"a":1,"A":2}}}""")),
            ]);
    }

    // Without the option the context takes the repeat into the node, which throws only when the command
    // reads it, where the binder cannot reach: the places the context reads into nodes are checked before
    // the read, following its contract. A repeat anywhere else keeps the context's rules (the whole value
    // was checked, which refused these); one given to the node's setter, once or in a member given twice, is refused.
    [Fact]
    public async Task Checks_the_nodes_a_binder_cannot_walk_to_before_the_read_when_the_context_takes_repeats()
    {
        using var commands = LoadedCommands.Compile(Source(""));
        const string Refused = """{"returncode":"500","message":"Property 's' of command 'hidden' must be a JSON value of type 'Hidden' without a repeated property name"}""";

        Assert.Equal(
            [
                """{"returncode":"0","message":"1 Undefined"}""",
                """{"returncode":"0","message":"{'a':1} Object"}""",
                """{"returncode":"0","message":"2 Undefined"}""",
                Refused,
                Refused,
                Refused,
            ],
            [
                await commands.SendAsync(AnalyzedSamples.Request("hidden", """{"s":{"N":1,"junk":{"b":1,"b":2}}}""")),
                await commands.SendAsync(AnalyzedSamples.Request("hidden", """{"s":{"N":{"a":1},"E":{"b":1,"b":2}}}""")),
                await commands.SendAsync(AnalyzedSamples.Request("hidden", """{"s":{"N":1,"N":2}}""")),
                await commands.SendAsync(AnalyzedSamples.Request("hidden", """{"s":{"N":[{"a":{"b":1,"\u0062":2}}]}}""")),
                await commands.SendAsync(AnalyzedSamples.Request("hidden", """{"s":{"N":{"a":1,"a":2},"N":1}}""")),
                await commands.SendAsync(AnalyzedSamples.Request("hidden", """{"s":{"junk":1,"N":{"a":{"b":1,"b":2}}}}""")),
            ]);
    }

    public sealed class Refusing() : CompiledCommandsFixture(LoadedCommands.Compile(Source("AllowDuplicateProperties = false")));
}
