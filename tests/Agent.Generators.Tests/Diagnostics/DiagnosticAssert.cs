using System.Collections.Immutable;
using System.Globalization;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>Runs generator and analyzer on a source and checks what is reported, and where.</summary>
internal static class DiagnosticAssert
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        """;

    /// <summary>
    /// Asserts that the analyzer reports exactly <paramref name="spans"/> (the source text of each
    /// location, in order) for <paramref name="id"/>, nothing else, and that the generated code
    /// compiles: an invalid command gets no dispatch code, so the GA error is the only one.
    /// </summary>
    public static Task<ImmutableArray<Diagnostic>> ReportsAsync(string source, string id, params string[] spans) =>
        ReportsAsync(TestCompiler.Compile(Usings + source), id, spans);

    /// <summary>As <see cref="ReportsAsync(string, string, string[])"/>, on a compilation set up by the test (with unsafe code, say).</summary>
    public static async Task<ImmutableArray<Diagnostic>> ReportsAsync(Compilation compilation, string id, params string[] spans)
    {
        var (output, _) = TestCompiler.Generate(compilation);
        var compileErrors = output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(compileErrors.Count == 0, "Generated code does not compile:\n" + string.Join("\n", compileErrors));

        var diagnostics = (await TestCompiler.AnalyzeAsync(output)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        Assert.All(diagnostics, d => Assert.Equal(id, d.Id));
        Assert.Equal(spans, diagnostics.Select(SpanText));
        Assert.All(diagnostics, d => Assert.EndsWith($"/docs/diagnostics/{id}.md", d.Descriptor.HelpLinkUri, StringComparison.Ordinal));
        return diagnostics;
    }

    public static string SpanText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree is { } tree ? tree.GetText().ToString(diagnostic.Location.SourceSpan) : "<no location>";

    public static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);
}
