using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// A referenced command assembly that lends this compilation its internal <c>AgentCommands</c>
/// (<c>InternalsVisibleTo</c>: a library's test project, or a benchmark of its internals). The
/// generator then writes no aggregate here, since a second <c>GuestAgent.Generated.AgentCommands</c>
/// would clash with the visible one; so <c>AgentCommands.CreateRegistry()</c> here serves only what
/// the lender's aggregate was built over (GA0027 says when that leaves commands out).
/// </summary>
internal static class InheritedAggregate
{
    /// <summary>The first referenced command assembly whose aggregate this compilation sees, if any.</summary>
    public static IAssemblySymbol? Lender(Compilation compilation)
    {
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (AssemblySettingsReader.ReadRegistry(assembly) is not null
                && assembly.GivesAccessTo(compilation.Assembly)
                && assembly.GetTypeByMetadataName(GeneratedNames.AggregateMetadataName) is not null)
            {
                return assembly;
            }
        }

        return null;
    }

    /// <summary>
    /// The command assemblies among <paramref name="referenced"/> that the lender's aggregate does not
    /// reach: it was built over the lender's own registry and those the lender itself references.
    /// </summary>
    public static IEnumerable<ReferencedRegistry> LeftOut(IAssemblySymbol lender, IEnumerable<ReferencedRegistry> referenced)
    {
        var reached = new HashSet<string>(
            lender.Modules.SelectMany(m => m.ReferencedAssemblySymbols).Select(a => a.Identity.Name),
            System.StringComparer.Ordinal);
        reached.Add(lender.Identity.Name);
        return referenced.Where(r => !reached.Contains(r.AssemblyName));
    }
}
