using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A complex argument the JSON context refuses is answered with where inside it the context
/// stopped (System.Text.Json's path), never with the exception's message, which can quote the
/// value. The strict context options of docs/authoring-commands.md make inner members as strict
/// as top-level parameters; the answers go through the real parser and response writer.
/// </summary>
public sealed class ComplexMemberErrorExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed record UserSpec(string Name, int Uid = 1000, List<Step>? Steps = null);

        public sealed record Step(string Run);

        OPTIONS
        [JsonSerializable(typeof(UserSpec))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("user.plan")]
            public static string Plan(UserSpec user) => user.Name + ":" + user.Uid + ":" + (user.Steps?.Count ?? 0);
        }
        """;

    private const string Strict = """
        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
        """;

    private const string Web = "[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]";

    private const string Refused = "Property 'user' of command 'user.plan' must be a JSON value of type 'UserSpec'";

    [Theory]
    [InlineData("""{"user":{"name":"bob"}}""", "0", "bob:1000:0")]
    [InlineData("""{"user":{"name":5}}""", "500", Refused + " (at $.name)")]
    [InlineData("""{"user":{"name":"bob","uid":"x"}}""", "500", Refused + " (at $.uid)")]
    [InlineData("""{"user":{"name":"bob","steps":[{"run":"a"},{"run":7}]}}""", "500", Refused + " (at $.steps[1].run)")]
    [InlineData("""{"user":{"name":null}}""", "500", Refused + " (at $.name)")]
    [InlineData("""{"user":{"nmae":"bob"}}""", "500", Refused + " (at $.nmae)")]
    [InlineData("""{"user":{"name":"bob","steps":[{"run":null}]}}""", "500", Refused + " (at $.steps[0].run)")]
    [InlineData("""{"user":{}}""", "500", Refused)]
    [InlineData("""{"user":5}""", "500", Refused)]
    public async Task Strict_context_names_the_refused_member(string value, string code, string message)
    {
        var commands = samples.Compile(Source.Replace("OPTIONS", Strict, StringComparison.Ordinal));
        Assert.Equal(
            $$"""{"returncode":"{{code}}","message":"{{message}}"}""",
            await commands.SendAsync($$"""{"name":"user.plan","value":{{value}}}"""));
    }

    [Theory]
    [InlineData("""{"user":{}}""", "0", "null:1000:0")]
    [InlineData("""{"user":{"nmae":"bob"}}""", "0", "null:1000:0")]
    [InlineData("""{"user":{"name":5}}""", "500", Refused + " (at $.name)")]
    public async Task Web_defaults_alone_let_inner_members_through(string value, string code, string message)
    {
        // What the strict options are recommended for: without them a missing or misspelt inner
        // member leaves a non-nullable string null, with no error.
        var commands = samples.Compile(Source.Replace("OPTIONS", Web, StringComparison.Ordinal)
            .Replace("user.Name +", "(user.Name ?? \"null\") +", StringComparison.Ordinal));
        Assert.Equal(
            $$"""{"returncode":"{{code}}","message":"{{message}}"}""",
            await commands.SendAsync($$"""{"name":"user.plan","value":{{value}}}"""));
    }

    [Theory]
    [InlineData(Strict, """{"type":"object","properties":{"name":{"type":"string"},"uid":{"type":"integer","minimum":-2147483648,"maximum":2147483647},"steps":{"anyOf":[{"type":"array","items":{"type":"object","properties":{"run":{"type":"string"}},"required":["run"]}},{"type":"null"}]}},"required":["name"]}""")]
    [InlineData(Web, """{"type":"object","properties":{"name":{"type":"string"},"uid":{"type":"integer","minimum":-2147483648,"maximum":2147483647},"steps":{"anyOf":[{"type":"array","items":{"type":"object","properties":{"run":{"type":"string"}}}},{"type":"null"}]}}}""")]
    public void The_schema_lists_constructor_parameters_as_required_when_the_context_does(string options, string user)
    {
        var commands = samples.Compile(Source.Replace("OPTIONS", options, StringComparison.Ordinal));
        var schema = commands.CreateRegistry().Commands.Single(c => c.Name == "user.plan").RequestSchema;
        Assert.Equal(
            $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"user":{{user}}},"required":["user"],"additionalProperties":false}""",
            schema);
    }

    [Fact]
    public void Required_and_json_required_members_are_listed_whatever_the_options()
    {
        var commands = samples.Compile("""
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

            namespace Sample;

            public sealed class Spec
            {
                public required string Name { get; init; }
                [JsonRequired] public int Size { get; set; }
                public string? Note { get; set; }
            }

            [JsonSerializable(typeof(Spec))]
            public partial class SampleJson : JsonSerializerContext;

            public static class Commands
            {
                [Command("spec")] public static string Take(Spec spec) => spec.Name;
            }
            """);
        var schema = commands.CreateRegistry().Commands.Single(c => c.Name == "spec").RequestSchema;
        Assert.Contains("\"required\":[\"Name\",\"Size\"]}", schema, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bracketed_member_name_is_left_out_of_the_path()
    {
        // System.Text.Json brackets a name with special characters ($['a"b\c']): that is how it
        // writes the host's own keys, so nothing from the bracket on is answered.
        var commands = samples.Compile(Source.Replace("OPTIONS", Strict, StringComparison.Ordinal));
        var answer = await commands.SendAsync("""{"name":"user.plan","value":{"user":{"name":"bob","a\"b\\c":1}}}""");
        Assert.Equal($$"""{"returncode":"500","message":"{{Refused}}"}""", answer);
    }

    private const string Keyed = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed record Spec(Dictionary<string, int> Env, List<Spec>? Children = null);

        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
        [JsonSerializable(typeof(Spec))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("spec")] public static string Take(Spec spec) => spec.Env.Count.ToString();
        }
        """;

    private const string KeyedRefused = "Property 'spec' of command 'spec' must be a JSON value of type 'Spec'";

    [Theory]
    [InlineData("""{"spec":{"env":{"/root/.ssh/id_rsa":"x"}}}""", "/root", " (at $.env)")]
    [InlineData("""{"spec":{"env":{"s3cr3t key":"x"}}}""", "s3cr3t", " (at $.env)")]
    [InlineData("""{"spec":{"children":[{"env":{"a":1}},{"env":{"pass'word":"x"}}]}}""", "pass", " (at $.children[1].env)")]
    [InlineData("""{"spec":{"env":{"café":"x"}}}""", "caf", " (at $.env)")]
    public async Task The_keys_of_a_dictionary_member_are_not_answered(string value, string key, string at)
    {
        var commands = samples.Compile(Keyed);
        var answer = await commands.SendAsync($$"""{"name":"spec","value":{{value}}}""");
        Assert.DoesNotContain(key, answer, StringComparison.Ordinal);
        Assert.Equal($$"""{"returncode":"500","message":"{{KeyedRefused}}{{at}}"}""", answer);
    }

    [Fact]
    public async Task A_key_of_plain_characters_reads_as_a_member_name_and_shows()
    {
        // The known limit (BindingErrors.WrongType): System.Text.Json writes such a key exactly as
        // a member name, so nothing in the path tells it apart; it shows, within 64 characters.
        var commands = samples.Compile(Keyed);
        var answer = await commands.SendAsync("""{"name":"spec","value":{"spec":{"env":{"HOME":"x"}}}}""");
        Assert.Equal($$"""{"returncode":"500","message":"{{KeyedRefused}} (at $.env.HOME)"}""", answer);
    }

    [Fact]
    public async Task A_long_path_is_cut_at_64_characters()
    {
        var commands = samples.Compile(Keyed);
        var nested = "{\"env\":{\"a\":\"x\"}}";
        for (var depth = 0; depth < 12; depth++)
        {
            nested = "{\"env\":{},\"children\":[" + nested + "]}";
        }

        var answer = await commands.SendAsync("""{"name":"spec","value":{"spec":""" + nested + "}}");

        // $ and .children[0] twelve times, then .env.a: 151 characters, cut after the last whole
        // segment that leaves room for the "...": 1 + 5 * 12 + 3 = 64.
        var shown = "$" + string.Concat(Enumerable.Repeat(".children[0]", 5)) + "...";
        Assert.Equal(64, shown.Length);
        Assert.Equal($$"""{"returncode":"500","message":"{{KeyedRefused}} (at {{shown}})"}""", answer);
    }
}
