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
/// Reports why a <c>[Command]</c> method cannot be generated, and the assembly-wide problems
/// (GA0001–GA0030). The generator skips such methods silently and leaves the reporting here;
/// being an analyzer, the errors carry real source locations and honour
/// <c>#pragma warning disable</c>. When a build does not run analyzers, the generator runs this
/// analyzer itself and reports its errors (<see cref="AnalyzerFallback"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CommandAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        Descriptors.DuplicateName, Descriptors.InvalidName, Descriptors.NotAccessible, Descriptors.LocalFunction, Descriptors.Lambda, Descriptors.NotCallable, Descriptors.Generic,
        Descriptors.ByRefParameter, Descriptors.AsyncVoid, Descriptors.UnsupportedParameterType,
        Descriptors.UnsupportedReturnType, Descriptors.NotInJsonContext, Descriptors.NotConstructible,
        Descriptors.DuplicateAcrossAssemblies, Descriptors.DuplicateAcrossReferences, Descriptors.InvalidJsonContext,
        Descriptors.LanguageVersion, Descriptors.LanguageVersionForReferences, Descriptors.RegistryNameClash,
        Descriptors.InvalidRequestSchema, Descriptors.RequestSchemaIgnored, Descriptors.UnknownSchemaKeyword, Descriptors.SchemaExcludesString, Descriptors.InvalidSchemaKeywordValue,
        Descriptors.UnreadableParameterType, Descriptors.UnwritableResultType, Descriptors.ReservedGeneratedName, Descriptors.TrimRequirement,
        Descriptors.ExtensionDataNeverFilled, Descriptors.ServiceKeyNeverPassed, Descriptors.SetOnlyCollectionNeverSet,
        Descriptors.InheritedAggregateLeavesOut, Descriptors.ConvertedDerivedType, Descriptors.FastPathFieldClash,
        Descriptors.RepeatedRequestParameter,
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
            var names = new CommandNameIndex(start.Compilation, attributeType);
            var assemblyName = start.Compilation.AssemblyName ?? "this assembly";
            // GA0026 and GA0029 are about a member that several commands' types may hold: each location once.
            var reported = new ConcurrentDictionary<Location, byte>();
            start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, attributeType, known, names, assemblyName, reported), SymbolKind.Method);
            start.RegisterSyntaxNodeAction(node => AnalyzeLocalFunction(node, attributeType, known), SyntaxKind.LocalFunctionStatement);
            start.RegisterSyntaxNodeAction(node => AnalyzeLambda(node, attributeType, known), SyntaxKind.ParenthesizedLambdaExpression);
            start.RegisterSyntaxNodeAction(node => AnalyzeAssemblyAttribute(node, known), SyntaxKind.Attribute);
            InheritedAggregateUses.Register(start, names, assemblyName);
            var registryName = Names.RegistryName(start.Compilation.AssemblyName ?? "Assembly");
            start.RegisterSymbolAction(symbolContext => ReservedNames.Analyze(symbolContext, registryName), SymbolKind.NamedType);
            start.RegisterSymbolAction(symbolContext => ConvertedDerivedTypes.Analyze(symbolContext, known), SymbolKind.NamedType);
            start.RegisterSymbolAction(symbolContext => ReservedNames.AnalyzeNamespace(symbolContext, registryName), SymbolKind.Namespace);
            start.RegisterCompilationEndAction(end =>
            {
                ReportClashesBetweenReferences(end, names);
                ReportLanguageVersionForReferences(end, names);
                ReportRegistryNameClash(end, names, assemblyName);
            });
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol attributeType, KnownTypes known, CommandNameIndex names, string assemblyName, ConcurrentDictionary<Location, byte> reported)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.IsImplicitlyDeclared)
        {
            return;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                continue;
            }

            var problems = new List<Diagnostic>();
            CommandInspector.Inspect(method, attribute, known, InspectionProblems.Into(problems));
            foreach (var problem in problems)
            {
                // GA0013 is about the project, not the command: once, at the first command.
                // GA0026 and GA0029 are at a member, whichever command's type holds it: once there.
                if ((problem.Id != DiagnosticIds.LanguageVersion || names.IsFirstOwnUse(attribute))
                    && (problem.Id is not (DiagnosticIds.SetOnlyCollectionNeverSet or DiagnosticIds.FastPathFieldClash) || reported.TryAdd(problem.Location, 0)))
                {
                    context.ReportDiagnostic(problem);
                }
            }

            if (CommandInspector.CommandName(attribute) is { } name && Names.IsValidCommandName(name))
            {
                ReportClashes(context, names, name, attribute, CommandInspector.NameLocation(attribute) ?? method.Locations.FirstOrDefault() ?? Location.None, assemblyName, known);
            }
        }
    }

    /// <summary>A name used twice in this assembly (GA0001), or also served by a referenced command assembly (GA0011).</summary>
    private static void ReportClashes(SymbolAnalysisContext context, CommandNameIndex names, string name, AttributeData attribute, Location location, string assemblyName, KnownTypes known)
    {
        if (names.OwnCount(name) > 1)
        {
            // Name the other uses and point at them: with many files, "more than one" alone sends people searching.
            var others = names.OwnUses(name).Where(u => !u.Is(attribute))
                .OrderBy(u => u.Attribute.ApplicationSyntaxReference?.SyntaxTree.FilePath, System.StringComparer.Ordinal)
                .ThenBy(u => u.Attribute.ApplicationSyntaxReference?.Span.Start)
                .ToList();
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.DuplicateName,
                location,
                others.Select(u => CommandInspector.NameLocation(u.Attribute) ?? u.Method.Locations.FirstOrDefault() ?? Location.None),
                name,
                string.Join(", ", others.Select(u => "'" + Names.MethodDisplay(u.Method, known.Memo) + "'"))));
        }

        foreach (var registry in names.Referenced.Where(r => r.CommandNames.Contains(name)))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DuplicateAcrossAssemblies, location, name, assemblyName, registry.AssemblyName));
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

        // Named after the member that holds it, past any enclosing local functions and lambdas.
        var outer = method.ContainingSymbol;
        while (outer is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction })
        {
            outer = outer.ContainingSymbol;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.LocalFunction, syntax.Identifier.GetLocation(), method.Name, Container(outer, known)));
    }

    /// <summary>A lambda with [Command] (C# 10 lambda attributes) is never a command either: say so.</summary>
    private static void AnalyzeLambda(SyntaxNodeAnalysisContext context, INamedTypeSymbol attributeType, KnownTypes known)
    {
        var syntax = (ParenthesizedLambdaExpressionSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0
            || context.SemanticModel.GetSymbolInfo(syntax, context.CancellationToken).Symbol is not IMethodSymbol lambda
            || lambda.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType)) is not { } attribute)
        {
            return;
        }

        var outer = lambda.ContainingSymbol;
        while (outer is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction })
        {
            outer = outer.ContainingSymbol;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.Lambda, CommandInspector.NameLocation(attribute) ?? syntax.GetLocation(), Container(outer, known)));
    }

    /// <summary>
    /// Where a local function or lambda sits, as people wrote it: <c>'A.Outer(int)'</c>, or "the
    /// top-level statements" rather than the compiler's <c>Program.&lt;Main&gt;$(string[])</c>.
    /// </summary>
    private static string Container(ISymbol outer, KnownTypes known) => outer switch
    {
        IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName } => "the top-level statements",
        IMethodSymbol member => "'" + Names.MethodDisplay(member, known.Memo) + "'",
        _ => "'" + outer.ToDisplayString(Names.InMessage) + "'",
    };

    /// <summary>GA0012 at <c>[assembly: CommandJsonContext(typeof(T))]</c> when T is not a serializer context.</summary>
    private static void AnalyzeAssemblyAttribute(SyntaxNodeAnalysisContext context, KnownTypes known)
    {
        if (known.JsonContext is not { } jsonContext
            || known.JsonContextIsValid
            || context.Node.Parent is not AttributeListSyntax { Target: { } target }
            || !target.Identifier.IsKind(SyntaxKind.AssemblyKeyword)
            || context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol is not IMethodSymbol constructor
            || !Names.IsNamed(constructor.ContainingType, KnownTypes.CommandJsonContextAttribute))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidJsonContext, context.Node.GetLocation(), jsonContext.ToDisplayString(Names.InMessage)));
    }

    /// <summary>GA0014 when two registries this compilation sees (its own included) have one class name.</summary>
    private static void ReportRegistryNameClash(CompilationAnalysisContext context, CommandNameIndex names, string assemblyName)
    {
        var own = names.HasOwnCommands
            ? new[] { (assemblyName, GeneratedNames.QualifiedRegistry(Names.RegistryName(context.Compilation.AssemblyName ?? "Assembly"))) }
            : [];
        if (Model.RegistryPlanner.RegistryClash(own, names.Referenced) is { } clash)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RegistryNameClash, Location.None, clash.FirstAssembly, clash.SecondAssembly, clash.TypeName.Replace("global::", string.Empty)));
        }
    }

    /// <summary>
    /// GA0013 for an application without commands of its own that references command assemblies:
    /// the aggregate over them is generated code too, and is left out below C# 11. (With commands
    /// of its own, each is reported at its name, which says it all.)
    /// </summary>
    private static void ReportLanguageVersionForReferences(CompilationAnalysisContext context, CommandNameIndex names)
    {
        if (context.Compilation is CSharpCompilation { LanguageVersion: < LanguageVersion.CSharp11 } old && names.Referenced.Count > 0 && !names.HasOwnCommands)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.LanguageVersionForReferences, Location.None, old.LanguageVersion.ToDisplayString()));
        }
    }

    /// <summary>
    /// GA0011 between two referenced command assemblies (an application's), which no source of this
    /// compilation names. Clashes with this assembly's own commands were reported at their names.
    /// </summary>
    private static void ReportClashesBetweenReferences(CompilationAnalysisContext context, CommandNameIndex names)
    {
        var owners = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var registry in names.Referenced)
        {
            foreach (var name in registry.CommandNames.Where(n => names.OwnCount(n) == 0))
            {
                if (owners.TryGetValue(name, out var first))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.DuplicateAcrossReferences, Location.None, name, first, registry.AssemblyName));
                }
                else
                {
                    owners[name] = registry.AssemblyName;
                }
            }
        }
    }
}
