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
    private readonly GeneratorOutputTrees _generatorOutput;
    private readonly string _registryName;
    private Dictionary<string, List<CommandUse>>? _allUses;
    private Dictionary<string, List<CommandUse>>? _ownUses;
    private IReadOnlyList<ReferencedRegistry>? _referenced;

    public CommandNameIndex(Compilation compilation, INamedTypeSymbol attributeType, GeneratorOutputTrees generatorOutput)
    {
        _compilation = compilation;
        _attributeType = attributeType;
        _generatorOutput = generatorOutput;
        _registryName = Names.RegistryName(compilation.AssemblyName ?? "Assembly");
    }

    /// <summary>
    /// The full name of the other source generator whose output declares <paramref name="attribute"/>'s
    /// command, which the command generator therefore never saw nor registered (GA0031); null for a
    /// command it saw. With its own output in the compilation, a file under its base directory in
    /// another generator's directories holds an unseen command unless the name is served from it: the
    /// generator wrote the name's file and the name has no other use (a post-initialization file, which
    /// every generator sees); a name used again is served only if the generator saw one use alone, so
    /// the uses in other generators' output were unseen when another use lies outside it. Without its
    /// own output the path is judged loosely, so only a command with nothing else wrong
    /// (<paramref name="otherwiseValid"/>) whose name has no other use, which the generator would have
    /// served had it seen it, is taken for unseen.
    /// </summary>
    public string? UnseenBy(AttributeData attribute, string? name, bool otherwiseValid)
    {
        if (name is null
            || attribute.ApplicationSyntaxReference is not { } reference
            || _generatorOutput.OtherGenerator(reference.SyntaxTree) is not { } generator)
        {
            return null;
        }

        var uses = AllUses(name);
        if (!_generatorOutput.BaseKnown)
        {
            return otherwiseValid && uses.Count <= 1 ? generator : null;
        }

        var served = _generatorOutput.Serves(_registryName, name);
        return uses.Count <= 1
            ? served ? null : generator
            : served && uses.Any(u => u.Attribute.ApplicationSyntaxReference is { } other && _generatorOutput.OtherGenerator(other.SyntaxTree) is null) ? generator : null;
    }

    /// <summary>How many <c>[Command]</c> attributes of this compilation's source use <paramref name="name"/>.</summary>
    public int OwnCount(string name) => OwnUses(name).Count;

    /// <summary>
    /// The <c>[Command]</c> attributes of this compilation's source that use <paramref name="name"/>, and
    /// the command generator sees: not those in another generator's output (<see cref="UnseenBy"/>), which
    /// clash with nothing, since they are never registered.
    /// </summary>
    public IReadOnlyList<CommandUse> OwnUses(string name) =>
        LazyInitializer.EnsureInitialized(ref _ownUses, FindSeenUses)!.TryGetValue(name, out var uses) ? uses : [];

    /// <summary>Every <c>[Command]</c> attribute of the compilation that uses <paramref name="name"/>, another generator's output included.</summary>
    private IReadOnlyList<CommandUse> AllUses(string name) =>
        LazyInitializer.EnsureInitialized(ref _allUses, FindAllUses)!.TryGetValue(name, out var uses) ? uses : [];

    private Dictionary<string, List<CommandUse>> FindSeenUses()
    {
        var seen = new Dictionary<string, List<CommandUse>>(System.StringComparer.Ordinal);
        foreach (var pair in LazyInitializer.EnsureInitialized(ref _allUses, FindAllUses)!)
        {
            var uses = pair.Value.Where(u => UnseenBy(u.Attribute, pair.Key, otherwiseValid: false) is null).ToList();
            if (uses.Count > 0)
            {
                seen[pair.Key] = uses;
            }
        }

        return seen;
    }

    /// <summary>Whether this compilation's source has a <c>[Command]</c> with a valid name (so a registry of its own).</summary>
    public bool HasOwnCommands => LazyInitializer.EnsureInitialized(ref _ownUses, FindSeenUses)!.Count > 0;

    /// <summary>
    /// Whether <paramref name="attribute"/> is this compilation's first <c>[Command]</c> with a valid
    /// name, by file path and then position: where a project-wide problem is reported, once.
    /// </summary>
    public bool IsFirstOwnUse(AttributeData attribute)
    {
        var first = LazyInitializer.EnsureInitialized(ref _ownUses, FindSeenUses)!.Values
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
    private Dictionary<string, List<CommandUse>> FindAllUses()
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
