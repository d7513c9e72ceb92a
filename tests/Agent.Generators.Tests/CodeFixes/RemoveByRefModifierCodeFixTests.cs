using GuestAgent.Generators.CodeFixes;
using static GuestAgent.Generators.Tests.CodeFixes.CodeFixHarness;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>GA0005: the reported parameter is taken by value; the others are left alone.</summary>
public sealed class RemoveByRefModifierCodeFixTests
{
    private const string Id = "GA0005";

    [Fact]
    public async Task Only_the_reported_parameter_loses_its_modifier()
    {
        var source = """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("x")]
                public static void Run(ref int a, out int b, in int c) { b = 0; }
            }
            """;
        var fixedDocument = await FixAsync(new RemoveByRefModifierCodeFix(), Id, 1, source);

        Assert.Equal(
            """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("x")]
                public static void Run(ref int a, int b, in int c) { b = 0; }
            }
            """,
            await CompilingTextAsync(fixedDocument));
        Assert.Equal(["ref int a", "in int c"], (await DiagnosticsAsync(fixedDocument, Id)).Select(SpanText));
    }

    [Fact]
    public async Task Ref_readonly_and_scoped_go_with_ref_and_the_indentation_stays() =>
        Assert.Equal(
            """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("x")]
                public static int Run(
                    int a,
                    int b) => a + b;
            }
            """,
            await FixedTextAsync(
                """
                using GuestAgent.Commands;

                public static class A
                {
                    [Command("x")]
                    public static int Run(
                        ref readonly int a,
                        int b) => a + b;
                }
                """));

    [Fact]
    public async Task Scoped_ref_becomes_a_plain_parameter() =>
        Assert.Equal(
            """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("x")]
                public static int Run(int a) => a;
            }
            """,
            await FixedTextAsync(
                """
                using GuestAgent.Commands;

                public static class A
                {
                    [Command("x")]
                    public static int Run(scoped ref int a) => a;
                }
                """));

    [Fact]
    public async Task No_fix_when_a_partial_declaration_shares_the_signature()
    {
        var document = CreateDocument("""
            using GuestAgent.Commands;

            public static partial class A
            {
                [Command("x")]
                public static partial void Run(ref int a);
                public static partial void Run(ref int a) { }
            }
            """);
        var diagnostics = await DiagnosticsAsync(document, Id);
        Assert.NotEmpty(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            Assert.Empty(await ActionsAsync(new RemoveByRefModifierCodeFix(), document, diagnostic));
        }
    }

    [Theory]
    [InlineData("public class A { [Command(\"x\")] public virtual void Run(ref int a) { } }")]
    [InlineData("public interface IRun { void Run(ref int a); }\npublic class A : IRun { [Command(\"x\")] public void Run(ref int a) { } }")]
    public async Task No_fix_where_other_declarations_share_the_signature(string declarations)
    {
        // A virtual method's overrides, or the interface member it implements, would no longer match.
        var document = CreateDocument("using GuestAgent.Commands;\n\n" + declarations + "\n");
        var diagnostic = Assert.Single(await DiagnosticsAsync(document, Id));
        Assert.Empty(await ActionsAsync(new RemoveByRefModifierCodeFix(), document, diagnostic));
    }

    private static async Task<string> FixedTextAsync(string source)
    {
        var fixedDocument = await FixAsync(new RemoveByRefModifierCodeFix(), Id, 0, source);
        var text = await CompilingTextAsync(fixedDocument);
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
        return text;
    }

    private static string SpanText(Microsoft.CodeAnalysis.Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
