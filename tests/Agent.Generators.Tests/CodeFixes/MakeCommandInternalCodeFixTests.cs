using GuestAgent.Generators.CodeFixes;
using static GuestAgent.Generators.Tests.CodeFixes.CodeFixHarness;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>GA0003: the method's own accessibility becomes internal; other causes get no fix.</summary>
public sealed class MakeCommandInternalCodeFixTests
{
    private const string Id = "GA0003";

    private static async Task AssertFixedAsync(string source, string expected)
    {
        var fixedDocument = await FixAsync(new MakeCommandInternalCodeFix(), Id, 0, source);
        Assert.Equal(expected, await CompilingTextAsync(fixedDocument));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
    }

    private static async Task AssertNoFixAsync(string source)
    {
        var document = CreateDocument(source);
        var diagnostic = Assert.Single(await DiagnosticsAsync(document, Id));
        Assert.Empty(await ActionsAsync(new MakeCommandInternalCodeFix(), document, diagnostic));
    }

    [Fact]
    public async Task Private_becomes_internal_keeping_documentation_attributes_and_other_modifiers() =>
        await AssertFixedAsync(
            """
            using GuestAgent.Commands;

            public static class A
            {
                /// <summary>Says hello.</summary>
                [Command("hello")]
                private static /* kept */ string Hello() => "hi";
            }
            """,
            """
            using GuestAgent.Commands;

            public static class A
            {
                /// <summary>Says hello.</summary>
                [Command("hello")]
                internal static /* kept */ string Hello() => "hi";
            }
            """);

    [Fact]
    public async Task An_implicitly_private_method_gets_internal_before_its_return_type() =>
        await AssertFixedAsync(
            """
            using GuestAgent.Commands;

            public class A
            {
                [Command("hello")]
                string Hello() => "hi";
            }
            """,
            """
            using GuestAgent.Commands;

            public class A
            {
                [Command("hello")]
                internal string Hello() => "hi";
            }
            """);

    [Fact]
    public async Task Internal_goes_first_when_the_other_modifiers_were_all_there_was() =>
        await AssertFixedAsync(
            """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("hello")] static string Hello() => "hi";
            }
            """,
            """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("hello")] internal static string Hello() => "hi";
            }
            """);

    [Fact]
    public async Task Private_protected_becomes_a_single_internal() =>
        await AssertFixedAsync(
            """
            using GuestAgent.Commands;

            public class A
            {
                [Command("hello")]
                private protected string Hello() => "hi";
            }
            """,
            """
            using GuestAgent.Commands;

            public class A
            {
                [Command("hello")]
                internal string Hello() => "hi";
            }
            """);

    [Fact]
    public async Task A_modifier_on_its_own_line_gives_its_indentation_to_internal() =>
        await AssertFixedAsync(
            """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("hello")]
                static string Hello() => "hi";
            }
            """,
            """
            using GuestAgent.Commands;

            public static class A
            {
                [Command("hello")]
                internal static string Hello() => "hi";
            }
            """);

    [Fact]
    public async Task Protected_becomes_internal_not_protected_internal() =>
        await AssertFixedAsync(
            """
            using GuestAgent.Commands;

            public class A
            {
                [Command("hello")]
                protected string Hello() => "hi";
            }
            """,
            """
            using GuestAgent.Commands;

            public class A
            {
                [Command("hello")]
                internal string Hello() => "hi";
            }
            """);

    [Fact]
    public async Task A_command_in_a_protected_internal_nested_type_is_fixed() =>
        await AssertFixedAsync(
            """
            using GuestAgent.Commands;

            public class Outer
            {
                protected internal static class Inner { [Command("x")] private static void Run() { } }
            }
            """,
            """
            using GuestAgent.Commands;

            public class Outer
            {
                protected internal static class Inner { [Command("x")] internal static void Run() { } }
            }
            """);

    [Fact]
    public async Task No_fix_when_the_containing_type_is_private() =>
        await AssertNoFixAsync("""
            using GuestAgent.Commands;

            public static class Outer
            {
                private static class Inner { [Command("x")] private static void Run() { } }
            }
            """);

    [Fact]
    public async Task No_fix_when_the_containing_type_is_file_local() =>
        await AssertNoFixAsync("""
            using GuestAgent.Commands;

            file static class Local { [Command("x")] private static void Run() { } }
            """);

    [Fact]
    public async Task No_fix_for_a_local_function() =>
        await AssertNoFixAsync("""
            using GuestAgent.Commands;

            public static class A
            {
                public static void Outer()
                {
                    [Command("x")] static void Local() { }
                    Local();
                }
            }
            """);

    [Fact]
    public async Task No_fix_for_an_override_whose_accessibility_is_set_by_its_base() =>
        await AssertNoFixAsync("""
            using GuestAgent.Commands;

            public abstract class Base { protected abstract string Hello(); }
            public sealed class A : Base
            {
                [Command("hello")]
                protected override string Hello() => "hi";
            }
            """);
}
