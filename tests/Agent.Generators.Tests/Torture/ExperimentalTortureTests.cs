using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// Everything a generated file names that is <c>[Experimental]</c> has its id suppressed there
/// (using it is an error otherwise, in a file the user cannot edit): a command's class, its result
/// type, a type argument (<c>Shade?</c>, <c>Task&lt;Tone&gt;</c>), the type containing a nested one,
/// an instance class's constructor and its service types (an array's element too), a referenced assembly's
/// <c>[module: Experimental]</c>; and an id that is no identifier (the user's compile error) is
/// never written after <c>#pragma</c>. (An experimental type the JSON context handles, a parameter's
/// array element say, needs the project to suppress its id anyway: System.Text.Json's generated
/// code names it without suppressing anything.)
/// </summary>
public sealed class ExperimentalTortureTests
{
    private const string Source = """
        #pragma warning disable GAX101, GAX102, GAX103, GAX104, GAX105, GAX106, GAX107, GAX108 // the team's own choice
        namespace Sample
        {
            using System.Diagnostics.CodeAnalysis;

            [Experimental("GAX101")] public enum Level { Low, High }
            [Experimental("GAX102")] public enum Shade { Light, Dark }
            [Experimental("GAX103")] public enum Tone { Soft, Loud }
            [Experimental("GAX104")] public static class Outer { public enum Inner { A, B } }
            [Experimental("GAX105")] public interface IProbe { string Name { get; } }
            [Experimental("GAX108")] public sealed class Gauge;

            public static class Results
            {
                [Command("e.result")] public static Level Result() => Level.High;
                [Command("e.nullable")] public static string Nullable(Shade? shade = null) => shade?.ToString() ?? "none";
                [Command("e.task")] public static Task<Tone> Later() => Task.FromResult(Tone.Loud);
                [Command("e.nested")] public static string Nested(Outer.Inner inner) => inner.ToString();
            }

            [Experimental("GAX107")]
            public static class Trial
            {
                [Command("e.trial")] public static string Run() => "trial";
            }

            public sealed class Probed
            {
                private readonly IProbe _probe;

                private readonly Gauge[] _gauges;

                [Experimental("GAX106")] public Probed(IProbe probe, Gauge[] gauges) => (_probe, _gauges) = (probe, gauges);

                [Command("e.probed")] public string Run() => _probe.Name + _gauges.Length;
            }
        }
        """;

    [Fact]
    public void Every_experimental_symbol_a_generated_file_names_is_suppressed_there()
    {
        var (output, problems) = TortureCompiler.Generate(TortureCompiler.Compile([TortureCompiler.Usings + Source]));

        Assert.True(problems.Count == 0, "Problems:\n" + string.Join("\n", problems) + "\n\n" + TestCompiler.GeneratedText(output));
    }

    /// <summary>
    /// <c>[Obsolete("…", DiagnosticId = "ID")]</c> reports its warning under that id, not CS0618,
    /// so the generated file suppresses it too: on a command, its class, a parameter or result type,
    /// and an instance class's constructor (whose call is in the registry's file).
    /// </summary>
    [Fact]
    public async Task An_obsolete_diagnostic_id_is_suppressed_where_the_generated_code_names_it()
    {
        using var commands = TortureCompiler.Load(TortureCompiler.Usings + """
            #pragma warning disable OLD003, OLD005 // the team's own uses
            namespace Sample
            {
                public static class Old { [Obsolete("m", DiagnosticId = "OLD001")] [Command("o.method")] public static string Run() => "method"; }
                [Obsolete("m", DiagnosticId = "OLD002")] public static class OldClass { [Command("o.class")] public static string Run() => "class"; }
                [Obsolete("m", DiagnosticId = "OLD003")] public enum Mode { On, Off }
                public static class Modes { [Command("o.type")] public static Mode Run(Mode mode = Mode.Off, Mode? other = null) => mode; }
                public sealed class Built
                {
                    [Obsolete("m", DiagnosticId = "OLD004")] public Built() { }
                    [Command("o.constructor")] public string Run() => "constructor";
                }
                [Obsolete("m", DiagnosticId = "OLD005")] public sealed class Legacy;
                public sealed class Served(Legacy? legacy = null) { [Command("o.service")] public string Run() => legacy is null ? "service" : "?"; }
            }
            """);

        Assert.Equal("""{"returncode":"0","message":"method"}""", await commands.SendAsync("""{"name":"o.method"}"""));
        Assert.Equal("""{"returncode":"0","message":"class"}""", await commands.SendAsync("""{"name":"o.class"}"""));
        Assert.Equal("""{"returncode":"0","message":"'Off'"}""", await commands.SendAsync("""{"name":"o.type"}"""));
        Assert.Equal("""{"returncode":"0","message":"constructor"}""", await commands.SendAsync("""{"name":"o.constructor"}"""));
        Assert.Equal("""{"returncode":"0","message":"service"}""", await commands.SendAsync("""{"name":"o.service"}"""));
    }

    [Fact]
    public void A_type_from_a_module_marked_experimental_adds_no_error_to_the_generated_code()
    {
        var commands = TortureCompiler.Compile([TortureCompiler.Usings + """
            #pragma warning disable GAX110 // the team's own choice to use the experimental module
            namespace Sample
            {
                public static class Modes
                {
                    [Command("m.mode")] public static string Run(Experimental.Module.Mode mode = Experimental.Module.Mode.On) => "mode " + mode;
                }
            }
            """]).AddReferences(Library("""
            [module: System.Diagnostics.CodeAnalysis.Experimental("GAX110")]
            namespace Experimental.Module { public enum Mode { On, Off } }
            """));

        var (output, problems) = TortureCompiler.Generate(commands);

        Assert.True(problems.Count == 0, "Problems:\n" + string.Join("\n", problems) + "\n\n" + TestCompiler.GeneratedText(output));
    }

    [Fact]
    public void An_id_that_is_no_identifier_is_never_written_after_a_pragma()
    {
        // The compiler refuses "GA-X" (CS9211) in the user's file, and the call in the generated
        // one is an error no #pragma can suppress; "#pragma warning disable GA-X" would add a third.
        var (output, problems) = TortureCompiler.Generate(TortureCompiler.Compile([TortureCompiler.Usings + """
            namespace Sample
            {
                public static class Odd
                {
                    [System.Diagnostics.CodeAnalysis.Experimental("GA-X")] [Command("o.odd")] public static string Run() => "odd";
                }
            }
            """]));

        Assert.Equal(["CS9211", "GA-X"], problems.Select(p => p.Split(": ")[1].Split(' ')[1]).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("disable GA-X", TestCompiler.GeneratedText(output), StringComparison.Ordinal);
    }

    private static MetadataReference Library(string source)
    {
        var library = CSharpCompilation.Create(
            "Experimental.Module",
            [CSharpSyntaxTree.ParseText(source, TestCompiler.ParseOptions, cancellationToken: TestContext.Current.CancellationToken)],
            TestCompiler.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image, cancellationToken: TestContext.Current.CancellationToken).Success);
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
