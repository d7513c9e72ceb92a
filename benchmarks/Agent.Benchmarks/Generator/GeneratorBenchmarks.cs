using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GuestAgent.Benchmarks.Generator;

/// <summary>
/// What the command generator costs a build and an editor: a first run over a command assembly
/// (<see cref="Cold"/>) against re-runs of a driver that has already seen it, the way the IDE
/// keeps the driver between keystrokes (generator-practices.md §11).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const string UnrelatedFile = "namespace Bench; public sealed class Unrelated { public int X { get; set; } }";

    private Compilation _compilation = null!;
    private GeneratorDriver _warm = null!;
    private GeneratorDriver _warmNamesOnly = null!;
    private GeneratorDriver _warmSignatureOnly = null!;
    private SyntaxTree _unrelated = null!;
    private SyntaxTree _commandFile = null!;
    private SyntaxTree _commandFileWithBodyEdit = null!;

    /// <summary>Commands in the assembly (ten per class, one class per file).</summary>
    [Params(10, 100, 1_000)]
    public int Commands { get; set; } = 10;

    [GlobalSetup]
    public void Setup()
    {
        var sources = CommandSources.Create(Commands, withJsonContext: true);
        _compilation = InMemoryCompiler.Compile("Bench.Commands", sources.Files);
        _unrelated = InMemoryCompiler.Parse(UnrelatedFile, "Unrelated.cs");

        // Typing inside a command's body: an incremental reparse of the first command file.
        _commandFile = _compilation.SyntaxTrees.First();
        var text = _commandFile.GetText();
        var body = text.ToString().IndexOf("=> \"ok\";", StringComparison.Ordinal);
        _commandFileWithBodyEdit = _commandFile.WithChangedText(text.WithChanges(new TextChange(new TextSpan(body + 3, 4), "\"okay\"")));

        _warm = InMemoryCompiler.CreateDriver().RunGenerators(_compilation);
        _warmNamesOnly = InMemoryCompiler.CreateDriver(new NamesOnlyGenerator()).RunGenerators(_compilation);
        _warmSignatureOnly = InMemoryCompiler.CreateDriver(new SignatureOnlyGenerator()).RunGenerators(_compilation);
        Check(_warm, sources.Commands.Count);
        Check(Cold(), sources.Commands.Count);
        Check(Cached_body_edit(), sources.Commands.Count);
    }

    /// <summary>
    /// A new driver on a fresh copy of the compilation (no bound state), as a command-line build
    /// runs the generator.
    /// </summary>
    [Benchmark]
    public GeneratorDriver Cold() => InMemoryCompiler.CreateDriver().RunGenerators(_compilation.Clone());

    /// <summary>The warm driver on the very compilation it ran on.</summary>
    [Benchmark]
    public GeneratorDriver Cached_same_compilation() => _warm.RunGenerators(_compilation);

    /// <summary>The warm driver after a new unrelated file (the edited compilation is made here, as per keystroke).</summary>
    [Benchmark]
    public GeneratorDriver Cached_unrelated_file() => _warm.RunGenerators(_compilation.AddSyntaxTrees(_unrelated));

    /// <summary>The warm driver after an edit inside a command's body: that file's commands are re-read and found unchanged.</summary>
    [Benchmark]
    public GeneratorDriver Cached_body_edit() => _warm.RunGenerators(_compilation.ReplaceSyntaxTree(_commandFile, _commandFileWithBodyEdit));

    /// <summary>
    /// Reference for <see cref="Cached_unrelated_file"/>: <see cref="NamesOnlyGenerator"/>, the
    /// floor any generator keyed on the attribute pays after an edit.
    /// </summary>
    [Benchmark]
    public GeneratorDriver Reference_names_only_unrelated_file() => _warmNamesOnly.RunGenerators(_compilation.AddSyntaxTrees(_unrelated));

    /// <summary>
    /// Reference for <see cref="Cached_unrelated_file"/>: <see cref="SignatureOnlyGenerator"/>, what
    /// binding every command's signature again costs after the same edit.
    /// </summary>
    [Benchmark]
    public GeneratorDriver Reference_signatures_only_unrelated_file() => _warmSignatureOnly.RunGenerators(_compilation.AddSyntaxTrees(_unrelated));

    /// <summary>A run that failed or skipped commands would make the numbers meaningless.</summary>
    private static void Check(GeneratorDriver driver, int commands)
    {
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("The generator failed.", result.Exception);
        }

        // One file per command, the registry and the application aggregate.
        if (result.GeneratedSources.Length != commands + 2)
        {
            throw new InvalidOperationException($"Expected {commands + 2} generated files, got {result.GeneratedSources.Length}.");
        }
    }
}
