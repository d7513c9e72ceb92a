using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Which properties of a complex type System.Text.Json refuses to do without, for the schema's
/// <c>required</c>: C# <c>required</c> members, <c>[JsonRequired]</c> ones, and, when the context
/// sets <c>RespectRequiredConstructorParameters</c>, those bound to a parameter without a default
/// of the constructor it deserializes with.
/// </summary>
internal static class RequiredJsonMembers
{
    private const string JsonRequiredAttribute = "System.Text.Json.Serialization.JsonRequiredAttribute";

    private const string JsonConstructorAttribute = "System.Text.Json.Serialization.JsonConstructorAttribute";

    /// <summary>System.Text.Json matches a constructor parameter to its member ignoring case.</summary>
    private static readonly StringComparer ParameterNames = StringComparer.OrdinalIgnoreCase;

    /// <summary>The CLR names of the parameters that must be present, compared ignoring case as System.Text.Json matches them.</summary>
    public static HashSet<string> ConstructorParameters(INamedTypeSymbol type, KnownTypes known)
    {
        var names = new HashSet<string>(ParameterNames);
        if (known.RequiredConstructorParameters && DeserializationConstructor(type) is { } constructor)
        {
            foreach (var parameter in constructor.Parameters.Where(p => !p.HasExplicitDefaultValue))
            {
                names.Add(parameter.Name);
            }
        }

        return names;
    }

    /// <summary>
    /// The CLR names of every parameter of the constructor System.Text.Json deserializes with,
    /// compared ignoring case: the members they bind are read even without a setter.
    /// </summary>
    public static HashSet<string> BoundByConstructor(INamedTypeSymbol type)
    {
        var names = new HashSet<string>(ParameterNames);
        if (DeserializationConstructor(type) is { } constructor)
        {
            names.UnionWith(constructor.Parameters.Select(p => p.Name));
        }

        return names;
    }

    /// <summary>
    /// Whether <paramref name="member"/> (a property or a field) of <paramref name="owner"/> must be
    /// present on its own account: <c>[JsonRequired]</c>, or a C# <c>required</c> member unless the
    /// constructor the context creates <paramref name="owner"/> with is <c>[SetsRequiredMembers]</c>
    /// (<see cref="RequiredMembersSet"/>).
    /// </summary>
    public static bool IsRequired(ISymbol member, INamedTypeSymbol owner) =>
        MarkedJsonRequired(member) || (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true } && !RequiredMembersSet(owner));

    /// <summary>
    /// Whether the constructor the context creates <paramref name="type"/> with (<see cref="CreatingConstructor"/>)
    /// is <c>[SetsRequiredMembers]</c>: the context then counts no C# <c>required</c> member required,
    /// even in a value it populates in place rather than creates (what .NET 10 does).
    /// </summary>
    public static bool RequiredMembersSet(INamedTypeSymbol type) =>
        CreatingConstructor(type) is { } constructor && RequiredMembers.SetsRequiredMembers(constructor);

    /// <summary>
    /// The constructor the context creates <paramref name="type"/> with, a parameterless one included:
    /// as <see cref="DeserializationConstructor"/>, but a class's public parameterless constructor when it
    /// has one. A struct is created with its default value unless a <c>[JsonConstructor]</c> it can call
    /// says otherwise: its own parameterless constructor is not that one (checked: its
    /// <c>[SetsRequiredMembers]</c> counts for nothing).
    /// </summary>
    public static IMethodSymbol? CreatingConstructor(INamedTypeSymbol type) =>
        DeserializationConstructor(type)
        ?? (type.IsValueType || type.IsAbstract ? null : PublicConstructors(type).FirstOrDefault(c => c.Parameters.Length == 0));

    /// <summary>Whether <paramref name="member"/> carries <c>[JsonRequired]</c>.</summary>
    public static bool MarkedJsonRequired(ISymbol member) =>
        member.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, JsonRequiredAttribute));

    /// <summary>
    /// The constructor System.Text.Json uses: none for an abstract type (never created: the derived
    /// type its discriminator names is), the one marked <c>[JsonConstructor]</c> (but a struct's
    /// private or protected one, which is ignored), else none
    /// when a public parameterless one exists (properties are set instead), else the only public one.
    /// </summary>
    public static IMethodSymbol? DeserializationConstructor(INamedTypeSymbol type)
    {
        if (type.IsAbstract)
        {
            // Its parameters bind nothing and are required of nothing, as the real context reads and writes such a type.
            return null;
        }

        if (MarkedConstructor(type) is { } marked)
        {
            // A struct's [JsonConstructor] the generated code cannot call is ignored: the struct is created with its default constructor.
            return ContractFaults.IgnoredConstructor(type, marked) ? null : marked;
        }

        if (type.IsValueType)
        {
            return null;
        }

        var visible = PublicConstructors(type);
        return visible.Any(c => c.Parameters.Length == 0) || visible.Count != 1 ? null : visible[0];
    }

    private static List<IMethodSymbol> PublicConstructors(INamedTypeSymbol type) =>
        [.. type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public)];

    /// <summary>The instance constructor marked <c>[JsonConstructor]</c>, whether or not System.Text.Json can call it, or null.</summary>
    public static IMethodSymbol? MarkedConstructor(INamedTypeSymbol type) =>
        type.InstanceConstructors.FirstOrDefault(c => c.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, JsonConstructorAttribute)));
}
