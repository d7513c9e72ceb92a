using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0019: a keyword of a stated request schema whose value the draft 2020-12 meta-schemas do not
/// allow, reported at the value (or the item or member value at fault) inside the string literal.
/// </summary>
public sealed class SchemaValueWarningTests
{
    private const string Reference = "https://json-schema.org/draft/2020-12/schema";

    [Theory]
    [InlineData("""{"type": "strnig"}""", "\"strnig\"", 0, "type", "\"strnig\" is not a JSON Schema type: did you mean \"string\"?")]
    [InlineData("""{"type": "Integer"}""", "\"Integer\"", 0, "type", "\"Integer\" is not a JSON Schema type: did you mean \"integer\"?")]
    [InlineData("""{"type": "int"}""", "\"int\"", 0, "type", "\"int\" is not a JSON Schema type: did you mean \"integer\"?")]
    [InlineData("""{"type": "text"}""", "\"text\"", 0, "type", "\"text\" is not a JSON Schema type; the names are \"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\" and \"string\"")]
    [InlineData("""{"type": []}""", "[]", 0, "type", "it must name at least one type; an empty array allows no value at all")]
    [InlineData("""{"type": 5}""", "5", 0, "type", "it must be a type name or an array of them, not 5; the names are \"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\" and \"string\"")]
    [InlineData("""{"type": ["string", "string"]}""", "\"string\"", 1, "type", "\"string\" is named twice; the names must be unique")]
    [InlineData("""{"type": ["string", null]}""", "null", 0, "type", "each item must be a type name (a string), not null")]
    [InlineData("""{"type": ["object", "nul"]}""", "\"nul\"", 0, "type", "\"nul\" is not a JSON Schema type: did you mean \"null\"?")]
    [InlineData("""{"minLength": "1"}""", "\"1\"", 0, "minLength", "it must be a non-negative integer (0, 1, 2, …), not a string: write it without the quotes")]
    [InlineData("""{"minLength": -1}""", "-1", 0, "minLength", "it must be a non-negative integer (0, 1, 2, …), not -1")]
    [InlineData("""{"maxItems": 1.5}""", "1.5", 0, "maxItems", "it must be a non-negative integer (0, 1, 2, …), not 1.5")]
    [InlineData("""{"maxContains": 15e-1}""", "15e-1", 0, "maxContains", "it must be a non-negative integer (0, 1, 2, …), not 15e-1")]
    [InlineData("""{"minProperties": "-1"}""", "\"-1\"", 0, "minProperties", "it must be a non-negative integer (0, 1, 2, …), not a string")]
    [InlineData("""{"multipleOf": 0}""", "0", 0, "multipleOf", "it must be a number greater than 0, not 0")]
    [InlineData("""{"multipleOf": -0.5}""", "-0.5", 0, "multipleOf", "it must be a number greater than 0, not -0.5")]
    [InlineData("""{"minimum": "5"}""", "\"5\"", 0, "minimum", "it must be a number, not a string: write it without the quotes")]
    [InlineData("""{"exclusiveMinimum": true}""", "true", 0, "exclusiveMinimum", "it must be a number, not true (a boolean here is draft 4's form; 2020-12 takes the bound itself: write \"exclusiveMinimum\": N in place of \"minimum\": N)")]
    [InlineData("""{"exclusiveMinimum": true, "minimum": 3}""", "true", 0, "exclusiveMinimum", "it must be a number, not true (a boolean here is draft 4's form; 2020-12 takes the bound itself: write \"exclusiveMinimum\": 3 in place of \"minimum\": 3)")]
    [InlineData("""{"maximum": -2.5e1, "exclusiveMaximum": true}""", "true", 0, "exclusiveMaximum", "it must be a number, not true (a boolean here is draft 4's form; 2020-12 takes the bound itself: write \"exclusiveMaximum\": -2.5e1 in place of \"maximum\": -2.5e1)")]
    [InlineData("""{"maximum": 5, "exclusiveMaximum": false}""", "false", 0, "exclusiveMaximum", "it must be a number, not false (a boolean here is draft 4's form, and false, an inclusive bound, is the default: delete it)")]
    [InlineData("""{"properties": {"a": {"type": "string", "required": true}}}""", "true", 0, "required", "it must be an array of property names, not true (a boolean here is draft 3's form: list the property's name in the 'required' array of the object schema that holds it, \"required\": [\"name\"], and delete this one)")]
    [InlineData("""{"properties": {"a": {"required": false}}}""", "false", 0, "required", "it must be an array of property names, not false (a boolean here is draft 3's form, and false is the default: delete it)")]
    [InlineData("""{"required": "name"}""", "\"name\"", 0, "required", "it must be an array of property names, not a string: write [\"name\"]")]
    [InlineData("""{"required": ["a", "b", "a"]}""", "\"a\"", 1, "required", "'a' is listed twice; the names must be unique")]
    [InlineData("""{"required": ["a", 2]}""", "2", 0, "required", "each item must be a property name (a string), not 2")]
    [InlineData("""{"dependentRequired": {"a": "b"}}""", "\"b\"", 0, "dependentRequired", "the value of 'a' must be an array of property names, not a string: write [\"b\"]")]
    [InlineData("""{"dependentRequired": {"a": ["b", "b"]}}""", "\"b\"", 1, "dependentRequired", "'b' is listed twice in the value of 'a'; the names must be unique")]
    [InlineData("""{"dependentRequired": []}""", "[]", 0, "dependentRequired", "it must be an object whose values are arrays of property names, not an empty array")]
    [InlineData("""{"properties": []}""", "[]", 0, "properties", "it must be an object whose values are schemas, not an empty array")]
    [InlineData("""{"properties": {"a": "string"}}""", "\"string\"", 0, "properties", "the value of 'a' must be a schema (an object, or true or false), not a string: write {\"type\": \"string\"}")]
    [InlineData("""{"$defs": {"a": 1}}""", "1", 0, "$defs", "the value of 'a' must be a schema (an object, or true or false), not 1")]
    [InlineData("""{"enum": {}}""", "{}", 0, "enum", "it must be an array of the values allowed (for a single value, 'const' takes it as is), not an object")]
    [InlineData("""{"examples": "a"}""", "\"a\"", 0, "examples", "it must be an array, not a string")]
    [InlineData("""{"pattern": 5}""", "5", 0, "pattern", "it must be a string, not 5")]
    [InlineData("""{"title": ["a"]}""", "[\"a\"]", 0, "title", "it must be a string, not an array")]
    [InlineData("""{"additionalProperties": "no"}""", "\"no\"", 0, "additionalProperties", "it must be a schema (an object, or true or false), not a string")]
    [InlineData("""{"not": null}""", "null", 0, "not", "it must be a schema (an object, or true or false), not null")]
    [InlineData("""{"items": "integer"}""", "\"integer\"", 0, "items", "it must be a schema (an object, or true or false), not a string: write {\"type\": \"integer\"}")]
    [InlineData("""{"items": [{"type": "string"}]}""", "[{\"type\": \"string\"}]", 0, "items", "it must be a schema (an object, or true or false), not an array (an array of schemas, one per position, is an older draft's 'items'; 2020-12 has 'prefixItems' for it)")]
    [InlineData("""{"not": [{"type": "string"}]}""", "[{\"type\": \"string\"}]", 0, "not", "it must be a schema (an object, or true or false), not an array")]
    [InlineData("""{"allOf": []}""", "[]", 0, "allOf", "it must be a non-empty array of schemas, not an empty array")]
    [InlineData("""{"prefixItems": {"type": "string"}}""", "{\"type\": \"string\"}", 0, "prefixItems", "it must be a non-empty array of schemas, not an object")]
    [InlineData("""{"anyOf": [{"type": "string"}, "null"]}""", "\"null\"", 0, "anyOf", "each item must be a schema (an object, or true or false), not a string: write {\"type\": \"null\"}")]
    [InlineData("""{"uniqueItems": "true"}""", "\"true\"", 0, "uniqueItems", "it must be true or false, not a string: write it without the quotes")]
    [InlineData("""{"readOnly": 1}""", "1", 0, "readOnly", "it must be true or false, not 1")]
    [InlineData("""{"$anchor": "#top"}""", "\"#top\"", 0, "$anchor", "it must be a plain name: a letter or '_', then letters, digits, '-', '.' or '_' (no '#': a '$ref' adds it, \"#name\")")]
    [InlineData("""{"$dynamicAnchor": "1st"}""", "\"1st\"", 0, "$dynamicAnchor", "it must be a plain name: a letter or '_', then letters, digits, '-', '.' or '_' (no '#': a '$ref' adds it, \"#name\")")]
    [InlineData("""{"$ref": {"a": 1}}""", "{\"a\": 1}", 0, "$ref", "it must be a string, not an object")]
    [InlineData("""{"$vocabulary": {"https://example.com/v": 1}}""", "1", 0, "$vocabulary", "the value of 'https://example.com/v' must be true or false, not 1")]
    public async Task GA0019_is_reported_at_the_value_that_the_meta_schema_does_not_allow(string schema, string span, int occurrence, string keyword, string problem)
    {
        var source = $$""""
            public static class A { [Command("x", RequestSchema = """{{schema}}""")] public static void Run(JsonElement value) { } }
            """";
        var diagnostic = Assert.Single(await ReportsAsync(source, "GA0019", span));

        // The occurrence meant, not an earlier one of the same text (a duplicate is reported at its second writing).
        var text = diagnostic.Location.SourceTree!.GetText(TestContext.Current.CancellationToken).ToString();
        Assert.Equal(Occurrence(text, text.IndexOf(schema, StringComparison.Ordinal), span, occurrence), diagnostic.Location.SourceSpan.Start);
        Assert.Equal(
            $"RequestSchema of command method 'A.Run(JsonElement)' gives '{keyword}' a value JSON Schema 2020-12 does not allow, so validators may refuse the schema or misread the keyword: {problem}",
            Message(diagnostic));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public async Task GA0019_looks_inside_every_schema_and_at_every_bad_value()
    {
        await ReportsAsync(""""
            public static class A
            {
                [Command("x", RequestSchema = """
                    {
                      "properties": { "a": { "minLength": "1" }, "b": { "items": { "type": "strnig" } } },
                      "$defs": { "d": { "anyOf": [ { "required": "a" }, true ] } },
                      "items": [ { "maxItems": -1 } ],
                      "then": { "not": { "enum": 1 } }
                    }
                    """)]
                public static void Run(JsonElement value) { }
            }
            """", "GA0019", "\"1\"", "\"strnig\"", "\"a\"", "[ { \"maxItems\": -1 } ]", "-1", "1");
    }

    [Fact]
    public async Task GA0019_does_not_look_inside_data_or_the_values_of_unknown_keywords()
    {
        // The values of enum, const, default and examples are data, and an unknown keyword's value is
        // an annotation: the minLength and type in them are no keywords. Only GA0017 is reported.
        await ReportsAsync(""""
            public static class A { [Command("x", RequestSchema = """{"enum": [{"minLength": "1"}], "const": {"type": 5}, "default": {"required": 1}, "examples": [{"items": 2}], "x-a": {"type": []}, "propertys": {"a": {"type": "strnig"}}}""")] public static void Run(JsonElement value) { } }
            """", "GA0017", "propertys");
    }

    [Fact]
    public async Task A_schema_that_uses_every_keyword_as_2020_12_allows_draws_nothing()
    {
        // Booleans are schemas; 1.0, 1e2 and -0 are integers; an empty enum and an empty required are allowed.
        const string Schema = $$"""
            {
              "$schema": "{{Reference}}", "$id": "https://example.com/s", "$anchor": "top_1.a-b", "$dynamicAnchor": "_meta",
              "$comment": "c", "$vocabulary": { "https://json-schema.org/draft/2020-12/vocab/core": true },
              "$defs": { "t": true, "f": false, "o": {} }, "$ref": "#/$defs/t", "$dynamicRef": "#meta",
              "type": ["object", "array", "null"], "enum": [], "const": 5, "default": "x", "examples": [1, "a"],
              "title": "t", "description": "d", "deprecated": true, "readOnly": false, "writeOnly": false,
              "format": "uri", "contentEncoding": "base64", "contentMediaType": "application/json", "contentSchema": {},
              "properties": { "a": true, "b": false, "c": { "type": "integer", "minimum": -1.5, "maximum": 1e400, "exclusiveMinimum": -2, "exclusiveMaximum": 10, "multipleOf": 0.5 } },
              "patternProperties": { "^x": {} }, "additionalProperties": false, "propertyNames": { "maxLength": 1e2, "minLength": 0, "pattern": "^a" },
              "required": [], "dependentRequired": { "a": ["b", "c"] }, "dependentSchemas": { "a": true },
              "minProperties": 1.0, "maxProperties": -0, "unevaluatedProperties": false,
              "prefixItems": [true, { "type": "string" }], "items": false, "contains": {}, "minContains": 0, "maxContains": 20E-1,
              "minItems": 0, "maxItems": 10, "uniqueItems": true, "unevaluatedItems": true,
              "allOf": [{}], "anyOf": [true], "oneOf": [{ "type": "boolean" }], "not": false,
              "if": true, "then": {}, "else": false
            }
            """;
        var source = "public static class A { [Command(\"x\", RequestSchema = \"\"\"\n" + Schema + "\n\"\"\")] public static void Run(JsonElement value) { } }";
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(Usings + source));
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(await TestCompiler.AnalyzeAsync(output));
    }

    [Fact]
    public async Task GA0019_is_suppressible_and_the_schema_is_published_as_written()
    {
        const string Command = """"
                [Command("x", RequestSchema = """{"type": "strnig"}""")] public static void Run(JsonElement value) { }
            """";
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(Usings + "public static class A {\n" + Command + "\n}"));
        Assert.Equal("GA0019", Assert.Single(await TestCompiler.AnalyzeAsync(output)).Id);

        var suppressed = "using System.Text.Json;\nusing GuestAgent.Commands;\npublic static class A {\n#pragma warning disable GA0019\n" + Command + "\n#pragma warning restore GA0019\n}";
        var (quiet, _) = TestCompiler.Generate(TestCompiler.Compile(suppressed));
        Assert.Empty(await TestCompiler.AnalyzeAsync(quiet));
        using var commands = LoadedCommands.Compile(suppressed);
        var command = Assert.Single(commands.CreateRegistry().Commands);
        Assert.Equal($$"""{"$schema":"{{Reference}}","type":"strnig"}""", command.RequestSchema);
    }

    private static int Occurrence(string text, int from, string span, int occurrence)
    {
        var index = text.IndexOf(span, from, StringComparison.Ordinal);
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(span, index + 1, StringComparison.Ordinal);
        }

        return index;
    }
}
