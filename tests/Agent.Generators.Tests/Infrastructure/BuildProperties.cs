using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GuestAgent.Generators.Tests.Infrastructure;

/// <summary>
/// MSBuild properties as the compiler shows them to a generator (<c>build_property.X</c> global
/// options), for a driver that runs as a build with those properties would.
/// </summary>
internal sealed class BuildProperties(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
{
    /// <summary>A build that does not run analyzers (<c>-p:RunAnalyzers=false</c>).</summary>
    public static BuildProperties AnalyzersOff => new(new Dictionary<string, string> { ["build_property.RunAnalyzers"] = "false" });

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
