using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// Code as it is while being typed: unresolved types, missing or wrong attribute arguments,
/// broken defaults. The generator and the analyzer run on every keystroke, so they must neither
/// throw (CS8785, AD0001) nor add errors in generated files to the user's own.
/// </summary>
public sealed class BrokenCodeTortureTests
{
    private const string Source = """
        namespace Sample;
        public static class A { [Command("x")] public static Missing Run(Unknown u, int q = Nope, string s = ) { } }
        public static class B { [Command] public static void Run() { } [Command(1)] public static void R2() { } [Command("a", "b")] public static void R3() { } [Command(null)] public static void R4() { } }
        public class C : MissingBase { [Command("y")] public void Run() { } }
        public class D { public D(Missing m, int x = Nope) { } [Command("z")] public void Run() { } }
        public class E { [Command("w")] public Task<Missing> Run(List<Unknown> l, Missing? m = null) => null!; }
        public class F { [Command("v")] public void Run(this int x) { } }
        public enum G { A = Missing.X }
        public static class H { [Command("u")] public static void Run(G g = G.A, DayOfWeek d = (DayOfWeek)Missing.Y) { } }
        public static class I { [Command("t" + Missing.Name)] public static void Run() { } }
        public static class J { [Command("ok")] public static string Run(int a) => "ok"; }
        public class K(Microsoft.Extensions.Logging.ILogger<Missing> log) { [Command("s")] public string Run() => log.ToString()!; }
        """;

    [Fact]
    public async Task Generator_and_analyzer_add_nothing_broken()
    {
        var (output, problems) = TortureCompiler.Generate(TortureCompiler.Compile([TortureCompiler.Usings + Source]));
        Assert.DoesNotContain(problems, p => p.StartsWith("generator", StringComparison.Ordinal) || p.StartsWith("GuestAgent.Generators/", StringComparison.Ordinal));
        Assert.Contains(output.SyntaxTrees, t => t.ToString().Contains("Invoke_ok(", StringComparison.Ordinal));

        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (e, _, _) => throw new InvalidOperationException("the analyzer threw", e), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var diagnostics = await output.WithAnalyzers([new GuestAgent.Generators.Diagnostics.CommandAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.Contains(diagnostics, d => d.Id == "GA0010" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).EndsWith("could not be resolved", StringComparison.Ordinal));
    }
}
