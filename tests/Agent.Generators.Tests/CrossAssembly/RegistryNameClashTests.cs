using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Generators.Tests.Torture;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.CrossAssembly;

/// <summary>
/// Assemblies "Team.Tools" and "TeamTools" both get the registry class
/// <c>GuestAgent.Generated.TeamToolsCommandRegistry</c> (dots are dropped). A compilation that
/// sees both cannot name them apart: GA0014 instead of CS0433/CS0436 errors in generated code,
/// and each library still builds and serves its own commands.
/// </summary>
public sealed class RegistryNameClashTests
{
    private static readonly byte[] Dotted = TortureCompiler.Build(TortureCompiler.Compile(
        [TortureCompiler.Usings + """namespace A { public static class Commands { [Command("dotted")] public static string Run() => "dotted"; } }"""],
        assemblyName: "Team.Tools"));

    private static readonly MetadataReference DottedReference = MetadataReference.CreateFromImage(Dotted);

    [Fact]
    public async Task A_library_referencing_a_library_with_its_registry_name_serves_its_own_commands()
    {
        var library = TestCompiler.CompileAssembly("TeamTools", [DottedReference], Usings + """
            namespace B { public static class Commands { [Command("plain")] public static string Run() => "plain"; } }
            """);
        var diagnostics = await ReportsAsync(library, "GA0014", "<no location>");
        Assert.Equal(
            "Command assemblies 'TeamTools' and 'Team.Tools' both name their registry 'GuestAgent.Generated.TeamToolsCommandRegistry', so this compilation cannot tell them apart and generates no aggregate registry (AgentCommands.CreateRegistry is an error): rename one of the assemblies",
            Message(diagnostics[0]));

        // Its own registry (the class of its own name) is still generated, warning-free, and serves its command.
        var (output, problems) = TortureCompiler.Generate(TortureCompiler.Compile([Usings + """
            namespace B { public static class Commands { [Command("plain")] public static string Run() => "plain"; } }
            """], assemblyName: "TeamTools").AddReferences(DottedReference));
        Assert.Empty(problems);
        var aggregate = Assert.Single(output.SyntaxTrees, t => t.FilePath.EndsWith("AgentCommands.g.cs", StringComparison.Ordinal));
        Assert.Contains("[global::System.Obsolete(", aggregate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("CommandRegistry(services)", aggregate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_applications_call_to_the_missing_aggregate_fails_with_the_reason_not_an_access_error()
    {
        // Without an AgentCommands of its own, the call would bind to a library's internal one:
        // CS0122 "'AgentCommands' is inaccessible due to its protection level", which says nothing
        // about the clash. The stub takes the call and names the cause, even with GA0014 suppressed.
        var plain = TortureCompiler.Build(TortureCompiler.Compile(
            [TortureCompiler.Usings + """namespace B { public static class Commands { [Command("plain")] public static string Run() => "plain"; } }"""],
            assemblyName: "TeamTools"));
        var app = TestCompiler.CompileAssembly("Team.App", [DottedReference, MetadataReference.CreateFromImage(plain)], Usings + """
            namespace App
            {
                public static class Program
                {
                    public static ICommandRegistry Create() => GuestAgent.Generated.AgentCommands.CreateRegistry();
                }
            }
            """);
        var (output, _) = TestCompiler.Generate(app);

        var error = Assert.Single(output.GetDiagnostics(TestContext.Current.CancellationToken), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0619", error.Id);
        Assert.Equal("GuestAgent.Generated.AgentCommands.CreateRegistry()", SpanText(error));
        Assert.Equal(
            "'AgentCommands.CreateRegistry(IServiceProvider?)' is obsolete: 'There is no aggregate registry: command assemblies 'Team.Tools' and 'TeamTools' both name their registry 'GuestAgent.Generated.TeamToolsCommandRegistry', which this compilation cannot tell apart (GA0014): rename one of the assemblies'",
            Message(error));
        var analyzed = await TestCompiler.AnalyzeAsync(output);
        Assert.Equal(["GA0014"], analyzed.Select(d => d.Id));
    }

    [Fact]
    public async Task An_application_without_commands_of_its_own_may_have_a_librarys_registry_name()
    {
        // It generates no registry of its own, so the name is taken once: no GA0014, and the aggregate compiles.
        var app = TestCompiler.CompileAssembly("TeamTools", [DottedReference], Usings + """
            namespace App { public static class Program { public static ICommandRegistry Create() => GuestAgent.Generated.AgentCommands.CreateRegistry(); } }
            """);

        await ReportsAsync(app, "GA0014");
    }

    [Fact]
    public async Task An_application_referencing_both_gets_GA0014()
    {
        var plain = TortureCompiler.Build(TortureCompiler.Compile(
            [TortureCompiler.Usings + """namespace B { public static class Commands { [Command("plain")] public static string Run() => "plain"; } }"""],
            assemblyName: "TeamTools"));
        var app = TestCompiler.CompileAssembly("Team.App", [DottedReference, MetadataReference.CreateFromImage(plain)], Usings + """
            namespace App { public static class Commands { [Command("app")] public static string Run() => "app"; } }
            """);
        var diagnostics = await ReportsAsync(app, "GA0014", "<no location>");
        Assert.Contains("'Team.Tools' and 'TeamTools'", Message(diagnostics[0]), StringComparison.Ordinal);
    }
}
