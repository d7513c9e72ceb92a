using GuestAgent.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.Tests.Parsing;

/// <summary>
/// Where each character of a string literal's value is written in the source, for the diagnostics
/// inside a stated request schema: checked against the compiler's own reading of the literal, for
/// every character of every kind of literal.
/// </summary>
public sealed class SourceLiteralTests
{
    public static TheoryData<string> Literals() => new(
        "\"plain {\\\"a\\\": 1}\"",
        "\"escapes \\' \\\" \\\\ \\0 \\a \\b \\e \\f \\n \\r \\t \\v end\"",
        "\"hex \\x41\\x4142\\x7 \\u00e9 \\U0001F600 \\U00000041\"",
        "@\"verbatim \"\"quoted\"\" \\ not an escape\r\nsecond line\"",
        "\"\"\"single-line raw \"quoted\" {}\"\"\"",
        "\"\"\"\"four \"\"\" quotes\"\"\"\"",
        "\"\"\"\n    {\n      \"a\": [1,\n\n        2]\n    }\n    \"\"\"",
        "\"\"\"\r\n    {\"a\":\r\n\r\n     1}\r\n    \"\"\"",
        "\"\"\"\n\t\t{\"tab\": true,\n\t\n\t\t\t\n\t\t \"b\": 2}\n\t\t\"\"\"");

    [Theory]
    [MemberData(nameof(Literals))]
    public void Every_character_of_the_value_maps_to_the_source_that_writes_it(string literal)
    {
        var token = Token(literal);
        var value = token.ValueText;
        Assert.NotEmpty(value);

        // One map, decoded once, answers every character (the analyzer asks one per warning).
        var map = SourceLiteral.Of(token, value);
        Assert.NotNull(map);
        for (var i = 0; i < value.Length; i++)
        {
            var span = map.SpanOf(i, 1);
            Assert.Equal(SourceLiteral.SpanOf(token, value, i, 1), span);
            Assert.True(span is not null, $"no map for character {i} of {literal}");
            var written = token.SyntaxTree!.GetText(TestContext.Current.CancellationToken).ToString(span.Value);

            // The character itself, a verbatim literal's "" for a quote, or an escape sequence that
            // C# reads as the character (both halves of a surrogate pair come from one \U escape).
            var read = written.Length == 1 ? written
                : written == "\"\"" ? "\""
                : Token("\"" + written + "\"").ValueText;
            Assert.Contains(value[i].ToString(), read, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_range_spans_from_its_first_characters_source_to_its_last()
    {
        var token = Token("\"{\\\"minLenght\\\":1}\"");
        var span = SourceLiteral.SpanOf(token, token.ValueText, 1, "\"minLenght\"".Length);
        Assert.Equal("\\\"minLenght\\\"", token.SyntaxTree!.GetText(TestContext.Current.CancellationToken).ToString(span!.Value));
    }

    [Fact]
    public void A_value_that_is_not_the_literals_has_no_map()
    {
        var token = Token("\"{\\\"a\\\":1}\"");
        Assert.Null(SourceLiteral.SpanOf(token, "{\"b\":1}", 2, 1));
        Assert.Null(SourceLiteral.SpanOf(token, token.ValueText, token.ValueText.Length, 1));
        Assert.Null(SourceLiteral.SpanOf(token, token.ValueText, -1, 1));
        Assert.Null(SourceLiteral.SpanOf(Token("\"a\" + \"b\""), "ab", 0, 1));
        Assert.Null(SourceLiteral.Of(token, token.ValueText)!.SpanOf(token.ValueText.Length - 1, 2));
    }

    private static SyntaxToken Token(string expression)
    {
        var tree = CSharpSyntaxTree.ParseText("class C { const string S = " + expression + "; }", new CSharpParseOptions(LanguageVersion.Preview));
        Assert.DoesNotContain(tree.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        var initializer = tree.GetRoot().DescendantNodes().OfType<EqualsValueClauseSyntax>().Single().Value;
        return initializer is LiteralExpressionSyntax literal ? literal.Token : initializer.GetFirstToken();
    }
}
