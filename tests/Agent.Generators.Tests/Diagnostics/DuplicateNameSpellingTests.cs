using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0001 finds every use of a name, however the attribute is spelled (qualified, aliased in this
/// file or by a global alias in another) and wherever the method sits (parts of a partial class in
/// other files, nested types, accessors, extension blocks), and nothing that only looks alike.
/// </summary>
public sealed class DuplicateNameSpellingTests
{
    public static TheoryData<string[], string[]> Duplicates => new()
    {
        {
            [
                "namespace S; public static partial class P { [Command(\"p\")] public static void One() { } }",
                "namespace S; public static partial class P { [Command(\"p\")] public static void Two() { } }",
            ],
            ["Source0.cs \"p\"", "Source1.cs \"p\""]
        },
        {
            ["namespace S; public static class Outer { public static class Inner { public static class Deepest { [Command(\"n\")] public static void A() { } } } [Command(\"n\")] public static void B() { } }"],
            ["Source0.cs \"n\"", "Source0.cs \"n\""]
        },
        {
            [
                "namespace S; public static class Q { [GuestAgent.Commands.Command(\"q\")] public static void A() { } }",
                "namespace S; public static class R { [global::GuestAgent.Commands.CommandAttribute(\"q\")] public static void B() { } }",
            ],
            ["Source0.cs \"q\"", "Source1.cs \"q\""]
        },
        {
            [
                "using Cmd = GuestAgent.Commands.CommandAttribute; using VerbAttribute = GuestAgent.Commands.CommandAttribute; namespace S; public static class A { [Cmd(\"a\")] public static void One() { } [Verb(\"a\")] public static void Two() { } }",
                "namespace S; public static class B { [Command(\"a\")] public static void Three() { } }",
            ],
            ["Source0.cs \"a\"", "Source0.cs \"a\"", "Source1.cs \"a\""]
        },
        {
            [
                "using VerbAttribute = GuestAgent.Commands.CommandAttribute; namespace S; public static class V { [Verb(\"v\")] public static void One() { } }",
                "namespace S; public static class W { [Command(\"v\")] public static void Two() { } }",
            ],
            ["Source0.cs \"v\"", "Source1.cs \"v\""]
        },
        {
            [
                "global using Op = GuestAgent.Commands.CommandAttribute;",
                "namespace S; public static class G { [Op(\"g\")] public static void One() { } }",
                "using Cmds = GuestAgent.Commands; namespace S; public static class H { [Cmds.Command(\"g\")] public static void Two() { } }",
            ],
            ["Source1.cs \"g\"", "Source2.cs \"g\""]
        },
        {
            [
                "namespace S; public static class Acc { public static string P { [Command(\"acc\")] get => \"\"; } }",
                "namespace S; public static class Ext { extension(string text) { [Command(\"acc\")] public static void E() { } } }",
            ],
            ["Source0.cs \"acc\"", "Source1.cs \"acc\""]
        },
    };

    [Theory]
    [MemberData(nameof(Duplicates))]
    public async Task Every_use_of_a_duplicate_name_is_reported(string[] sources, string[] expected) =>
        Assert.Equal(expected, await DuplicateNamesAsync(sources));

    [Fact]
    public async Task A_member_of_an_extension_block_is_one_use_beside_other_commands_of_its_class()
    {
        // The compiler's implementation method in the enclosing class carries the member's [Command] too.
        string[] sources =
        [
            "namespace S; public static class Ext { [Command(\"plain\")] public static void P() { } extension(string text) { [Command(\"ext\")] public static void E() { } } }",
        ];

        Assert.Empty(await DuplicateNamesAsync(sources));
    }

    [Fact]
    public async Task Uses_at_the_same_place_of_two_files_are_two_uses()
    {
        var compilation = TestCompiler.Compile(
            DiagnosticAssert.Usings + "public static class A { [Command(\"dup\")] public static void Run() { } }",
            DiagnosticAssert.Usings + "public static class B { [Command(\"dup\")] public static void Run() { } }");

        var diagnostics = await DiagnosticAssert.ReportsAsync(compilation, "GA0001", "\"dup\"", "\"dup\"");

        Assert.Equal(
            ["Command name 'dup' is used by more than one method in this assembly: also by 'A.Run()'", "Command name 'dup' is used by more than one method in this assembly: also by 'B.Run()'"],
            diagnostics.Select(DiagnosticAssert.Message).Order(StringComparer.Ordinal));
        Assert.All(diagnostics, d => Assert.Single(d.AdditionalLocations));
    }

    [Fact]
    public async Task An_attribute_that_only_looks_alike_is_not_a_use()
    {
        string[] sources =
        [
            "namespace Other { [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class CommandAttribute(string name) : System.Attribute { public string Name { get; } = name; } }",
            "namespace S; public static class A { [Other.Command(\"x\")] public static void One() { } [Command(\"x\")] public static void Two() { } }",
        ];

        Assert.Empty(await DuplicateNamesAsync(sources));
    }

    private static async Task<List<string>> DuplicateNamesAsync(string[] sources)
    {
        // Each file imports the attribute's namespace itself (a file of global usings must not).
        var compilation = TestCompiler.Compile([.. sources.Select(s => s.StartsWith("global", StringComparison.Ordinal) ? s : "using GuestAgent.Commands; " + s)]);
        var (output, _) = TestCompiler.Generate(compilation);
        return [.. (await TestCompiler.AnalyzeAsync(output))
            .Where(d => d.Id == "GA0001")
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)
            .Select(d => Path.GetFileName(d.Location.SourceTree?.FilePath) + " " + DiagnosticAssert.SpanText(d))];
    }
}
