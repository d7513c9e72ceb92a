using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The diagnostic ids of <c>[Experimental("ID")]</c> and <c>[Obsolete("…", DiagnosticId = "ID")]</c>
/// on what generated code names: the command method, its containing types, its parameter and
/// result types, and an instance class's constructor and its parameter types. Using an
/// experimental API is an error unless that id is suppressed; an obsolete one with its own id is
/// reported under that id instead of CS0612/CS0618 (which every generated file suppresses), so a
/// project with warnings as errors fails on it. The user's own code decides for itself, and the
/// generated file that serves the command suppresses exactly those ids.
/// </summary>
internal static class ExperimentalIds
{
    private const string Attribute = "System.Diagnostics.CodeAnalysis.ExperimentalAttribute";

    private const string Obsolete = "System.ObsoleteAttribute";

    public static IEnumerable<string> OfCommand(IMethodSymbol method)
    {
        var ids = new SortedSet<string>(System.StringComparer.Ordinal);
        Add(ids, method);
        foreach (var parameter in method.Parameters)
        {
            AddType(ids, parameter.Type);
        }

        AddType(ids, method.ReturnType);
        return ids;
    }

    /// <summary>The constructor's ids, with those of the types its <c>[FromKeyedServices]</c> keys name (an enum value, a <c>typeof</c>).</summary>
    public static IEnumerable<string> OfConstructor(IMethodSymbol constructor, IEnumerable<ITypeSymbol> keyTypes)
    {
        var ids = new SortedSet<string>(System.StringComparer.Ordinal);
        Add(ids, constructor);
        foreach (var parameter in constructor.Parameters)
        {
            AddType(ids, parameter.Type);
        }

        foreach (var keyType in keyTypes)
        {
            AddType(ids, keyType);
        }

        return ids;
    }

    /// <summary>The symbol and the types that contain it.</summary>
    private static void Add(SortedSet<string> ids, ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            AddOwn(ids, current);
        }
    }

    private static void AddType(SortedSet<string> ids, ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                AddType(ids, array.ElementType);
                break;
            case INamedTypeSymbol named:
                Add(ids, named);
                // [assembly: Experimental] (or on the module) makes every type of a referenced
                // assembly experimental where it is used.
                AddOwn(ids, named.ContainingAssembly);
                AddOwn(ids, named.ContainingModule);
                foreach (var argument in named.TypeArguments)
                {
                    AddType(ids, argument);
                }

                break;
        }
    }

    private static void AddOwn(SortedSet<string> ids, ISymbol? symbol)
    {
        if (symbol is null)
        {
            return;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (IdOf(attribute) is { } id
                && id.Length > 0
                && id.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                ids.Add(id);
            }
        }
    }

    /// <summary>The id an <c>[Experimental]</c> or <c>[Obsolete]</c> attribute reports its use under, when it names one.</summary>
    private static string? IdOf(AttributeData attribute)
    {
        if (Names.IsNamed(attribute.AttributeClass, Attribute))
        {
            return attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        }

        if (!Names.IsNamed(attribute.AttributeClass, Obsolete))
        {
            return null;
        }

        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "DiagnosticId")
            {
                return named.Value.Value as string;
            }
        }

        return null;
    }
}
