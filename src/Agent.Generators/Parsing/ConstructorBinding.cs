using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Whether each parameter of the constructor the source-generated context reads a type with
/// binds to a member. What .NET 10 does: a parameter binds to a property or field of the type (or
/// a base) of the same name, ignoring case, and exactly the same type (<c>int?</c> is not
/// <c>int</c>) that the context knows: a public property (a setter alone will do), a public field
/// under <c>IncludeFields</c>, or a member marked <c>[JsonInclude]</c> (<c>[JsonIgnore]</c> changes
/// nothing: a public property it marks binds, an internal one does not). Otherwise the context throws <c>InvalidOperationException</c> ("Each
/// parameter in the deserialization constructor ... must bind") whenever it reads the type,
/// though it writes it happily.
/// </summary>
internal static class ConstructorBinding
{
    /// <summary>The deserialization constructor of <paramref name="type"/> and its first parameter that binds to no member, or null.</summary>
    public static (IMethodSymbol Constructor, IParameterSymbol Parameter)? Unbound(INamedTypeSymbol type, KnownTypes known)
    {
        if (RequiredJsonMembers.DeserializationConstructor(type) is not { } constructor)
        {
            return null;
        }

        var members = MembersByName(type);
        return constructor.Parameters.FirstOrDefault(p => !Bound(p, members, known).Any()) is { } unbound ? (constructor, unbound) : null;
    }

    /// <summary>
    /// The deserialization constructor of <paramref name="type"/>, its first parameter two members
    /// bind to (names that differ only in case, such as <c>Count</c> and <c>count</c>), and those two
    /// names, or null. What .NET 10 does: it throws <c>InvalidOperationException</c> ("Members ...
    /// cannot both bind with parameter ...") as it prepares the type, so every read and every
    /// write of it fails. Not of a class's private or protected <c>[JsonConstructor]</c>: the
    /// generated code knows nothing of its parameters (reading the type fails for want of a
    /// constructor instead, writing it works).
    /// </summary>
    public static (IMethodSymbol Constructor, IParameterSymbol Parameter, string First, string Second)? DoublyBound(INamedTypeSymbol type, KnownTypes known)
    {
        if (RequiredJsonMembers.DeserializationConstructor(type) is not { } constructor || !ContractFaults.Callable(constructor, known))
        {
            return null;
        }

        var members = MembersByName(type);
        foreach (var parameter in constructor.Parameters)
        {
            if (Bound(parameter, members, known).Distinct(StringComparer.Ordinal).Take(2).ToList() is [var first, var second])
            {
                return (constructor, parameter, first, second);
            }
        }

        return null;
    }

    /// <summary>The members of <paramref name="type"/> (or a base) that <paramref name="parameter"/> of its deserialization constructor binds to, a derived class's first.</summary>
    public static IEnumerable<ISymbol> BoundMembers(INamedTypeSymbol type, IParameterSymbol parameter, KnownTypes known) =>
        BoundSymbols(parameter, MembersByName(type), known);

    /// <summary>The names of the members <paramref name="parameter"/> binds to, a derived class's first.</summary>
    private static IEnumerable<string> Bound(IParameterSymbol parameter, Dictionary<string, List<ISymbol>> members, KnownTypes known) =>
        BoundSymbols(parameter, members, known).Select(member => member.Name);

    private static IEnumerable<ISymbol> BoundSymbols(IParameterSymbol parameter, Dictionary<string, List<ISymbol>> members, KnownTypes known) =>
        members.TryGetValue(parameter.Name, out var candidates)
            // The same runtime type: tuple element names, dynamic and nullable annotations do not count.
            ? candidates.Where(member => known.Compilation.ClassifyCommonConversion(parameter.Type, TypeOf(member)!).IsIdentity && Known(member, known))
            : [];

    /// <summary>
    /// The properties and fields of <paramref name="type"/> and its bases a parameter may bind to,
    /// by name ignoring case, a derived class's first (a hidden member has the same name): built
    /// once per constructor, as matching each parameter against every member was quadratic.
    /// </summary>
    private static Dictionary<string, List<ISymbol>> MembersByName(INamedTypeSymbol type)
    {
        var byName = new Dictionary<string, List<ISymbol>>(StringComparer.OrdinalIgnoreCase);

        // A member a more derived one hides ('new') is not in the context's contract: only the first of a name counts.
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            var declared = new List<string>();
            foreach (var member in current.GetMembers())
            {
                if (TypeOf(member) is null || hidden.Contains(member.Name))
                {
                    continue;
                }

                declared.Add(member.Name);
                if (!byName.TryGetValue(member.Name, out var named))
                {
                    byName[member.Name] = named = new List<ISymbol>();
                }

                named.Add(member);
            }

            hidden.UnionWith(declared);
        }

        return byName;
    }

    private static ITypeSymbol? TypeOf(ISymbol member) => member switch
    {
        IPropertySymbol { IsStatic: false, IsIndexer: false } property => property.Type,
        IFieldSymbol { IsStatic: false, IsConst: false, IsImplicitlyDeclared: false } field => field.Type,
        _ => null,
    };

    private static bool Known(ISymbol member, KnownTypes known) =>
        (member.DeclaredAccessibility == Accessibility.Public && (member is IPropertySymbol || known.IncludeFields))
        || member.GetAttributes().Any(a => known.Is(a.AttributeClass, known.JsonIncludeAttribute));
}
