using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.Diagnostics;

/// <summary>
/// The type declarations of a compilation whose members may carry <c>[Command]</c>, found from
/// syntax alone: an attribute whose name is <c>Command</c>, <c>CommandAttribute</c> or an alias of
/// either (qualified or not). Only these types' methods need their attributes bound, instead of
/// every method of the compilation (generator-practices §7). Method bodies are never entered:
/// local functions and lambdas are not members, so never commands the registry could count.
/// </summary>
internal static class CommandSyntaxCandidates
{
    private const string AttributeSuffix = "Attribute";

    /// <summary>Every type declaration in <paramref name="trees"/> with a member (or accessor, or itself) attributed by a possible <c>[Command]</c>.</summary>
    public static List<TypeDeclarationSyntax> Find(IEnumerable<SyntaxTree> trees, CancellationToken cancellationToken)
    {
        var roots = new List<CompilationUnitSyntax>();
        foreach (var tree in trees)
        {
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax root)
            {
                roots.Add(root);
            }
        }

        var names = AttributeNames(roots);
        var found = new List<TypeDeclarationSyntax>();
        foreach (var root in roots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Visit(root.Members, names, found);
        }

        return found;
    }

    /// <summary>
    /// The names an attribute can be written with: the attribute's own two, and every alias of
    /// one of them, in any file (a global alias reaches every file); an alias of an alias too.
    /// </summary>
    private static HashSet<string> AttributeNames(List<CompilationUnitSyntax> roots)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal) { "Command", "Command" + AttributeSuffix };
        var aliases = new List<UsingDirectiveSyntax>();
        foreach (var root in roots)
        {
            CollectAliases(root.Usings, root.Members, aliases);
        }

        for (var added = true; added;)
        {
            added = false;
            foreach (var alias in aliases)
            {
                if (alias.NamespaceOrType is NameSyntax target && Names(target, names) && names.Add(alias.Alias!.Name.Identifier.ValueText))
                {
                    added = true;
                }
            }
        }

        return names;
    }

    private static void CollectAliases(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<MemberDeclarationSyntax> members, List<UsingDirectiveSyntax> aliases)
    {
        foreach (var directive in usings)
        {
            if (directive.Alias is not null && directive.NamespaceOrType is not null)
            {
                aliases.Add(directive);
            }
        }

        foreach (var member in members)
        {
            if (member is BaseNamespaceDeclarationSyntax ns)
            {
                CollectAliases(ns.Usings, ns.Members, aliases);
            }
        }
    }

    private static void Visit(SyntaxList<MemberDeclarationSyntax> members, HashSet<string> names, List<TypeDeclarationSyntax> found)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    Visit(ns.Members, names, found);
                    break;
                case TypeDeclarationSyntax type:
                    if (HasCandidate(type, names))
                    {
                        found.Add(type);
                    }

                    Visit(type.Members, names, found);
                    break;
            }
        }
    }

    /// <summary>Whether the type itself (a primary constructor's <c>[method: …]</c>) or one of its non-type members or accessors names the attribute.</summary>
    private static bool HasCandidate(TypeDeclarationSyntax type, HashSet<string> names)
    {
        if (Names(type.AttributeLists, names))
        {
            return true;
        }

        foreach (var member in type.Members)
        {
            if (member is BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
            {
                continue;
            }

            if (Names(member.AttributeLists, names))
            {
                return true;
            }

            if (member is BasePropertyDeclarationSyntax { AccessorList: { } accessors })
            {
                foreach (var accessor in accessors.Accessors)
                {
                    if (Names(accessor.AttributeLists, names))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool Names(SyntaxList<AttributeListSyntax> lists, HashSet<string> names)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (Names(attribute.Name, names))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="name"/>'s last part is one of <paramref name="names"/>, written with or without the <c>Attribute</c> suffix.</summary>
    private static bool Names(NameSyntax name, HashSet<string> names)
    {
        var last = name switch
        {
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax aliased => aliased.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        if (last is null)
        {
            return false;
        }

        var text = last.Identifier.ValueText;
        return names.Contains(text) || names.Contains(text + AttributeSuffix);
    }
}
