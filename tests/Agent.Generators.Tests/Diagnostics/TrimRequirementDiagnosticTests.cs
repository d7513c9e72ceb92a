using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0023: a command the generated registry reaches through a member marked
/// <c>[RequiresUnreferencedCode]</c>, <c>[RequiresDynamicCode]</c> or <c>[RequiresAssemblyFiles]</c>,
/// reported at the attribute. The cases are the ones the .NET 10 ILLink analyzer warns about in the
/// generated registry (IL2026, IL3050, IL3002), and not the one it leaves alone (an outer class's
/// attribute); the package tests hold the real analyzer to the same.
/// </summary>
public sealed class TrimRequirementDiagnosticTests
{
    private const string Using = "using System.Diagnostics.CodeAnalysis;\n";

    [Fact]
    public async Task GA0023_a_command_method_marked_with_each_requirement()
    {
        var diagnostics = await ReportsAsync(Using + """
            public static class A
            {
                [Command("unreferenced")] [RequiresUnreferencedCode("reflection")] public static string Unreferenced() => "";
                [Command("dynamic")] [RequiresDynamicCode("emit")] public static string Dynamic() => "";
                [Command("files")] [RequiresAssemblyFiles("location")] public static string Files() => "";
            }
            """, "GA0023", "RequiresUnreferencedCode(\"reflection\")", "RequiresDynamicCode(\"emit\")", "RequiresAssemblyFiles(\"location\")");

        Assert.Equal(
            "Command method 'A.Unreferenced()' is marked [RequiresUnreferencedCode], and the generated registry calls it: a trimmed or native AOT build warns IL2026 in the generated code, and the command may fail in such an application; make the command safe for that build, or serve it only from applications not built that way",
            Message(diagnostics[0]));
        Assert.Contains("is marked [RequiresDynamicCode], and the generated registry calls it: a native AOT build warns IL3050 ", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("is marked [RequiresAssemblyFiles], and the generated registry calls it: a single-file or native AOT build warns IL3002 ", Message(diagnostics[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0023_a_static_command_of_a_marked_class_but_not_of_a_class_nested_in_it()
    {
        var diagnostics = await ReportsAsync(Using + """
            [RequiresUnreferencedCode("class")]
            public static class B
            {
                [Command("static")] public static string Static() => "";
                public static class Inner { [Command("nested")] public static string Nested() => ""; }
            }
            """, "GA0023", "RequiresUnreferencedCode(\"class\")");

        Assert.StartsWith("Command method 'B.Static()' is declared in class 'B', which is marked [RequiresUnreferencedCode], and the generated registry calls it: ", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0023_an_instance_command_of_a_marked_class_is_reached_through_its_constructor()
    {
        var diagnostics = await ReportsAsync(Using + """
            [RequiresUnreferencedCode("class")] [RequiresDynamicCode("class-dynamic")]
            public sealed class C
            {
                [Command("instance")] public string Instance() => "";
            }
            """, "GA0023", "RequiresUnreferencedCode(\"class\")", "RequiresDynamicCode(\"class-dynamic\")");

        Assert.StartsWith("Command method 'C.Instance()' is declared in class 'C', which is marked [RequiresUnreferencedCode], and the generated registry calls its constructor 'C()': a trimmed", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.StartsWith("Command method 'C.Instance()' is declared in class 'C', which is marked [RequiresDynamicCode], and the generated registry calls its constructor 'C()': a native AOT", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0023_the_constructor_the_registry_calls_but_not_another_one()
    {
        var diagnostics = await ReportsAsync(Using + """
            public interface IClock { }
            public sealed class D
            {
                [RequiresUnreferencedCode("unused")] public D() { }
                [RequiresDynamicCode("chosen")] public D(IClock clock) { }
                [Command("instance")] public string Instance() => "";
            }
            """, "GA0023", "RequiresDynamicCode(\"chosen\")");

        Assert.StartsWith("Command method 'D.Instance()' is reached through its class's constructor 'D(IClock)', which is marked [RequiresDynamicCode], and the generated registry calls that constructor: ", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_marked_method_that_is_no_command_a_static_command_s_marked_constructor_and_a_suppressed_warning_report_nothing() =>
        await ReportsAsync(Using + """
            public static class E
            {
                [RequiresUnreferencedCode("helper")] public static string Helper() => "";
            #pragma warning disable GA0023
                [Command("quiet")] [RequiresDynamicCode("known")] public static string Quiet() => "";
            #pragma warning restore GA0023
            }
            public sealed class F
            {
                [RequiresUnreferencedCode("never called by the registry")] public F() { }
                [Command("static")] public static string Static() => "";
            }
            """, "GA0023");
}
