using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0017 (a member where a keyword belongs that is no JSON Schema 2020-12 keyword) and GA0018 (a
/// schema that certainly admits no string, for a value taken as a string): warnings about a stated
/// request schema that is valid but not what its author meant, each at its characters inside the
/// string literal. GA0019 (keyword values) has SchemaValueWarningTests.
/// </summary>
public sealed class RequestSchemaWarningTests
{
    [Fact]
    public async Task GA0017_is_reported_at_each_unknown_keyword_and_not_at_property_names_definition_names_or_data()
    {
        // Unknown names that sit where names are data (properties, $defs), in data (enum, const,
        // default, examples), or carry the x- prefix are not keywords and must not be reported.
        var diagnostics = await ReportsAsync(""""
            public static class A
            {
                [Command("x", RequestSchema = """
                    {
                      "type": "object",
                      "properties": {
                        "minLenght": { "type": "string", "minLenght": 1 },
                        "tags": { "type": "array", "itmes": { "type": "string" } }
                      },
                      "requried": [ "minLenght" ],
                      "enum": [ { "tpye": 1 } ],
                      "const": { "propertys": 2 },
                      "default": { "foo": 3 },
                      "examples": [ { "bar": 4 } ],
                      "$defs": { "minLenght": { "maxLenght": 2 } },
                      "anyOf": [ { "patern": "a" }, true ],
                      "x-origin": { "whatever": 1 }
                    }
                    """)]
                public static void Run(JsonElement value) { }
            }
            """", "GA0017", "minLenght", "itmes", "requried", "maxLenght", "patern");

        // The keyword, not the property of the same name before it on the line.
        var first = diagnostics[0].Location;
        var text = first.SourceTree!.GetText(TestContext.Current.CancellationToken).ToString();
        Assert.Equal(text.IndexOf("\"minLenght\": 1", StringComparison.Ordinal) + 1, first.SourceSpan.Start);
        Assert.Equal(
            "RequestSchema of command method 'A.Run(JsonElement)' has 'minLenght', which is not a JSON Schema 2020-12 keyword, so validators do not treat it as one: did you mean 'minLength'?",
            Message(diagnostics[0]));
        Assert.Equal(
            ["did you mean 'minLength'?", "did you mean 'items'?", "did you mean 'required'?", "did you mean 'maxLength'?", "did you mean 'pattern'?"],
            diagnostics.Select(d => Message(d)[(Message(d).IndexOf("as one: ", StringComparison.Ordinal) + "as one: ".Length)..]));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Theory]
    [InlineData("propertys", "did you mean 'properties'?")]
    [InlineData("MinLength", "did you mean 'minLength'?")]
    [InlineData("tpye", "did you mean 'type'?")]
    [InlineData("definitions", "it is an older draft's; 2020-12 has '$defs' (a '$ref' into it still resolves: rename it and the references together)")]
    [InlineData("id", "it is an older draft's; 2020-12 has '$id'")]
    [InlineData("nullable", "it is OpenAPI's; in JSON Schema, add \"null\" to the 'type' (\"type\": [\"string\", \"null\"])")]
    [InlineData("since", "to keep an annotation of your own, start its name with 'x-'")]
    [InlineData("ab", "to keep an annotation of your own, start its name with 'x-'")]
    public async Task GA0017_names_the_keyword_meant_when_one_is_close(string name, string hint)
    {
        var diagnostics = await ReportsAsync($$""""
            public static class A { [Command("x", RequestSchema = """{"{{name}}": 1}""")] public static void Run(JsonElement value) { } }
            """", "GA0017", name);
        Assert.EndsWith($"has '{name}', which is not a JSON Schema 2020-12 keyword, so validators do not treat it as one: {hint}", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0017_looks_inside_an_older_drafts_definitions_too()
    {
        await ReportsAsync(""""
            public static class A { [Command("x", RequestSchema = """{"definitions": {"a": {"minLenght": 1}}}""")] public static void Run(JsonElement value) { } }
            """", "GA0017", "definitions", "minLenght");
    }

    [Theory]
    [InlineData("\"{\\\"type\\\":\\\"string\\\",\\\"maxLenght\\\":3}\"", "maxLenght")] // regular, with escapes before the name
    [InlineData("@\"{\"\"type\"\":\"\"string\"\",\"\"maxLenght\"\":3}\"", "maxLenght")] // verbatim
    [InlineData("\"\"\"{\"type\":\"string\",\"maxLenght\":3}\"\"\"", "maxLenght")] // single-line raw
    [InlineData("\"{\\\"max\\u004Cenght\\\":3}\"", "max\\u004Cenght")] // a C# escape inside the name
    [InlineData("\"\"\"{\"max\\u004Cenght\":3}\"\"\"", "max\\u004Cenght")] // a JSON escape inside the name
    [InlineData("\"{\\\"\\\":3}\"", "\\\"\\\"")] // an empty name: its quotes
    [InlineData("\"{\\\"maxLen\" + \"ght\\\":3}\"", "\"{\\\"maxLen\" + \"ght\\\":3}\"")] // not one literal: the whole value
    public async Task GA0017_is_reported_at_the_name_in_every_kind_of_string_literal(string literal, string span)
    {
        await ReportsAsync($$"""
            public static class A { [Command("x", RequestSchema = {{literal}})] public static void Run(string value) { } }
            """, "GA0017", span);
    }

    [Fact]
    public async Task GA0017_and_GA0018_are_not_reported_for_a_schema_that_is_invalid_or_ignored()
    {
        // GA0015 and GA0016 say what matters: the schema is not used.
        await ReportsAsync("""
            public static class A { [Command("x", RequestSchema = "{\"type\":\"object\",\"minLenght\":1,}")] public static void Run(string value) { } }
            """, "GA0015", "}");
        await ReportsAsync("""
            public static class A { [Command("x", RequestSchema = "{\"type\":\"object\",\"minLenght\":1}")] public static void Run(string path, int mode) { } }
            """, "GA0016", "RequestSchema = \"{\\\"type\\\":\\\"object\\\",\\\"minLenght\\\":1}\"");
    }

    [Fact]
    public async Task GA0018_a_type_without_string_for_a_string_value_is_a_warning_at_the_type()
    {
        var diagnostics = await ReportsAsync(""""
            public static class A { [Command("x", RequestSchema = """{"description": "a key", "type": "object"}""")] public static void Run(string key) { } }
            """", "GA0018", "\"object\"");
        Assert.Equal(
            "RequestSchema of command method 'A.Run(string)' admits no string: its type is \"object\"; but the command takes the value as the string parameter 'key', so a request whose value is a string, the one it is made for, never matches the schema: add \"string\" to the type, or take the value as a JsonElement",
            Message(diagnostics[0]));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
    }

    [Theory]
    [InlineData("""{"type": ["integer", "null"]}""", "[\"integer\", \"null\"]", "its type is [\"integer\",\"null\"]", "add \"string\" to the type")]
    [InlineData("""{"enum": [1, null, {"a": "b"}]}""", "[1, null, {\"a\": \"b\"}]", "its 'enum' lists no string", "add the strings meant to the 'enum'")]
    [InlineData("""{"enum": []}""", "[]", "its 'enum' lists no string", "add the strings meant to the 'enum'")]
    [InlineData("""{"const": 5}""", "5", "its 'const' is not a string", "make the 'const' a string")]
    [InlineData("""{"allOf": [{"pattern": "^a"}, {"type": "integer"}]}""", "\"integer\"", "in an 'allOf' member, its type is \"integer\"", "add \"string\" to the type")]
    [InlineData("""{"allOf": [{}, false]}""", "false", "its 'allOf' holds the schema false, which no value matches", "remove that false")]
    [InlineData("""{"allOf": [{"allOf": [{"const": null}]}]}""", "null", "in an 'allOf' member, in an 'allOf' member, its 'const' is not a string", "make the 'const' a string")]
    [InlineData("""{"anyOf": [{"type": "integer"}]}""", "[{\"type\": \"integer\"}]", "no branch of its 'anyOf' admits one", "let a branch of 'anyOf' admit a string")]
    [InlineData("""{"oneOf": [{"type": "integer"}, {"enum": [1]}, false, {"anyOf": [{"const": 2}]}]}""", "[{\"type\": \"integer\"}, {\"enum\": [1]}, false, {\"anyOf\": [{\"const\": 2}]}]", "no branch of its 'oneOf' admits one", "let a branch of 'oneOf' admit a string")]
    public async Task GA0018_is_reported_for_every_schema_that_certainly_admits_no_string(string schema, string span, string reason, string fix)
    {
        var diagnostics = await ReportsAsync($$""""
            public static class A { [Command("x", RequestSchema = """{{schema}}""")] public static void Run(string? value) { } }
            """", "GA0018", span);
        Assert.Contains($"admits no string: {reason}; but the command takes", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.EndsWith($"never matches the schema: {fix}, or take the value as a JsonElement", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("string", """{"type": "string"}""")]
    [InlineData("string", """{"type": ["null", "string"]}""")]
    [InlineData("string", """{"enum": [1, "a"]}""")]
    [InlineData("string", """{"const": "a"}""")]
    [InlineData("string", """{"anyOf": [{"type": "integer"}, {"type": "string"}]}""")]
    [InlineData("string", """{"oneOf": [{"type": "integer"}, {"$ref": "#/$defs/s"}], "$defs": {"s": {"type": "integer"}}}""")] // a $ref is not followed
    [InlineData("string", """{"allOf": [{"pattern": "^a"}, true]}""")]
    [InlineData("string", """{"not": {"type": "string"}}""")] // 'not' is not read: it only narrows
    [InlineData("string", """{"if": {"type": "string"}, "then": false}""")] // nor 'if'
    [InlineData("string", """{"properties": {"type": {"type": "object"}}}""")] // a property named type
    [InlineData("string", """{"type": "string", "properties": {"a": {"type": "object"}}, "$defs": {"n": {"const": 1}}}""")] // the schemas of members, not of the value
    [InlineData("JsonElement", """{"type": "object"}""")] // a JsonElement takes any JSON value
    [InlineData("JsonElement", """{"type": ["integer", "null"], "enum": [1], "allOf": [false]}""")]
    public async Task GA0018_is_not_reported_where_a_string_may_be_admitted_or_the_value_is_any_JSON(string parameterType, string schema)
    {
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(Usings + $$""""
            public static class A { [Command("x", RequestSchema = """{{schema}}""")] public static void Run({{parameterType}} value) { } }
            """"));
        Assert.Empty(await TestCompiler.AnalyzeAsync(output));
    }

    [Theory]
    [InlineData("""{"type": "String"}""", "\"String\"")]
    [InlineData("""{"type": []}""", "[]")]
    [InlineData("""{"type": ["integer", "strnig"]}""", "\"strnig\"")]
    [InlineData("""{"enum": {"a": 1}}""", "{\"a\": 1}")]
    [InlineData("""{"type": ["integer", "integer"]}""", "\"integer\"")]
    [InlineData("""{"anyOf": []}""", "[]")]
    public async Task A_malformed_type_enum_or_anyOf_is_GA0019s_and_not_read_for_GA0018(string schema, string span)
    {
        await ReportsAsync($$""""
            public static class A { [Command("x", RequestSchema = """{{schema}}""")] public static void Run(string value) { } }
            """", "GA0019", span);
    }

    [Fact]
    public async Task GA0017_looks_inside_schemas_listed_where_one_belongs_and_inside_older_drafts_dependencies()
    {
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(Usings + """"
            public static class A { [Command("x", RequestSchema = """{"items": [{"minLenght": 1}, true], "dependencies": {"a": ["b"], "c": {"maxLenght": 2}}}""")] public static void Run(JsonElement value) { } }
            """"));
        var diagnostics = (await TestCompiler.AnalyzeAsync(output)).OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(
            [("GA0019", "[{\"minLenght\": 1}, true]"), ("GA0017", "minLenght"), ("GA0017", "dependencies"), ("GA0017", "maxLenght")],
            diagnostics.Select(d => (d.Id, SpanText(d))));
    }

    [Fact]
    public async Task GA0017_does_not_look_inside_the_value_of_a_member_that_is_no_keyword()
    {
        // 2020-12 takes an unknown keyword's value as an annotation, not a schema: fix the name first.
        await ReportsAsync(""""
            public static class A { [Command("x", RequestSchema = """{"propertys": {"a": {"minLenght": 1}}, "requried": [{"tpye": 1}]}""")] public static void Run(JsonElement value) { } }
            """", "GA0017", "propertys", "requried");
    }

    [Fact]
    public async Task GA0017_GA0018_and_GA0019_are_suppressible_and_the_schema_is_published_as_written()
    {
        const string Command = """"
                [Command("x", RequestSchema = """{"type": "integer", "minLenght": 1, "maxLength": "2"}""")] public static string Run(string value) => value;
            """";
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(Usings + "public static class A {\n" + Command + "\n}"));
        Assert.Equal(["GA0018", "GA0017", "GA0019"], (await TestCompiler.AnalyzeAsync(output)).OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.Id));

        var suppressed = "using GuestAgent.Commands;\npublic static class A {\n#pragma warning disable GA0017, GA0018, GA0019\n" + Command + "\n#pragma warning restore GA0017, GA0018, GA0019\n}";
        var (quiet, _) = TestCompiler.Generate(TestCompiler.Compile(suppressed));
        Assert.Empty(await TestCompiler.AnalyzeAsync(quiet));
        using var commands = LoadedCommands.Compile(suppressed);
        var command = Assert.Single(commands.CreateRegistry().Commands);
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"integer","minLenght":1,"maxLength":"2"}""", command.RequestSchema);
    }
}
