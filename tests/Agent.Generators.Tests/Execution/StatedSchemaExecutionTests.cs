using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// <c>[Command(RequestSchema = …)]</c> on a value taken whole: the descriptor publishes the stated
/// schema, compacted like a derived one, with <c>$schema</c> first and the parameter's
/// documentation and default where the schema has none; binding is unchanged.
/// </summary>
public sealed class StatedSchemaExecutionTests(StatedSchemaExecutionTests.Compiled compiled) : IClassFixture<StatedSchemaExecutionTests.Compiled>
{
    private const string Source = """"
        using System.Text.Json;
        using GuestAgent.Commands;

        namespace Sample;

        public static class Commands
        {
            [Command("pair", RequestSchema = """
                {
                  "type": "object",
                  "properties": {
                    "name": { "type": "string", "pattern": "^\\d+\/\u0041$" },
                    "size": { "type": "integer", "minimum": -1.5e+3 }
                  },
                  "required": [ "name" ]
                }
                """)]
            public static string Pair(JsonElement value) => value.ValueKind.ToString();

            /// <summary>Greets.</summary>
            /// <param name="who">Whom to greet.</param>
            [Command("greet", RequestSchema = """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"string","minLength":1}""")]
            public static string Greet(string who = "world") => "hi " + who;

            /// <param name="who">Whom to greet.</param>
            [Command("own", RequestSchema = """{"type":"string","default":"you","description":"Mine."}""")]
            public static string Own(string who = "world") => "hi " + who;
        }
        """";

    private readonly LoadedCommands _commands = compiled.Commands;

    private string Schema(string name) => _commands.CreateRegistry().Commands.Single(c => c.Name == name).RequestSchema;

    [Fact]
    public void The_stated_schema_is_published_compact_with_the_dialect_first() =>
        Assert.Equal(
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"name":{"type":"string","pattern":"^\\d+/A$"},"size":{"type":"integer","minimum":-1.5e+3}},"required":["name"]}""",
            Schema("pair"));

    [Fact]
    public void The_parameters_description_and_default_are_added_where_the_schema_has_none()
    {
        Assert.Equal(
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","description":"Whom to greet.","type":"string","minLength":1,"default":"world"}""",
            Schema("greet"));
        Assert.Equal(
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"string","default":"you","description":"Mine."}""",
            Schema("own"));
    }

    [Theory]
    [InlineData("""{"name":"pair","value":{"name":"a"}}""", """{"returncode":"0","message":"Object"}""")]
    [InlineData("""{"name":"pair","value":[1]}""", """{"returncode":"0","message":"Array"}""")]
    [InlineData("""{"name":"greet"}""", """{"returncode":"0","message":"hi world"}""")]
    [InlineData("""{"name":"greet","value":"bob"}""", """{"returncode":"0","message":"hi bob"}""")]
    public async Task Binding_is_what_it_was_without_a_schema(string request, string expected) =>
        Assert.Equal(expected, await _commands.SendAsync(request));

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}
