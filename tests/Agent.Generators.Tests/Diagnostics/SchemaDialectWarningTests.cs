using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// Stated request schemas that are valid 2020-12 though they name or use another draft: the
/// meta-schema's URI with its empty fragment, an embedded resource of another draft, and an older
/// draft's <c>definitions</c> that a <c>$ref</c> points into. And messages that quote long author
/// text.
/// </summary>
public sealed class SchemaDialectWarningTests
{
    [Fact]
    public async Task A_schema_URI_with_the_empty_fragment_names_2020_12_and_draws_no_error()
    {
        await ReportsAsync(""""
            public static class A { [Command("x", RequestSchema = """{"$schema": "https://json-schema.org/draft/2020-12/schema#", "type": "object"}""")] public static void Run(JsonElement value) { } }
            """", "GA0015");

        // The generator writes the URI without the fragment, once.
        using var commands = LoadedCommands.Compile(""""
            using GuestAgent.Commands;
            using System.Text.Json;
            public static class A { [Command("x", RequestSchema = """{"$schema": "https://json-schema.org/draft/2020-12/schema#", "type": "object"}""")] public static void Run(JsonElement value) { } }
            """");
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object"}""", Assert.Single(commands.CreateRegistry().Commands).RequestSchema);
    }

    [Fact]
    public async Task An_embedded_resource_of_another_draft_is_not_checked_as_2020_12()
    {
        // 2020-12 core §9.3: a subschema with its own $id may declare another dialect. Its draft-07
        // array-form items and definitions are that draft's keywords; the same outside it are not.
        await ReportsAsync(""""
            public static class A { [Command("x", RequestSchema = """{"$defs": {"old": {"$id": "https://example.com/old", "$schema": "http://json-schema.org/draft-07/schema#", "items": [{"type": "string"}], "definitions": {"a": {}}}}, "$ref": "https://example.com/old"}""")] public static void Run(JsonElement value) { } }
            """", "GA0019");

        // An embedded resource that names 2020-12, either way, is checked.
        await ReportsAsync(""""
            public static class A { [Command("x", RequestSchema = """{"$defs": {"new": {"$id": "https://example.com/new", "$schema": "https://json-schema.org/draft/2020-12/schema", "minLenght": 1}, "newer": {"$id": "https://example.com/newer", "$schema": "https://json-schema.org/draft/2020-12/schema#", "maxLenght": 1}}, "$ref": "https://example.com/new"}""")] public static void Run(JsonElement value) { } }
            """", "GA0017", "minLenght", "maxLenght");
    }

    [Fact]
    public async Task GA0017_at_definitions_does_not_claim_validators_ignore_it()
    {
        // A $ref's JSON pointer resolves into 'definitions' in 2020-12 too: the schema works, and the
        // warning only says the 2020-12 name.
        var diagnostic = Assert.Single(await ReportsAsync(""""
            public static class A { [Command("x", RequestSchema = """{"definitions": {"a": {"type": "string"}}, "$ref": "#/definitions/a"}""")] public static void Run(JsonElement value) { } }
            """", "GA0017", "definitions"));
        Assert.Equal(
            "RequestSchema of command method 'A.Run(JsonElement)' has 'definitions', which is not a JSON Schema 2020-12 keyword, so validators do not treat it as one: it is an older draft's; 2020-12 has '$defs' (a '$ref' into it still resolves: rename it and the references together)",
            Message(diagnostic));
    }

    [Fact]
    public async Task Messages_quote_at_most_64_characters_of_a_long_name_or_value()
    {
        var name = new string('q', 20_000);
        var diagnostics = await ReportsAsync($$""""
            public static class A { [Command("x", RequestSchema = """{"{{name}}": 1}""")] public static void Run(JsonElement value) { } }
            """", "GA0017", name);
        Assert.EndsWith($"has '{new string('q', 64)}…', which is not a JSON Schema 2020-12 keyword, so validators do not treat it as one: to keep an annotation of your own, start its name with 'x-'", Message(diagnostics[0]), StringComparison.Ordinal);

        // Not half a surrogate pair: the cut comes before it.
        var emoji = new string('q', 63) + "\U0001F600" + "qq";
        var cut = await ReportsAsync($$""""
            public static class A { [Command("x", RequestSchema = """{"{{emoji}}": 1}""")] public static void Run(JsonElement value) { } }
            """", "GA0017", emoji);
        Assert.Contains($"has '{new string('q', 63)}…', which", Message(cut[0]), StringComparison.Ordinal);

        var values = await ReportsAsync($$""""
            public static class A { [Command("x", RequestSchema = """{"type": "{{name}}", "minLength": 1.{{new string('5', 20_000)}}}""")] public static void Run(JsonElement value) { } }
            """", "GA0019", $"\"{name}\"", "1." + new string('5', 20_000));
        Assert.EndsWith($": \"{new string('q', 64)}…\" is not a JSON Schema type; the names are \"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\" and \"string\"", Message(values[0]), StringComparison.Ordinal);
        Assert.EndsWith($": it must be a non-negative integer (0, 1, 2, …), not 1.{new string('5', 62)}…", Message(values[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_show_characters_a_reader_would_not_see_as_the_agent_does_as_percent_escaped_UTF8()
    {
        // Session 70: the quoted name held its NUL and right-to-left override raw (the override reordered the
        // rest of the message in an editor's error list), and a type name came JSON-escaped ("str\u0000ing"):
        // the one notation is the agent's own (EscapedText.ForLog), a printable 'é' or 'ü' kept.
        var diagnostics = await ReportsAsync(""""
            public static class A { [Command("x", RequestSchema = """{"a\u0000b\u202Ec'%\"\\é": 1}""")] public static void Run(JsonElement value) { } }
            """", "GA0017", "a\\u0000b\\u202Ec'%\\\"\\\\é");
        Assert.Contains("has 'a%00b%E2%80%AEc%27%25%22%5Cé', which", Message(diagnostics[0]), StringComparison.Ordinal);

        var values = await ReportsAsync(""""
            public static class A { [Command("x", RequestSchema = """{"type": "str\u0000ing\u0085ü"}""")] public static void Run(JsonElement value) { } }
            """", "GA0019", "\"str\\u0000ing\\u0085ü\"");
        Assert.Contains(": \"str%00ing%C2%85ü\" is not a JSON Schema type", Message(values[0]), StringComparison.Ordinal);
    }
}
