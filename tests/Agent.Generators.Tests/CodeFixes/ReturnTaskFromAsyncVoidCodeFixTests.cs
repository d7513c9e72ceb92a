using GuestAgent.Generators.CodeFixes;
using static GuestAgent.Generators.Tests.CodeFixes.CodeFixHarness;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>GA0006: async void becomes async Task, spelled as short as it binds.</summary>
public sealed class ReturnTaskFromAsyncVoidCodeFixTests
{
    private const string Id = "GA0006";

    private static async Task<string> FixedTextAsync(params string[] sources)
    {
        var fixedDocument = await FixAsync(new ReturnTaskFromAsyncVoidCodeFix(), Id, 0, sources);
        var text = await CompilingTextAsync(fixedDocument);
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
        return text;
    }

    [Fact]
    public async Task Task_when_its_namespace_is_imported() =>
        Assert.Equal(
            """
            using System.Threading.Tasks;
            using GuestAgent.Commands;

            public static class A
            {
                [Command("x")]
                public static async /* kept */ Task Run() { await Task.Yield(); }
            }
            """,
            await FixedTextAsync("""
                using System.Threading.Tasks;
                using GuestAgent.Commands;

                public static class A
                {
                    [Command("x")]
                    public static async /* kept */ void Run() { await Task.Yield(); }
                }
                """));

    [Fact]
    public async Task Task_when_its_namespace_comes_from_a_global_using() =>
        Assert.Equal(
            """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("x")] public static async Task Run() => await Task.Yield();
            }
            """,
            await FixedTextAsync(
                """
                using GuestAgent.Commands;

                public static class A
                {
                    [Command("x")] public static async void Run() => await Task.Yield();
                }
                """,
                "global using System.Threading.Tasks;"));

    [Fact]
    public async Task Qualified_when_the_namespace_is_not_imported() =>
        Assert.Equal(
            """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("x")]
                public static async System.Threading.Tasks.Task Run() { await System.Threading.Tasks.Task.Yield(); }
            }
            """,
            await FixedTextAsync("""
                using GuestAgent.Commands;

                public static class A
                {
                    [Command("x")]
                    public static async void Run() { await System.Threading.Tasks.Task.Yield(); }
                }
                """));

    [Fact]
    public async Task Global_qualified_when_a_user_type_named_System_is_in_the_way() =>
        Assert.Equal(
            """
            using GuestAgent.Commands;

            namespace App
            {
                public static class System { }
                public static class A
                {
                    [Command("x")]
                    public static async global::System.Threading.Tasks.Task Run() { await global::System.Threading.Tasks.Task.Yield(); }
                }
            }
            """,
            await FixedTextAsync("""
                using GuestAgent.Commands;

                namespace App
                {
                    public static class System { }
                    public static class A
                    {
                        [Command("x")]
                        public static async void Run() { await global::System.Threading.Tasks.Task.Yield(); }
                    }
                }
                """));

    [Fact]
    public async Task No_fix_for_an_override_of_a_void_method()
    {
        var document = CreateDocument("""
            using System.Threading.Tasks;
            using GuestAgent.Commands;

            public abstract class Base { public abstract void Run(); }
            public sealed class A : Base
            {
                [Command("x")]
                public override async void Run() { await Task.Yield(); }
            }
            """);
        var diagnostic = Assert.Single(await DiagnosticsAsync(document, Id));
        Assert.Empty(await ActionsAsync(new ReturnTaskFromAsyncVoidCodeFix(), document, diagnostic));
    }
}
