using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GuestAgent.Generators.Model;
using GuestAgent.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Diagnostics;

/// <summary>
/// The command names one compilation declares in its own source, and those its referenced command
/// assemblies serve. Built once per compilation, on first use, so that each <c>[Command]</c> method
/// can be told of a clash when it is analysed, which is what editors show as you type, instead of
/// only at compilation end, which they show only after a build or with full-solution analysis.
/// </summary>
internal sealed class CommandNameIndex
{
    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol _attributeType;
    private Dictionary<string, int>? _ownCounts;
    private IReadOnlyList<ReferencedRegistry>? _referenced;

    public CommandNameIndex(Compilation compilation, INamedTypeSymbol attributeType)
    {
        _compilation = compilation;
        _attributeType = attributeType;
    }

    /// <summary>How many <c>[Command]</c> attributes of this compilation's source use <paramref name="name"/>.</summary>
    public int OwnCount(string name) =>
        LazyInitializer.EnsureInitialized(ref _ownCounts, CountOwnNames)!.TryGetValue(name, out var count) ? count : 0;

    /// <summary>The referenced command assemblies, ordered by assembly name.</summary>
    public IReadOnlyList<ReferencedRegistry> Referenced =>
        LazyInitializer.EnsureInitialized(ref _referenced, () => _compilation.SourceModule.ReferencedAssemblySymbols
            .Select(AssemblySettingsReader.ReadRegistry)
            .Where(r => r is not null)
            .Select(r => r!)
            .OrderBy(r => r.AssemblyName, System.StringComparer.Ordinal)
            .ToList())!;

    private Dictionary<string, int> CountOwnNames()
    {
        var counts = new Dictionary<string, int>(System.StringComparer.Ordinal);
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(_compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            var container = pending.Pop();
            foreach (var member in container.GetMembers())
            {
                switch (member)
                {
                    case INamespaceOrTypeSymbol nested:
                        pending.Push(nested);
                        break;
                    case IMethodSymbol method:
                        CountNames(method, counts);
                        break;
                }
            }
        }

        return counts;
    }

    private void CountNames(IMethodSymbol method, Dictionary<string, int> counts)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _attributeType)
                && CommandInspector.CommandName(attribute) is { } name
                && Names.IsValidCommandName(name))
            {
                counts[name] = counts.TryGetValue(name, out var count) ? count + 1 : 1;
            }
        }
    }
}
