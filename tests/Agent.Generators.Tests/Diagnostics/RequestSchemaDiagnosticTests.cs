using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0015 (a stated request schema that is no JSON Schema object) and GA0016 (a stated schema
/// where the generator derives one): the id, the exact span and the message. Neither keeps the
/// command from being generated.
/// </summary>
public sealed class RequestSchemaDiagnosticTests
{
    [Fact]
    public async Task GA0015_invalid_json_is_reported_at_the_character_with_its_line_and_column_in_the_schema_text()
    {
        var diagnostics = await ReportsAsync(""""
            public static class A
            {
                [Command("x", RequestSchema = """
                    {"type": "object",
                     "required": ["a",]}
                    """)]
                public static void Run(JsonElement value) { }
            }
            """", "GA0015", "]");
        // The ']' after the trailing comma, on the source line that holds it (not an attribute's ']').
        AssertAtTheBracketAfterTheComma(diagnostics[0]);
        Assert.Equal(
            "RequestSchema of command method 'A.Run(JsonElement)' is not a usable JSON Schema: invalid JSON at line 2, column 19 of the schema text: expected a value (an object, array, string, number, true, false or null)",
            Message(diagnostics[0]));
        Assert.Equal(DiagnosticSeverity.Error, diagnostics[0].Severity);
    }

    [Fact]
    public async Task GA0015_in_a_raw_literal_with_CRLF_line_ends_and_a_blank_line_is_reported_at_the_character()
    {
        // Windows line ends and an empty line inside the literal: both shift the value against the source.
        var source = string.Join("\r\n",
            "public static class A",
            "{",
            "    [Command(\"x\", RequestSchema = \"\"\"",
            "        {\"type\": \"object\",",
            "",
            "         \"required\": [\"a\",]}",
            "        \"\"\")]",
            "    public static void Run(JsonElement value) { }",
            "}");

        var diagnostics = await ReportsAsync(source, "GA0015", "]");

        AssertAtTheBracketAfterTheComma(diagnostics[0]);
        Assert.Contains("invalid JSON at line 3, column 19 of the schema text", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"{,}\"", ",")]
    [InlineData("\"\"\"{\"a\":1,}\"\"\"", "}")]
    [InlineData("\"{\\\"a\\\":1,}\"", "}")] // escapes before it: \" is one character of the value, two of the source
    [InlineData("\"{\\\"a\\\":1,\\u007D\"", "\\u007D")] // the character itself an escape
    [InlineData("@\"{\"\"a\"\":1,}\"", "}")] // verbatim
    [InlineData("\"{\\\"a\\\":\" + \"1,}\"", "\"{\\\"a\\\":\" + \"1,}\"")] // not one literal: the whole value
    [InlineData("\"\\n{}}\"", "}")] // an escape before two equal characters
    [InlineData("\"\"\"{\"a\":1\"\"\"", "\"\"\"{\"a\":1\"\"\"")] // the text ends early: no character to point at
    public async Task GA0015_is_reported_at_the_character_where_the_literal_maps_onto_the_value(string literal, string span)
    {
        await ReportsAsync($$"""
            public static class A { [Command("x", RequestSchema = {{literal}})] public static void Run(string value) { } }
            """, "GA0015", span);
    }

    [Theory]
    [InlineData("\"[]\"", "it is a JSON array, but a request schema must be a JSON object, such as {\"type\":\"string\"}")]
    [InlineData("\"true\"", "it is a JSON boolean, but a request schema must be a JSON object, such as {\"type\":\"string\"}")]
    [InlineData("\"\"", "the text is empty; write a JSON object, such as {\"type\":\"string\"}")]
    [InlineData("\"{\\\"type\\\":\\\"string\\\",\\\"type\\\":\\\"number\\\"}\"", "invalid JSON at line 1, column 18 of the schema text: the member 'type' appears twice in one object", "\\\"")] // at the second name's opening quote
    [InlineData("\"{\\\"$schema\\\":\\\"http://json-schema.org/draft-07/schema#\\\"}\"", "its '$schema' is \"http://json-schema.org/draft-07/schema#\", but the descriptors' schemas are draft 2020-12: remove '$schema' (the generator writes it) or make it \"https://json-schema.org/draft/2020-12/schema\"")]
    public async Task GA0015_a_schema_that_is_no_object_or_of_another_draft(string literal, string why, string? span = null)
    {
        var diagnostics = await ReportsAsync($$"""
            public static class A { [Command("x", RequestSchema = {{literal}})] public static void Run(string value) { } }
            """, "GA0015", span ?? literal);
        Assert.Equal($"RequestSchema of command method 'A.Run(string)' is not a usable JSON Schema: {why}", Message(diagnostics[0]));
    }

    [Fact]
    public async Task GA0015_suppressed_publishes_the_derived_schema_and_the_command_still_runs()
    {
        using var commands = LoadedCommands.Compile("""
            using GuestAgent.Commands;
            public static class A
            {
            #pragma warning disable GA0015
                [Command("x", RequestSchema = "{")] public static string Run(string value) => value;
            #pragma warning restore GA0015
            }
            """);
        var command = Assert.Single(commands.CreateRegistry().Commands);
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"string"}""", command.RequestSchema);
        Assert.Equal("""{"returncode":"0","message":"hi"}""", await commands.SendAsync("""{"name":"x","value":"hi"}"""));
    }

    [Fact]
    public async Task GA0016_a_schema_on_parameters_bound_by_name_is_a_warning_at_the_argument()
    {
        var diagnostics = await ReportsAsync("""
            public static class A { [Command("x", RequestSchema = "{}")] public static void Run(string path, int mode) { } }
            """, "GA0016", "RequestSchema = \"{}\"");
        Assert.Equal(
            "RequestSchema of command method 'A.Run(string, int)' is ignored: its parameters are bound by name, so the generator derives the request schema from them; a stated schema is used only for a command that takes the value whole, as one JsonElement or string parameter",
            Message(diagnostics[0]));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
    }

    [Fact]
    public async Task GA0016_a_schema_on_a_command_without_a_value()
    {
        var diagnostics = await ReportsAsync("""
            public static class A { [Command("x", RequestSchema = "{\"type\":\"string\"}")] public static void Run(CommandContext context) { } }
            """, "GA0016", "RequestSchema = \"{\\\"type\\\":\\\"string\\\"}\"");
        Assert.Contains("it takes no value (the request's value is not read), so its request schema accepts anything", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0016_is_not_added_to_an_invalid_commands_own_error()
    {
        // The unsupported parameter leaves no bound one, which would look like "takes no value".
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(Usings + """
            public static class A { [Command("x", RequestSchema = "{}")] public static void Run(System.IO.Stream value) { } }
            """));
        var diagnostics = await TestCompiler.AnalyzeAsync(output);
        Assert.Equal(["GA0007"], diagnostics.Select(d => d.Id));
    }

    /// <summary>The diagnostic starts at the ']' of the first ",]" on its own source line.</summary>
    private static void AssertAtTheBracketAfterTheComma(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        var line = diagnostic.Location.SourceTree!.GetText(TestContext.Current.CancellationToken).Lines[position.Line].ToString();
        Assert.Equal(line.IndexOf(",]", StringComparison.Ordinal) + 1, position.Character);
    }
}
