using System.Runtime.Loader;
using GuestAgent.Commands;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Benchmarks.Generator;

/// <summary>
/// A command assembly compiled in memory with the real generator and loaded into a collectible
/// context, so benchmarks can dispatch through registries of any size without checking them in.
/// </summary>
public sealed class GeneratedRegistry : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private GeneratedRegistry(AssemblyLoadContext context, ICommandRegistry registry)
    {
        _context = context;
        Registry = registry;
    }

    /// <summary>The generated registry of the assembly.</summary>
    public ICommandRegistry Registry { get; }

    /// <summary>Generates, compiles (no warnings allowed) and loads the assembly of <paramref name="sources"/>.</summary>
    public static GeneratedRegistry Build(CommandSources sources)
    {
        var compilation = InMemoryCompiler.Compile("Bench.Commands", sources.Files);
        InMemoryCompiler.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!emitted.Success || problems.Count > 0)
        {
            throw new InvalidOperationException("The generated registry does not compile:\n" + string.Join("\n", problems.Take(20)));
        }

        image.Position = 0;
        var context = new AssemblyLoadContext("bench-commands", isCollectible: true);
        var assembly = context.LoadFromStream(image);

        // Set-up only: the benchmark cannot name a type compiled at run time.
        var type = assembly.GetType("GuestAgent.Generated.BenchCommandsCommandRegistry", throwOnError: true)!;
        var registry = (ICommandRegistry)Activator.CreateInstance(type, [null])!;
        return new GeneratedRegistry(context, registry);
    }

    public void Dispose() => _context.Unload();
}
