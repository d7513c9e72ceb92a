using GuestAgent.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.Tests.Parsing;

public sealed class DocumentationSummaryTests
{
    [Theory]
    [InlineData("/// <summary>Reads a file.</summary>", "Reads a file.")]
    [InlineData("/// <summary>\n///   Reads   a\tfile\n///   and more.\n/// </summary>", "Reads a file and more.")]
    [InlineData("/// <summary>Sets <see cref=\"T:Sample.Files\"/> from <paramref name=\"path\" />.</summary>", "Sets Sample.Files from path.")]
    [InlineData("/// <summary>Uses <c>a &lt; b</c> &amp; <b>bold</b>.</summary>", "Uses a < b & bold.")]
    [InlineData("/// <summary>First.</summary>\n/// <remarks>Not this.</remarks>\n/// <summary>Nor this.</summary>", "First.")]
    [InlineData("/// <summary>Writes &amp;lt; as is, &quot;quoted&quot; and &apos;single&apos;.</summary>", "Writes &lt; as is, \"quoted\" and 'single'.")]
    [InlineData("/// <summary><c>true</c> when set.</summary>", "true when set.")]
    [InlineData("/// <summary>&amp; more.</summary>", "& more.")]
    [InlineData("/// <summary>See <seealso cref=\"M:Sample.A.Run\"/>, <typeparamref name=\"T\"/>, <see langword=\"null\"/>, <see href=\"https://example.com\"/>.</summary>", "See Sample.A.Run, T, null, https://example.com.")]
    [InlineData("///<summary>Reads a\n///file.</summary>", "Reads a file.")]
    [InlineData("/// <summary></summary>", "")]
    [InlineData("/// <summary>Never closed.", "")]
    [InlineData("/// <remarks>No summary.</remarks>", "")]
    [InlineData("// <summary>Not a doc comment.</summary>", "")]
    [InlineData("/** <summary>Delimited summary.</summary>\n * <param name=\"path\">x</param>\n */", "Delimited summary.")]
    [InlineData("/**\n * <summary>\n * Starred\n * lines.\n * </summary>\n */", "Starred lines.")]
    [InlineData("/** <summary>Not every line\n starred * here.</summary>\n */", "Not every line starred * here.")]
    [InlineData("/* <summary>A block comment.</summary> */", "")]
    [InlineData("/**/\n/// <summary>After an empty block comment.</summary>", "After an empty block comment.")]
    [InlineData("/// <summary>Less &#60;than&#62; and &#x2264; here.</summary>", "Less <than> and \u2264 here.")]
    [InlineData("/// <summary>Writes &#38;lt; as is; &#0; &#xD800; &#x110000; stay.</summary>", "Writes &lt; as is; &#0; &#xD800; &#x110000; stay.")]
    [InlineData("/// <summary>Code <![CDATA[a < b && c > d]]> end.</summary>", "Code a < b && c > d end.")]
    [InlineData("/// <summary>Two <![CDATA[<b>]]> and <![CDATA[&amp;]]> kept; <b>tag</b> &amp; gone.</summary>", "Two <b> and &amp; kept; tag & gone.")]
    [InlineData("/// <summary xml:lang=\"en\">With an attribute.</summary>", "With an attribute.")]
    [InlineData("/// <summary/>\n/// <remarks>Not this.</remarks>\n/// <summary>Nor this.</summary>", "")]
    [InlineData("/// <summaryX>Not a summary.</summaryX>\n/// <summary>This.</summary>", "This.")]
    [InlineData("/// <summary>Open <![CDATA[never closed.</summary>", "Open <![CDATA[never closed.")]
    public void Reads_the_summary_as_plain_text(string comment, string expected)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var tree = CSharpSyntaxTree.ParseText($"class C\n{{\n{comment}\nvoid M() {{ }}\n}}", cancellationToken: cancellation);
        var syntax = tree.GetRoot(cancellation).DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
        var compilation = CSharpCompilation.Create("Docs", [tree]);
        var method = compilation.GetSemanticModel(tree).GetDeclaredSymbol(syntax, cancellation)!;

        Assert.Equal(expected, DocumentationSummary.Read(method, compilation));
    }

    [Theory]
    [InlineData("/// <param name=\"path\">The file.</param>", "path", "The file.")]
    [InlineData("/// <param name='path'>\n///   The   <see cref=\"T:Sample.Files\"/>\n///   file &amp; more.\n/// </param>", "path", "The Sample.Files file & more.")]
    [InlineData("/// <param name=\"other\">No.</param>\n/// <param name=\"path\">Yes.</param>", "path", "Yes.")]
    [InlineData("/// <param name=\"paths\">Not a prefix match.</param>", "path", "")]
    [InlineData("/// <param name=\" path \">Spaces around the name.</param>", "path", "Spaces around the name.")]
    [InlineData("/// <param name=\"path\"/>", "path", "")]
    [InlineData("/// <summary>No params.</summary>", "path", "")]
    [InlineData("/** <param name=\"path\">Delimited.</param> */", "path", "Delimited.")]
    public void Reads_a_parameters_text_as_plain_text(string comment, string name, string expected)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var tree = CSharpSyntaxTree.ParseText($"class C\n{{\n{comment}\nvoid M(int path, int other, int paths) {{ }}\n}}", cancellationToken: cancellation);
        var syntax = tree.GetRoot(cancellation).DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
        var compilation = CSharpCompilation.Create("Docs", [tree]);
        var method = compilation.GetSemanticModel(tree).GetDeclaredSymbol(syntax, cancellation)!;

        Assert.Equal(expected, DocumentationSummary.Parameter(DocumentationComments.Read(method, compilation), name));
    }

    [Theory]
    [InlineData("/// <summary>Slashed.</summary>", "Slashed.")]
    [InlineData("/** <summary>Delimited.</summary> */", "Delimited.")]
    [InlineData("/* <summary>A block comment.</summary> */", "")]
    public void Reads_the_comment_where_the_compiler_does_not_parse_documentation(string comment, string expected)
    {
        // A project that generates no documentation file: its comments are plain trivia.
        var cancellation = TestContext.Current.CancellationToken;
        var options = CSharpParseOptions.Default.WithDocumentationMode(DocumentationMode.None);
        var tree = CSharpSyntaxTree.ParseText($"class C\n{{\n{comment}\nvoid M() {{ }}\n}}", options, cancellationToken: cancellation);
        var syntax = tree.GetRoot(cancellation).DescendantNodes().OfType<MethodDeclarationSyntax>().Single();

        Assert.Equal(expected, DocumentationSummary.Read(syntax));
    }
}
