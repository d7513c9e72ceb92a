using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A class fixture: a sample compiled with the real JSON context and loaded once, and the analyzer's
/// diagnostics on it in source order, for tests that prove a diagnostic's shapes fail at run time.
/// </summary>
/// <param name="source">The sample's source.</param>
public abstract class AnalyzedSamples(string source) : IAsyncLifetime
{
    internal LoadedCommands Commands { get; } = LoadedCommands.Compile(source);

    internal IReadOnlyList<Diagnostic> Diagnostics { get; private set; } = [];

    public virtual async ValueTask InitializeAsync() => Diagnostics = await AnalyzeAsync(source);

    public virtual ValueTask DisposeAsync()
    {
        Commands.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>The analyzer's diagnostics on <paramref name="source"/> with the generator's output and the real JSON context, in source order.</summary>
    internal static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string source)
    {
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(source), withJson: true);
        return [.. (await TestCompiler.AnalyzeAsync(output)).OrderBy(d => d.Location.SourceSpan.Start)];
    }
}
