using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// Types a command uses from another assembly: one marked <c>[assembly: Experimental]</c> makes
/// every use of its types an error unless the id is suppressed, in generated code too.
/// </summary>
public sealed class ReferencedAssemblyTortureTests
{
    [Fact]
    public void A_parameter_type_from_an_experimental_assembly_adds_no_error_to_the_generated_code()
    {
        var library = CSharpCompilation.Create(
            "Experimental.Types",
            [CSharpSyntaxTree.ParseText("""
                [assembly: System.Diagnostics.CodeAnalysis.Experimental("GAX010")]
                namespace Experimental.Types { public enum Mode { On, Off } }
                """, TestCompiler.ParseOptions, cancellationToken: TestContext.Current.CancellationToken)],
            TestCompiler.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image, cancellationToken: TestContext.Current.CancellationToken).Success);
        var commands = TortureCompiler.Compile([TortureCompiler.Usings + """
            #pragma warning disable GAX010 // the team's own choice to use the experimental assembly
            namespace Sample
            {
                public static class Modes
                {
                    [Command("m.mode")] public static string Run(Experimental.Types.Mode mode = Experimental.Types.Mode.On) => "mode " + mode;
                }
            }
            """]).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));

        var (_, problems) = TortureCompiler.Generate(commands);

        Assert.Empty(problems);
    }
}
