using System.Linq;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The class names the generator writes in <see cref="GeneratedNames.Namespace"/> (the aggregate
/// and the assembly's registry) that a type or namespace of the compilation's own already takes
/// (GA0022). The generator then leaves that class out: writing it would give CS0101 (or CS0260)
/// in generated code, an error the author cannot act on where it is reported.
/// </summary>
internal static class ReservedNames
{
    /// <summary>Whether the compilation's own sources declare <c>GuestAgent.Generated.<paramref name="name"/></c>, a type or a namespace.</summary>
    public static bool Taken(Compilation compilation, string name) =>
        compilation.Assembly.GetTypeByMetadataName(GeneratedNames.Namespace + "." + name) is not null
        || OwnNamespace(compilation.Assembly.GlobalNamespace, GeneratedNames.Namespace + "." + name) is not null;

    /// <summary>The namespace of that dotted name among the assembly's own (a referenced assembly's does not clash).</summary>
    private static INamespaceSymbol? OwnNamespace(INamespaceSymbol? global, string dottedName)
    {
        var current = global;
        foreach (var part in dottedName.Split('.'))
        {
            current = current?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
        }

        return current;
    }

    /// <summary>GA0022 on each declaration of a top-level type that takes one of the names.</summary>
    public static void Analyze(SymbolAnalysisContext context, string registryName)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.ContainingType is not null
            || type.Arity != 0
            || type.ContainingNamespace.ToDisplayString() != GeneratedNames.Namespace
            || IsGeneratorOutput(type))
        {
            return;
        }

        Report(context, type, "Type", "type", registryName);
    }

    /// <summary>
    /// The generator's own registry or aggregate, which the analyzer sees as it analyzes generated code:
    /// the generator writes no class a type of the compilation's own takes, so one of its classes is only its.
    /// </summary>
    private static bool IsGeneratorOutput(INamedTypeSymbol type) =>
        type.GetAttributes().Any(attribute =>
            attribute.AttributeClass is { Name: "GeneratedCodeAttribute", ContainingNamespace: { } attributeNamespace }
            && attributeNamespace.ToDisplayString() == "System.CodeDom.Compiler"
            && attribute.ConstructorArguments is [{ Value: GeneratedNames.Tool }, ..]);

    /// <summary>GA0022 on each declaration of a namespace <c>GuestAgent.Generated.X</c> that takes one of the names.</summary>
    public static void AnalyzeNamespace(SymbolAnalysisContext context, string registryName)
    {
        var declared = (INamespaceSymbol)context.Symbol;
        if (declared.ContainingNamespace?.ToDisplayString() == GeneratedNames.Namespace)
        {
            Report(context, declared, "Namespace", "namespace", registryName);
        }
    }

    private static void Report(SymbolAnalysisContext context, ISymbol symbol, string kind, string fix, string registryName)
    {
        var what = symbol.Name == GeneratedNames.AggregateClass ? "aggregate registry"
            : symbol.Name == registryName ? "command registry of this assembly"
            : null;
        if (what is null)
        {
            return;
        }

        foreach (var location in symbol.Locations.Where(l => l.IsInSource))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ReservedGeneratedName, location, kind, symbol.Name, what, GeneratedNames.Namespace, fix));
        }
    }
}
