using System.Linq;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The class names the generator writes in <see cref="GeneratedNames.Namespace"/> (the aggregate
/// and the assembly's registry) that a type of the compilation's own already takes (GA0022). The
/// generator then leaves that class out: writing it would give CS0101 (or CS0260) in generated
/// code, an error the author cannot act on where it is reported.
/// </summary>
internal static class ReservedNames
{
    /// <summary>Whether the compilation's own sources declare <c>GuestAgent.Generated.<paramref name="name"/></c>.</summary>
    public static bool Taken(Compilation compilation, string name) =>
        compilation.Assembly.GetTypeByMetadataName(GeneratedNames.Namespace + "." + name) is not null;

    /// <summary>GA0022 on each declaration of a top-level type that takes one of the names.</summary>
    public static void Analyze(SymbolAnalysisContext context, string registryName)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.ContainingType is not null
            || type.Arity != 0
            || type.ContainingNamespace.ToDisplayString() != GeneratedNames.Namespace)
        {
            return;
        }

        var what = type.Name == GeneratedNames.AggregateClass ? "aggregate registry"
            : type.Name == registryName ? "command registry of this assembly"
            : null;
        if (what is null)
        {
            return;
        }

        foreach (var location in type.Locations.Where(l => l.IsInSource))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ReservedGeneratedName, location, type.Name, what, GeneratedNames.Namespace));
        }
    }
}
