using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GuestAgent.Generators.Diagnostics;

/// <summary>
/// Reports <see cref="CommandAnalyzer"/>'s errors from the generator when the build will not run
/// analyzers (<c>-p:RunAnalyzers=false</c> or <c>RunAnalyzersDuringBuild=false</c>): the generator
/// still runs then and skips every command it cannot generate, so without this a build would
/// succeed with commands silently missing from the registry. When analyzers run, it reports
/// nothing, so no error is reported twice.
/// </summary>
internal static class AnalyzerFallback
{
    /// <summary>
    /// Whether the build skips analyzers, from the MSBuild properties the package makes visible to
    /// the compiler (build/net10.0/GuestAgent.props). A design-time build is the IDE, which runs the
    /// analyzer live unless <c>RunAnalyzers</c> itself is false.
    /// </summary>
    public static bool AnalyzersAreOff(AnalyzerConfigOptions options) =>
        IsFalse(options, "build_property.RunAnalyzers")
        || (IsFalse(options, "build_property.RunAnalyzersDuringBuild") && !IsTrue(options, "build_property.DesignTimeBuild"));

    /// <summary>
    /// Runs the analyzer over <paramref name="compilation"/> and reports its errors (#pragma and
    /// .editorconfig honoured): the diagnostics that are errors by default and still are, not a
    /// warning that warnings-as-errors made one (GA0016 drops no command).
    /// </summary>
    public static void Report(SourceProductionContext context, Compilation compilation, AnalyzerConfigOptionsProvider options)
    {
        var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options);
        var withAnalyzer = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new CommandAnalyzer()),
            new CompilationWithAnalyzersOptions(analyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));

        // The source output callback is synchronous; the compiler calls it on a thread of its own.
        var diagnostics = withAnalyzer.GetAnalyzerDiagnosticsAsync(context.CancellationToken).GetAwaiter().GetResult();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.Descriptor.DefaultSeverity == DiagnosticSeverity.Error && !diagnostic.IsSuppressed)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    private static bool IsFalse(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && string.Equals(value.Trim(), "false", System.StringComparison.OrdinalIgnoreCase);

    private static bool IsTrue(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && string.Equals(value.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);
}
