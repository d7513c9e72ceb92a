using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GuestAgent.Generators.Diagnostics;

/// <summary>
/// GA0027 at each use of an <c>AgentCommands</c> lent by a referenced assembly
/// (<see cref="InheritedAggregate"/>) that leaves out commands of this compilation: its own, or a
/// referenced assembly's the lender never saw. Reported at the use rather than at a command, because
/// using this compilation's own registry, the fix, is what the warning is about: a compilation that
/// never calls the lent aggregate, or only for the lender's commands, has nothing to fix.
/// </summary>
internal sealed class InheritedAggregateUses
{
    private readonly IAssemblySymbol _lender;
    private readonly string _assemblyName;

    /// <summary>What the lent aggregate leaves out, worked out once: the assemblies, and their registries to use instead.</summary>
    private readonly System.Lazy<(string Assemblies, string Registries)> _leftOut;

    private InheritedAggregateUses(IAssemblySymbol lender, CommandNameIndex names, string assemblyName, string ownRegistry)
    {
        _lender = lender;
        _assemblyName = assemblyName;
        _leftOut = new(() => LeftOut(lender, names, assemblyName, ownRegistry));
    }

    /// <summary>Watches the compilation's names for the lent aggregate, when one is lent.</summary>
    public static void Register(CompilationStartAnalysisContext start, CommandNameIndex names, string assemblyName)
    {
        if (InheritedAggregate.Lender(start.Compilation) is { } lender)
        {
            var uses = new InheritedAggregateUses(lender, names, assemblyName, Names.RegistryName(start.Compilation.AssemblyName ?? "Assembly"));
            start.RegisterSyntaxNodeAction(uses.Analyze, SyntaxKind.IdentifierName);
        }
    }

    private void Analyze(SyntaxNodeAnalysisContext context)
    {
        var identifier = (IdentifierNameSyntax)context.Node;
        if (identifier.Identifier.ValueText != GeneratedNames.AggregateClass
            || context.SemanticModel.GetSymbolInfo(identifier, context.CancellationToken).Symbol is not INamedTypeSymbol type
            || !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _lender)
            || type.ToDisplayString() != GeneratedNames.AggregateMetadataName)
        {
            return;
        }

        var leftOut = _leftOut.Value;
        if (leftOut.Assemblies.Length > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.InheritedAggregateLeavesOut, identifier.GetLocation(), _lender.Identity.Name, _assemblyName, leftOut.Assemblies, leftOut.Registries));
        }
    }

    private static (string Assemblies, string Registries) LeftOut(IAssemblySymbol lender, CommandNameIndex names, string assemblyName, string ownRegistry)
    {
        var assemblies = new List<(string Assembly, string Registry)>();
        if (names.HasOwnCommands)
        {
            assemblies.Add((assemblyName, GeneratedNames.Namespace + "." + ownRegistry));
        }

        assemblies.AddRange(InheritedAggregate.LeftOut(lender, names.Referenced)
            .Select(r => (r.AssemblyName, r.TypeName.Replace("global::", string.Empty))));
        return (
            string.Join(", ", assemblies.Select(a => "'" + a.Assembly + "'")),
            string.Join(", ", assemblies.Select(a => "new " + a.Registry + "()")));
    }
}
