using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GuestAgent.Benchmarks.Generator;

/// <summary>
/// What <see cref="CommandAnalyzer"/> costs on a large compilation: the command assembly of
/// <see cref="CommandSources"/> beside a body of ordinary code (classes whose methods carry other
/// attributes), which the analyzer's index of command names must not pay for on every keystroke.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    /// <summary>Ordinary (non-command) classes, ten methods each, one file per ten classes.</summary>
    private const int OrdinaryClasses = 2_000;

    private Compilation _compilation = null!;
    private SyntaxTree _commandFile = null!;
    private SyntaxTree _commandFileEdited = null!;

    /// <summary>Commands in the assembly (ten per class, one class per file).</summary>
    [Params(100, 1_000)]
    public int Commands { get; set; } = 100;

    [GlobalSetup]
    public void Setup()
    {
        var sources = CommandSources.Create(Commands, withJsonContext: false);
        _compilation = InMemoryCompiler.Compile("Bench.Commands", [.. sources.Files, .. OrdinaryFiles()]);

        // Typing inside a command's body: the editor analyses that document of the new compilation.
        _commandFile = _compilation.SyntaxTrees.First();
        var text = _commandFile.GetText();
        var body = text.ToString().IndexOf("=> \"ok\";", StringComparison.Ordinal);
        _commandFileEdited = _commandFile.WithChangedText(text.WithChanges(new TextChange(new TextSpan(body + 3, 4), "\"okay\"")));

        var errors = Whole_compilation().Result.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count != 0)
        {
            throw new InvalidOperationException("The benchmark's commands should all be valid: " + string.Join("\n", errors.Take(5)));
        }
    }

    /// <summary>
    /// The editor's live analysis after a keystroke: a new compilation, and the analyzer's
    /// diagnostics for the one document being edited (the index of names covers the whole compilation).
    /// </summary>
    [Benchmark]
    public async Task<ImmutableArray<Diagnostic>> Document_after_edit()
    {
        var edited = _compilation.ReplaceSyntaxTree(_commandFile, _commandFileEdited);
        return await WithAnalyzer(edited).GetAnalyzerSemanticDiagnosticsAsync(edited.GetSemanticModel(_commandFileEdited), filterSpan: null, CancellationToken.None);
    }

    /// <summary>A build: every analyzer diagnostic of a fresh copy of the compilation.</summary>
    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> Whole_compilation() =>
        WithAnalyzer(_compilation.Clone()).GetAnalyzerDiagnosticsAsync(CancellationToken.None);

    private static CompilationWithAnalyzers WithAnalyzer(Compilation compilation) =>
        compilation.WithAnalyzers([new CommandAnalyzer()], new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));

    /// <summary>Ordinary classes: methods with attributes of their own (none of them [Command]), as real code has.</summary>
    private static IEnumerable<string> OrdinaryFiles()
    {
        for (var file = 0; file < OrdinaryClasses / 10; file++)
        {
            var source = new StringBuilder("using System;\nusing System.Diagnostics;\nusing System.Diagnostics.CodeAnalysis;\n\nnamespace Bench.Ordinary;\n\n");
            for (var type = file * 10; type < (file + 1) * 10; type++)
            {
                source.Append(CultureInfo.InvariantCulture, $"public sealed class Service{type:D4}\n{{\n");
                for (var method = 0; method < 10; method++)
                {
                    source.Append(method % 3 == 0 ? "    [DebuggerStepThrough]\n" : method % 3 == 1 ? "    [return: NotNullIfNotNull(nameof(input))]\n" : "    [Obsolete(\"use the next one\")]\n");
                    source.Append(CultureInfo.InvariantCulture, $"    public string? Method{method}(string? input, int count = {method}) => input is null ? null : input + count;\n\n");
                }

                source.Append("}\n\n");
            }

            yield return source.ToString();
        }
    }
}
