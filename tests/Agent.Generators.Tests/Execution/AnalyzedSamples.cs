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

    /// <summary>A Nova request for <paramref name="command"/> with <paramref name="value"/> (JSON text) as its value.</summary>
    internal static string Request(string command, string value) => $$"""{"name":"{{command}}","value":{{value}}}""";

    /// <summary>The answer to a command whose run threw: what a type the context cannot read or write gets.</summary>
    internal static string InternalError(string command) => $$"""{"returncode":"500","message":"Command '{{command}}' failed with an internal error"}""";

    /// <summary>A GA0020, GA0021 or GA0024 as its id and the name of the command method it names (<c>GA0020 TakeOnlyPrivate</c>).</summary>
    internal static string Describe(Diagnostic diagnostic)
    {
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        var method = message.Split('\'')[diagnostic.Id is "GA0020" or "GA0024" ? 3 : 1];
        return diagnostic.Id + " " + method[(method.LastIndexOf('.', method.IndexOf('(')) + 1)..method.IndexOf('(')];
    }
}
