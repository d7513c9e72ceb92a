using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GuestAgent.Generators.Model;
using GuestAgent.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

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
    private Dictionary<string, List<CommandUse>>? _ownUses;
    private IReadOnlyList<ReferencedRegistry>? _referenced;

    public CommandNameIndex(Compilation compilation, INamedTypeSymbol attributeType)
    {
        _compilation = compilation;
        _attributeType = attributeType;
    }

    /// <summary>How many <c>[Command]</c> attributes of this compilation's source use <paramref name="name"/>.</summary>
    public int OwnCount(string name) => OwnUses(name).Count;

    /// <summary>The <c>[Command]</c> attributes of this compilation's source that use <paramref name="name"/>.</summary>
    public IReadOnlyList<CommandUse> OwnUses(string name) =>
        LazyInitializer.EnsureInitialized(ref _ownUses, FindOwnUses)!.TryGetValue(name, out var uses) ? uses : [];

    /// <summary>Whether this compilation's source has a <c>[Command]</c> with a valid name (so a registry of its own).</summary>
    public bool HasOwnCommands => LazyInitializer.EnsureInitialized(ref _ownUses, FindOwnUses)!.Count > 0;

    /// <summary>
    /// Whether <paramref name="attribute"/> is this compilation's first <c>[Command]</c> with a valid
    /// name, by file path and then position: where a project-wide problem is reported, once.
    /// </summary>
    public bool IsFirstOwnUse(AttributeData attribute)
    {
        var first = LazyInitializer.EnsureInitialized(ref _ownUses, FindOwnUses)!.Values
            .SelectMany(u => u)
            .OrderBy(u => u.Attribute.ApplicationSyntaxReference?.SyntaxTree.FilePath, System.StringComparer.Ordinal)
            .ThenBy(u => u.Attribute.ApplicationSyntaxReference?.Span.Start)
            .FirstOrDefault();
        return first is not null && first.Is(attribute);
    }

    /// <summary>The referenced command assemblies, ordered by assembly name.</summary>
    public IReadOnlyList<ReferencedRegistry> Referenced =>
        LazyInitializer.EnsureInitialized(ref _referenced, () => _compilation.SourceModule.ReferencedAssemblySymbols
            .Select(AssemblySettingsReader.ReadRegistry)
            .Where(r => r is not null)
            .Select(r => r!)
            .OrderBy(r => r.AssemblyName, System.StringComparer.Ordinal)
            .ToList())!;

    /// <summary>
    /// Binds the attributes of the methods of only those types whose declaration may hold a
    /// <c>[Command]</c> (<see cref="CommandSyntaxCandidates"/>): binding every method's attributes
    /// of a large compilation, on every keystroke in an editor, is what generator-practices §7
    /// warns against. The symbol walk itself asks only for type members, which costs little.
    /// </summary>
    private Dictionary<string, List<CommandUse>> FindOwnUses()
    {
        var uses = new Dictionary<string, List<CommandUse>>(System.StringComparer.Ordinal);
        var candidates = new HashSet<(SyntaxTree, TextSpan)>();
        foreach (var declaration in CommandSyntaxCandidates.Find(_compilation.SyntaxTrees, CancellationToken.None))
        {
            candidates.Add((declaration.SyntaxTree, declaration.Span));
        }

        if (candidates.Count == 0)
        {
            return uses;
        }

        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(_compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            var container = pending.Pop();
            if (container is INamespaceSymbol ns)
            {
                foreach (var nested in ns.GetNamespaceMembers())
                {
                    pending.Push(nested);
                }
            }
            else if (IsCandidate((INamedTypeSymbol)container, candidates))
            {
                foreach (var member in container.GetMembers())
                {
                    if (member is IMethodSymbol method)
                    {
                        AddUses(method, uses);
                    }
                }
            }

            foreach (var type in container.GetTypeMembers())
            {
                pending.Push(type);
            }
        }

        return uses;
    }

    private static bool IsCandidate(INamedTypeSymbol type, HashSet<(SyntaxTree, TextSpan)> candidates)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (candidates.Contains((reference.SyntaxTree, reference.Span)))
            {
                return true;
            }
        }

        return false;
    }

    private void AddUses(IMethodSymbol method, Dictionary<string, List<CommandUse>> uses)
    {
        // The compiler's implementation of an extension-block member carries the member's
        // attributes too: one [Command] in the source, counted once.
        if (method.IsImplicitlyDeclared)
        {
            return;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _attributeType)
                && CommandInspector.CommandName(attribute) is { } name
                && Names.IsValidCommandName(name))
            {
                if (!uses.TryGetValue(name, out var list))
                {
                    uses[name] = list = [];
                }

                list.Add(new CommandUse(method, attribute));
            }
        }
    }
}

/// <summary>One <c>[Command]</c> attribute of the compilation's source: the method and the attribute naming it.</summary>
internal sealed record CommandUse(IMethodSymbol Method, AttributeData Attribute)
{
    /// <summary>Whether this is the attribute application <paramref name="other"/> (the same syntax).</summary>
    public bool Is(AttributeData other) =>
        Attribute.ApplicationSyntaxReference is { } mine && other.ApplicationSyntaxReference is { } theirs
            ? mine.SyntaxTree == theirs.SyntaxTree && mine.Span == theirs.Span
            : ReferenceEquals(Attribute, other);
}
