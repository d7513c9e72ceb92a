using System.Runtime.CompilerServices;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// The repository's own commands draw no diagnostic: the request schemas the built-in commands
/// state (their attributes, as written in src/Agent.Commands) pass the checks of GA0015–GA0019,
/// and the CustomCommands sample, compiled whole, gets none either.
/// </summary>
public sealed class RealSourcesDiagnosticTests
{
    [Fact]
    public async Task The_built_in_commands_stated_request_schemas_draw_no_diagnostic()
    {
        // Each [Command] that states a schema, copied as written onto a method that takes the
        // value as the original does (string or JsonElement), so the analyzer reads the same literal.
        var commands = new List<string>();
        var classes = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src", "Agent.Commands"), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), TestCompiler.ParseOptions, cancellationToken: TestContext.Current.CancellationToken);
            foreach (var method in tree.GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var attribute = method.AttributeLists.SelectMany(list => list.Attributes).FirstOrDefault(a =>
                    a.Name.ToString() == "Command" && a.ArgumentList!.Arguments.Any(argument => argument.NameEquals?.Name.Identifier.ValueText == "RequestSchema"));
                if (attribute is null)
                {
                    continue;
                }

                var value = method.ParameterList.Parameters.Single(p => p.Type!.ToString() is "string" or "string?" or "JsonElement");
                commands.Add(attribute.ArgumentList!.Arguments[0].ToString());
                classes.Add($"public static class C{classes.Count}\n{{\n    [{attribute}]\n    public static void Run({value.Type} value) {{ }}\n}}");
            }
        }

        // The ones docs/authoring-commands.md lists: a schema that stops being found fails here.
        Assert.Equal(["\"agentupdate\"", "\"file_inject\"", "\"injectfile\"", "\"keyinit\"", "\"kmsactivate\"", "\"password\""], commands.Order(StringComparer.Ordinal));
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(DiagnosticAssert.Usings + string.Join("\n", classes)));
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(await TestCompiler.AnalyzeAsync(output));
    }

    [Fact]
    public async Task The_custom_commands_sample_draws_no_diagnostic()
    {
        var directory = Path.Combine(RepositoryRoot(), "samples", "CustomCommands");
        var sources = Directory.EnumerateFiles(directory, "*.cs").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        Assert.NotEmpty(sources);

        // The sample's project has ImplicitUsings on: these are the SDK's.
        sources.Add("global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;");
        var (output, _) = TestCompiler.Generate(TestCompiler.CompileAssembly("CustomCommands", null, [.. sources]), withJson: true);
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(await TestCompiler.AnalyzeAsync(output));
    }

    private static string RepositoryRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));
}
