using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// A type of an assembly the project references only under an extern alias (<c>other::Lib.Widget</c>)
/// cannot be named by the generated code, which writes every type from <c>global::</c>: before session
/// 27 the generated file failed with CS0400. Now the command is refused with the fix (reference the
/// assembly under the global alias too), and with that fix it is served.
/// </summary>
public sealed class ExternAliasDiagnosticTests
{
    private const string Library = "namespace Lib { public enum Widget { A, B } public interface IThing { } }";

    [Fact]
    public async Task GA0007_a_parameter_type_reachable_only_through_an_alias()
    {
        var diagnostics = await ReportsAsync(Compile("""
            public static class C
            {
                [Command("a")] public static string A(other::Lib.Widget w = other::Lib.Widget.B) => w.ToString();
                [Command("b")] public static string B(List<other::Lib.Widget?> all) => all.Count.ToString();
            }
            """, "other"), "GA0007", "other::Lib.Widget", "List<other::Lib.Widget?>");
        Assert.Equal(
            "Parameter 'w' of command method 'C.A(Widget)' has type 'Widget', which cannot be bound from a JSON value: 'Widget' comes from assembly 'Lib', which the project references only under the extern alias 'other', and the generated code names types from the global alias; reference the assembly under both (Aliases=\"global,other\")",
            Message(diagnostics[0]));
    }

    [Fact]
    public async Task GA0008_a_result_type_reachable_only_through_an_alias() =>
        await ReportsAsync(Compile("""
            public static class C { [Command("a")] public static Task<other::Lib.Widget[]> A() => null!; }
            """, "other"), "GA0008", "Task<other::Lib.Widget[]>");

    [Fact]
    public async Task GA0010_a_constructor_parameter_type_reachable_only_through_an_alias()
    {
        var diagnostics = await ReportsAsync(Compile("""
            public sealed class D(other::Lib.IThing? thing = null) { [Command("d")] public string Run() => (thing is null).ToString(); }
            """, "other"), "GA0010", "Run");
        Assert.Equal(
            "Class 'D' of instance command method 'D.Run()' cannot be constructed by the registry: its constructor 'D(IThing?)' takes a type the registry cannot name: 'IThing' comes from assembly 'Lib', which the project references only under the extern alias 'other', and the generated code names types from the global alias; reference the assembly under both (Aliases=\"global,other\")",
            Message(diagnostics[0]));
    }

    /// <summary>The fix the messages give: under the global alias too, every such command is generated and compiles.</summary>
    [Fact]
    public async Task Nothing_is_reported_when_the_assembly_is_also_referenced_globally() =>
        await ReportsAsync(Compile("""
            public static class C
            {
                [Command("a")] public static string A(other::Lib.Widget w = other::Lib.Widget.B) => w.ToString();
                [Command("b")] public static other::Lib.Widget B() => default;
            }
            public sealed class D(other::Lib.IThing? thing = null) { [Command("d")] public string Run() => (thing is null).ToString(); }
            """, "global", "other"), "GA0007");

    private static Compilation Compile(string source, params string[] aliases)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var library = CSharpCompilation.Create(
            "Lib",
            [CSharpSyntaxTree.ParseText(Library, TestCompiler.ParseOptions, cancellationToken: cancellation)],
            TestCompiler.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image, cancellationToken: cancellation).Success);
        var reference = MetadataReference.CreateFromImage(image.ToArray()).WithAliases(aliases);
        return TestCompiler.Compile("extern alias other;\n" + Usings + source).AddReferences(reference);
    }
}
