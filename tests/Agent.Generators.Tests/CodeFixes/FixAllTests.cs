using GuestAgent.Generators.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using static GuestAgent.Generators.Tests.CodeFixes.CodeFixHarness;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>Fix All (the batch fixer with each provider's equivalence key) fixes every occurrence at once.</summary>
public sealed class FixAllTests
{
    [Fact]
    public async Task Fix_all_makes_every_async_void_command_in_the_document_return_Task()
    {
        var fixedDocument = await FixAllAsync(new ReturnTaskFromAsyncVoidCodeFix(), ReturnTaskFromAsyncVoidCodeFix.EquivalenceKey, "GA0006", FixAllScope.Document, """
            using System.Threading.Tasks;
            using GuestAgent.Commands;

            public static class A
            {
                [Command("one")] public static async void One() => await Task.Yield();
                [Command("two")] public static async void Two() => await Task.Yield();
            }
            """);

        Assert.Equal(
            """
            using System.Threading.Tasks;
            using GuestAgent.Commands;

            public static class A
            {
                [Command("one")] public static async Task One() => await Task.Yield();
                [Command("two")] public static async Task Two() => await Task.Yield();
            }
            """,
            await CompilingTextAsync(fixedDocument));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, "GA0006"));
    }

    [Fact]
    public async Task Fix_all_takes_every_by_ref_parameter_of_every_command_by_value()
    {
        var fixedDocument = await FixAllAsync(new RemoveByRefModifierCodeFix(), RemoveByRefModifierCodeFix.EquivalenceKey, "GA0005", FixAllScope.Project, """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("one")] public static void One(ref int a, out int b) { b = a; }
                [Command("two")] public static void Two(in int c) { }
            }
            """);

        Assert.Equal(
            """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("one")] public static void One(int a, int b) { b = a; }
                [Command("two")] public static void Two(int c) { }
            }
            """,
            await CompilingTextAsync(fixedDocument));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, "GA0005"));
    }

    [Fact]
    public async Task Fix_all_makes_every_private_command_internal()
    {
        var fixedDocument = await FixAllAsync(new MakeCommandInternalCodeFix(), MakeCommandInternalCodeFix.EquivalenceKey, "GA0003", FixAllScope.Document, """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("one")] private static void One() { }
                [Command("two")] static void Two() { }
            }
            """);

        Assert.Equal(
            """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("one")] internal static void One() { }
                [Command("two")] internal static void Two() { }
            }
            """,
            await CompilingTextAsync(fixedDocument));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, "GA0003"));
    }

    [Theory]
    [InlineData("GA0003")]
    [InlineData("GA0005")]
    [InlineData("GA0006")]
    public async Task Fix_all_asked_for_with_no_equivalence_key_applies_the_fix_s_own_as_dotnet_format_asks(string id)
    {
        // dotnet format starts each id's Fix All from the first diagnostic of any id it was told to
        // fix, and passes the key of what the fix offered there: none (null) when that one is another id's.
        CodeFixProvider provider = id switch
        {
            "GA0003" => new MakeCommandInternalCodeFix(),
            "GA0005" => new RemoveByRefModifierCodeFix(),
            _ => new ReturnTaskFromAsyncVoidCodeFix(),
        };
        var fixedDocument = await FixAllAsync(provider, null!, id, FixAllScope.Solution, """
            using System.Threading.Tasks;
            using GuestAgent.Commands;

            public static class A
            {
                [Command("one")] private static string One(ref int a) => "";
                [Command("two")] public static async void Two() => await Task.Yield();
                [Command("three")] static void Three(in int c) { }
            }
            """);

        Assert.Empty(await DiagnosticsAsync(fixedDocument, id));
        var text = (await fixedDocument.GetTextAsync(TestContext.Current.CancellationToken)).ToString();
        Assert.Contains(
            id switch
            {
                "GA0003" => "[Command(\"one\")] internal static string One(ref int a) => \"\";\n    [Command(\"two\")] public static async void Two() => await Task.Yield();\n    [Command(\"three\")] internal static void Three(in int c)",
                "GA0005" => "[Command(\"one\")] private static string One(int a) => \"\";\n    [Command(\"two\")] public static async void Two() => await Task.Yield();\n    [Command(\"three\")] static void Three(int c)",
                _ => "[Command(\"one\")] private static string One(ref int a) => \"\";\n    [Command(\"two\")] public static async Task Two() => await Task.Yield();\n    [Command(\"three\")] static void Three(in int c)",
            },
            text.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }
}
