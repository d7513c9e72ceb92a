using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GuestAgent.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GuestAgent.Generators.Diagnostics;

/// <summary>
/// Reports why a <c>[Command]</c> method cannot be generated (GA0001–GA0012). The generator skips
/// such methods silently, so these are the only errors a user sees; being an analyzer, they carry
/// real source locations and honour <c>#pragma warning disable</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CommandAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        Descriptors.DuplicateName, Descriptors.InvalidName, Descriptors.NotAccessible, Descriptors.Generic,
        Descriptors.ByRefParameter, Descriptors.AsyncVoid, Descriptors.UnsupportedParameterType,
        Descriptors.UnsupportedReturnType, Descriptors.NotInJsonContext, Descriptors.NotConstructible,
        Descriptors.DuplicateAcrossAssemblies, Descriptors.InvalidJsonContext,
    ];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownTypes.CommandAttribute) is not { } attributeType)
            {
                return;
            }

            var known = KnownTypes.Create(start.Compilation, describe: false);
            var names = new ConcurrentBag<(string Name, Location Location)>();
            start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, attributeType, known, names), SymbolKind.Method);
            start.RegisterSyntaxNodeAction(node => AnalyzeLocalFunction(node, attributeType, known), SyntaxKind.LocalFunctionStatement);
            start.RegisterCompilationEndAction(end => AnalyzeCompilation(end, known, names));
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol attributeType, KnownTypes known, ConcurrentBag<(string, Location)> names)
    {
        var method = (IMethodSymbol)context.Symbol;
        foreach (var attribute in method.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                continue;
            }

            var problems = new List<Diagnostic>();
            CommandInspector.Inspect(method, attribute, known, problems);
            foreach (var problem in problems)
            {
                context.ReportDiagnostic(problem);
            }

            if (CommandInspector.CommandName(attribute) is { } name && Names.IsValidCommandName(name))
            {
                names.Add((name, CommandInspector.NameLocation(attribute) ?? method.Locations.FirstOrDefault() ?? Location.None));
            }
        }
    }

    /// <summary>Local functions are never commands (the registry cannot reach them): say so instead of ignoring the attribute.</summary>
    private static void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context, INamedTypeSymbol attributeType, KnownTypes known)
    {
        var syntax = (LocalFunctionStatementSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0
            || context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not IMethodSymbol method
            || !method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType)))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotAccessible, syntax.Identifier.GetLocation(), Names.MethodDisplay(method, known.Memo)));
    }

    private static void AnalyzeCompilation(CompilationAnalysisContext context, KnownTypes known, ConcurrentBag<(string Name, Location Location)> names)
    {
        if (known.JsonContext is { } jsonContext && !known.JsonContextIsValid)
        {
            var location = context.Compilation.Assembly.GetAttributes()
                .FirstOrDefault(a => Names.IsNamed(a.AttributeClass, KnownTypes.CommandJsonContextAttribute))
                ?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidJsonContext, location ?? Location.None, jsonContext.ToDisplayString(Names.Short)));
        }

        var own = names.OrderBy(n => n.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(n => n.Location.SourceSpan.Start)
            .ToList();
        foreach (var group in own.GroupBy(n => n.Name, System.StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var (name, location) in group)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.DuplicateName, location, name));
            }
        }

        // Where each name is served from: this assembly first, then referenced assemblies by name.
        var owners = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var assemblyName = context.Compilation.AssemblyName ?? "this assembly";
        foreach (var (name, _) in own)
        {
            owners[name] = assemblyName;
        }

        var referenced = context.Compilation.SourceModule.ReferencedAssemblySymbols
            .Select(AssemblySettingsReader.ReadRegistry)
            .Where(r => r is not null)
            .OrderBy(r => r!.AssemblyName, System.StringComparer.Ordinal);
        foreach (var registry in referenced)
        {
            foreach (var name in registry!.CommandNames)
            {
                if (!owners.TryGetValue(name, out var first))
                {
                    owners[name] = registry.AssemblyName;
                    continue;
                }

                var locations = first == assemblyName ? own.Where(n => n.Name == name).Select(n => n.Location).ToList() : [Location.None];
                foreach (var location in locations)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.DuplicateAcrossAssemblies, location, name, first, registry.AssemblyName));
                }
            }
        }
    }
}
