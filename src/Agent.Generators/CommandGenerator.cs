using GuestAgent.Generators.Diagnostics;
using GuestAgent.Generators.Emitting;
using GuestAgent.Generators.Model;
using GuestAgent.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators;

/// <summary>
/// Turns <c>[Command]</c> methods into the assembly's command registry (a dispatch switch with
/// direct calls, plus one descriptor per command), and builds the application's aggregate over
/// every referenced command assembly. Problems are reported by <c>CommandAnalyzer</c>, and by the
/// generator itself only when the build does not run analyzers (<see cref="AnalyzerFallback"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CommandGenerator : IIncrementalGenerator
{
    // Per generator instance (a driver keeps it across edits), never static: see KnownTypesCache.
    private readonly KnownTypesCache _knownTypes = new();

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var settings = context.CompilationProvider
            .Select(static (compilation, ct) => AssemblySettingsReader.Read(compilation, ct))
            .WithTrackingName(TrackingNames.Settings);
        var emitSettings = settings
            .Select(static (s, _) => new EmitSettings(s.AssemblyName, s.RegistryName, s.JsonContext, s.RegistryTaken, s.RefusesRepeatedNames))
            .WithTrackingName(TrackingNames.EmitSettings);
        var references = settings
            .Select(static (s, _) => s.AggregateInherited || s.AggregateTaken || !s.LanguageSupported ? (EquatableArray<ReferencedRegistry>?)null : s.References)
            .WithTrackingName(TrackingNames.References);

        var commands = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.CommandAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                (ctx, ct) => CommandParser.Parse(ctx, _knownTypes, ct))
            .WithTrackingName(TrackingNames.Extract)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.RemoveNulls);

        var duplicates = commands
            .Select(static (c, _) => c.Name)
            .WithTrackingName(TrackingNames.Names)
            .Collect()
            .Select(static (names, _) => RegistryPlanner.DuplicateNames(names))
            .WithTrackingName(TrackingNames.Duplicates);

        var outputs = commands
            .Combine(duplicates)
            .Combine(emitSettings)
            .Select(static (x, _) => new CommandOutput(x.Left.Left, x.Right.RegistryName, x.Right.JsonContext, !x.Right.RegistryTaken && RegistryPlanner.IsGenerated(x.Left.Left, x.Left.Right), x.Right.RefusesRepeatedNames))
            .WithTrackingName(TrackingNames.CommandOutputs);

        var registry = commands
            .Collect()
            .Combine(duplicates)
            .Combine(emitSettings)
            .Select(static (x, _) => (Model: RegistryPlanner.CreateRegistry(x.Right.RegistryTaken ? [] : x.Left.Left, x.Left.Right, x.Right.RegistryName), x.Right.AssemblyName))
            .WithTrackingName(TrackingNames.Registry);

        var aggregate = registry
            .Combine(references)
            .Select(static (x, _) => x.Right is { } referenced ? RegistryPlanner.CreateAggregate(x.Left.Model, x.Left.AssemblyName, referenced) : null)
            .WithTrackingName(TrackingNames.Aggregate);

        // Only when the build skips analyzers: then the generator reports the analyzer's errors.
        var analyzersOff = context.AnalyzerConfigOptionsProvider
            .Select(static (o, _) => AnalyzerFallback.AnalyzersAreOff(o.GlobalOptions))
            .WithTrackingName(TrackingNames.AnalyzersOff);
        // Null while analyzers run, so an edit leaves this output cached like every other.
        var unanalyzed = context.CompilationProvider
            .Combine(analyzersOff)
            .Select(static (x, _) => x.Right ? x.Left : null)
            .WithTrackingName(TrackingNames.Unanalyzed)
            .Combine(context.AnalyzerConfigOptionsProvider)
            .WithTrackingName(TrackingNames.UnanalyzedWithOptions);
        context.RegisterSourceOutput(unanalyzed, static (spc, x) =>
        {
            if (x.Left is { } compilation)
            {
                AnalyzerFallback.Report(spc, compilation, x.Right);
            }
        });

        context.RegisterSourceOutput(outputs, static (spc, output) =>
        {
            if (output.IsGenerated)
            {
                spc.AddSource(CommandEmitter.HintName(output.RegistryName, output.Command), CommandEmitter.Emit(output.Command, output.RegistryName, output.JsonContext, output.RefusesRepeatedNames));
            }
        });
        context.RegisterSourceOutput(registry, static (spc, r) =>
        {
            if (r.Model.Commands.Count > 0)
            {
                spc.AddSource(RegistryEmitter.HintName(r.Model), RegistryEmitter.Emit(r.Model, r.AssemblyName));
            }
        });
        context.RegisterSourceOutput(aggregate, static (spc, a) =>
        {
            if (a is not null && (a.OwnRegistry is not null || a.References.Count > 0))
            {
                spc.AddSource(AggregateEmitter.HintName, AggregateEmitter.Emit(a));
            }
        });
    }
}
