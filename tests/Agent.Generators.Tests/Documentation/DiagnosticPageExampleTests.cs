using System.Text.RegularExpressions;
using GuestAgent.Generators.CodeFixes;
using GuestAgent.Generators.Tests.CodeFixes;
using GuestAgent.Generators.Tests.Diagnostics;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeFixes;
using static GuestAgent.Generators.Tests.Documentation.MarkdownExamples;

namespace GuestAgent.Generators.Tests.Documentation;

/// <summary>
/// Each page of docs/diagnostics/ shows in its Example the code that draws its diagnostic: pasted
/// into a project, that code gets exactly that id (no other, no compiler error), at the span and
/// with the words its comments quote; the fix a page shows clears it, and so does the code fix a
/// page names. A page whose example stops doing what it says fails here, not in a reader's project.
/// </summary>
public sealed partial class DiagnosticPageExampleTests
{
    /// <summary>Types an example names but leaves to the reader to declare.</summary>
    private static readonly Dictionary<string, string> ReaderTypes = new(StringComparer.Ordinal)
    {
        ["GA0010"] = "public interface IA { }\npublic interface IB { }\n",
        ["GA0012"] = "public sealed class Settings { }\n",
        // The attribute, as Microsoft.Extensions.DependencyInjection.Abstractions declares it (the examples' compilation does not reference it).
        ["GA0025"] = "namespace Microsoft.Extensions.DependencyInjection { [System.AttributeUsage(System.AttributeTargets.Parameter)] public sealed class ServiceKeyAttribute : System.Attribute { } }\n",
    };

    public static TheoryData<string> Pages() =>
        [.. Directory.EnumerateFiles(RepositoryPath("docs", "diagnostics"), "GA*.md")
            .Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)
            .Where(id => CodeExamples(id).Count > 0)];

    [Fact]
    public void Every_page_but_the_cross_assembly_ones_has_an_example_in_code()
    {
        var withoutCode = Directory.EnumerateFiles(RepositoryPath("docs", "diagnostics"), "GA*.md").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Where(id => CodeExamples(id).Count == 0).Order(StringComparer.Ordinal);

        // GA0011 and GA0014 are about two referenced assemblies, GA0027 about a library and its friend,
        // GA0031 about another source generator's output, which one block of code cannot show
        // (CrossAssembly's tests build such pairs, ConsumerTests GA0011's from the packages, and
        // OtherGeneratorCommandDiagnosticTests runs a second generator).
        Assert.Equal(["GA0011", "GA0014", "GA0027", "GA0031"], withoutCode);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_example_draws_its_diagnostic_and_nothing_else(string id)
    {
        foreach (var block in CodeExamples(id))
        {
            var (output, _) = TestCompiler.Generate(Compile(id, AsCompilationUnit(block)), withJson: true);

            var errors = output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"{id}'s example does not compile but for its diagnostic:\n{string.Join("\n", errors)}\n{block}");
            var diagnostics = await TestCompiler.AnalyzeAsync(output);
            Assert.True(diagnostics.Length > 0 && diagnostics.All(d => d.Id == id), $"{id}'s example draws {string.Join(", ", diagnostics.Select(d => d.Id))}:\n{block}");

            var messages = diagnostics.Select(DiagnosticAssert.Message).ToList();
            foreach (var comment in CommentsOn(block, id))
            {
                // 'X': a name the message quotes. … or ...: the comment quotes the message, eliding parts of it.
                var quoted = Quoted().Matches(comment).Select(match => match.Groups[1].Value).ToList();
                var excerpt = Excerpt().Match(comment) is { Success: true } said
                    ? said.Groups[1].Value.Split(["…", "...", "(", ")"], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    : [];
                Assert.All(quoted.Concat(excerpt), part => Assert.True(
                    messages.Any(message => message.Contains(part, StringComparison.Ordinal)),
                    $"{id}: no message holds '{part}' (the comment: {comment}):\n{string.Join("\n", messages)}"));

                // on "X": where it is reported (a name's literal keeps its quotes).
                if (On().Match(comment) is { Success: true } on)
                {
                    var spans = diagnostics.Select(DiagnosticAssert.SpanText).ToList();
                    Assert.True(
                        spans.Contains(on.Groups[1].Value) || spans.Contains('"' + on.Groups[1].Value + '"'),
                        $"{id} is reported at {string.Join(", ", spans)}, not at {on.Groups[1].Value}");
                }
            }
        }
    }

    [Theory]
    [InlineData("GA0009")]
    [InlineData("GA0020")]
    [InlineData("GA0026")]
    [InlineData("GA0029")]
    [InlineData("GA0030")]
    public async Task The_fix_the_page_shows_clears_its_example(string id)
    {
        var example = Assert.Single(CodeExamples(id));
        var fix = CSharpBlocks(Section(Page(id), "## How to fix"))[0];
        // GA0009's fix adds the context beside the example; GA0020's, GA0026's, GA0029's and GA0030's replace the example's class.
        var fixedExample = id == "GA0009"
            ? fix + "\n" + example
            : ClassDeclaration().Replace(example, fix.TrimEnd() + "\n", 1);
        Assert.NotEqual(example, fixedExample);

        var (output, _) = TestCompiler.Generate(Compile(id, AsCompilationUnit(fixedExample)), withJson: true);

        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(await TestCompiler.AnalyzeAsync(output));
    }

    [Theory]
    [InlineData("GA0003", "Make 'Name' internal", "Make 'Hidden' internal")]
    [InlineData("GA0005", "Take 'name' by value", "Take 'count' by value")]
    [InlineData("GA0006", "Make 'Name' return Task", "Make 'Run' return Task")]
    public async Task The_code_fix_the_page_names_clears_its_example(string id, string pageTitle, string title)
    {
        Assert.Contains("**Code fix:** *" + pageTitle + "*", Page(id), StringComparison.Ordinal);
        CodeFixProvider provider = id switch
        {
            "GA0003" => new MakeCommandInternalCodeFix(),
            "GA0005" => new RemoveByRefModifierCodeFix(),
            _ => new ReturnTaskFromAsyncVoidCodeFix(),
        };
        var source = MarkdownExamples.Usings + AsCompilationUnit(Assert.Single(CodeExamples(id)));
        var document = CodeFixHarness.CreateDocument(source);
        var action = Assert.Single(await CodeFixHarness.ActionsAsync(provider, document, Assert.Single(await CodeFixHarness.DiagnosticsAsync(document, id))));
        Assert.Equal(title, action.Title);

        var fixedDocument = await CodeFixHarness.FixAsync(provider, id, 0, source);

        await CodeFixHarness.CompilingTextAsync(fixedDocument);
        Assert.Empty(await CodeFixHarness.DiagnosticsAsync(fixedDocument, id));
    }

    private static string Page(string id) => Read("docs", "diagnostics", id + ".md");

    /// <summary>The Example section's C# blocks that hold code, not only comments.</summary>
    private static IReadOnlyList<string> CodeExamples(string id) =>
        [.. CSharpBlocks(Section(Page(id), "## Example"))
            .Where(block => block.Split('\n').Any(line => line.Trim() is { Length: > 0 } code && !code.StartsWith("//", StringComparison.Ordinal)))];

    /// <summary>The example as a reader's project compiles it: at the C# version the page sets (GA0013's 10), with the types it leaves to the reader.</summary>
    private static CSharpCompilation Compile(string id, string unit)
    {
        var section = Section(Page(id), "## Example");
        var options = LangVersion().Match(section) is { Success: true } version && LanguageVersionFacts.TryParse(version.Groups[1].Value, out var parsed)
            ? TestCompiler.ParseOptions.WithLanguageVersion(parsed)
            : TestCompiler.ParseOptions;
        var source = MarkdownExamples.Usings + unit + ReaderTypes.GetValueOrDefault(id, "");
        return TestCompiler.Compile().AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, options, path: "Example.cs", cancellationToken: TestContext.Current.CancellationToken));
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();

    /// <summary>"GAxxxx: text" where the text elides parts (… or ...): words of the message.</summary>
    [GeneratedRegex(@"^GA\d{4}: (.*(?:…|\.\.\.).*)$")]
    private static partial Regex Excerpt();

    [GeneratedRegex("^GA\\d{4} on \"([^\"]+)\"")]
    private static partial Regex On();

    [GeneratedRegex("<LangVersion>([^<]+)</LangVersion>")]
    private static partial Regex LangVersion();

    [GeneratedRegex(@"public sealed class \w+\n\{\n.*?\n\}\n", RegexOptions.Singleline)]
    private static partial Regex ClassDeclaration();
}
