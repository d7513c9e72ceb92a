using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A complex argument the JSON context refuses is answered with where inside it the context
/// stopped (System.Text.Json's path), never with the exception's message, which can quote the
/// value. The strict context options of docs/authoring-commands.md make inner members as strict
/// as top-level parameters; the answers go through the real parser and response writer.
/// </summary>
public sealed class ComplexMemberErrorExecutionTests
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
        using var commands = LoadedCommands.Compile(Source.Replace("OPTIONS", Strict, StringComparison.Ordinal));
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
        using var commands = LoadedCommands.Compile(Source.Replace("OPTIONS", Web, StringComparison.Ordinal)
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
        using var commands = LoadedCommands.Compile(Source.Replace("OPTIONS", options, StringComparison.Ordinal));
        var schema = commands.CreateRegistry().Commands.Single(c => c.Name == "user.plan").RequestSchema;
        Assert.Equal(
            $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"user":{{user}}},"required":["user"],"additionalProperties":false}""",
            schema);
    }

    [Fact]
    public void Required_and_json_required_members_are_listed_whatever_the_options()
    {
        using var commands = LoadedCommands.Compile("""
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
    public async Task The_path_of_an_odd_member_name_stays_escape_free_on_the_wire()
    {
        // System.Text.Json brackets a name with special characters; the response writer turns
        // the quote into ' and the backslash into /, so the answer carries no JSON escape.
        using var commands = LoadedCommands.Compile(Source.Replace("OPTIONS", Strict, StringComparison.Ordinal));
        var answer = await commands.SendAsync("""{"name":"user.plan","value":{"user":{"name":"bob","a\"b\\c":1}}}""");
        Assert.DoesNotContain("\\", answer, StringComparison.Ordinal);
        Assert.Equal($$"""{"returncode":"500","message":"{{Refused}} (at $['a'b/c'])"}""", answer);
    }
}
