using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// A polymorphic type's <c>[JsonDerivedType]</c>s that .NET 10 refuses as it prepares the type, throwing
/// <c>InvalidOperationException</c> for every read and write of it (probed with the source-generated
/// context; System.Text.Json's generator says nothing): a derived type named twice ("… has already
/// specified derived type …"), one that does not derive from the type ("… is not a supported derived
/// type …"), a discriminator given twice ("… has already specified a type discriminator …"), and, once
/// a discriminator is given, a member of the type or of a derived type going by the discriminator's
/// name in JSON (<c>$type</c>, or <c>[JsonPolymorphic(TypeDiscriminatorPropertyName = …)]</c>'s:
/// "… contains property … that conflicts with an existing metadata property name"), an open generic
/// derived type, and an abstract class or interface among them unless <c>UnknownDerivedTypeHandling</c> is
/// <c>FallBackToNearestAncestor</c> ("… cannot be abstract classes or interfaces unless …"). Not judged:
/// an unresolved derived type.
/// </summary>
internal static class PolymorphismFaults
{
    /// <summary>Why the context fails on <paramref name="type"/>'s derived types, with the fix, or null.</summary>
    public static string? Why(INamedTypeSymbol type, KnownTypes known)
    {
        var derived = type.GetAttributes()
            .Where(a => Names.IsNamed(a.AttributeClass, ContractFaults.JsonDerivedTypeAttribute) && a.ConstructorArguments.Length > 0
                && a.ConstructorArguments[0].Value is INamedTypeSymbol { TypeKind: not TypeKind.Error })
            .ToList();
        if (derived.Count == 0)
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        var fails = $"so the context throws InvalidOperationException whenever it reads or writes a '{name}'";
        var abstractAllowed = TypeDiscriminators.UnknownDerivedTypeHandling(type) == TypeDiscriminators.FallBackToNearestAncestor;
        var types = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var discriminators = new HashSet<object>();
        foreach (var attribute in derived)
        {
            var derivedType = (INamedTypeSymbol)attribute.ConstructorArguments[0].Value!;
            var derivedName = derivedType.ToDisplayString(Names.InMessage);
            if (!types.Add(derivedType))
            {
                return $"'{name}' names '{derivedName}' in two [JsonDerivedType]s, {fails}; name each derived type once";
            }

            if (derivedType.IsUnboundGenericType)
            {
                return $"'{name}' names the open generic type '{derivedName}' in a [JsonDerivedType], {fails}; name a constructed type ('{Constructed(derivedType, known).ToDisplayString(Names.InMessage)}'), one [JsonDerivedType] for each";
            }

            if (!DerivesFrom(derivedType, type))
            {
                return $"'{name}' names '{derivedName}' in a [JsonDerivedType], but '{derivedName}' does not derive from it, {fails}; name only types derived from '{name}'";
            }

            if (!abstractAllowed && (derivedType.TypeKind == TypeKind.Interface || derivedType.IsAbstract))
            {
                var kind = derivedType.TypeKind == TypeKind.Interface ? "an interface" : "an abstract class";
                return $"'{name}' names '{derivedName}', {kind}, in a [JsonDerivedType], {fails}; name only types the context can create, "
                    + "or let values of the types below it be written as it ([JsonPolymorphic(UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)])";
            }

            if (attribute.ConstructorArguments.Length == 2 && attribute.ConstructorArguments[1].Value is { } discriminator && !discriminators.Add(discriminator))
            {
                var shown = discriminator is string text ? $"'{text}'" : Convert.ToString(discriminator, CultureInfo.InvariantCulture);
                return $"'{name}' gives two [JsonDerivedType]s the type discriminator {shown}, {fails}; give each derived type its own";
            }
        }

        return discriminators.Count == 0 ? null : MemberNamedLikeDiscriminator(type, types.OfType<INamedTypeSymbol>(), known, fails);
    }

    private static string? MemberNamedLikeDiscriminator(INamedTypeSymbol type, IEnumerable<INamedTypeSymbol> derived, KnownTypes known, string fails)
    {
        var property = TypeDiscriminators.PropertyName(type);
        foreach (var owner in new[] { type }.Concat(derived))
        {
            foreach (var member in UnreadableReasons.ContractMembers(owner, known))
            {
                if (!SchemaBuilder.AlwaysIgnored(member, known) && !ExtensionDataFaults.IsExtensionData(member) && SchemaBuilder.JsonName(member, known) == property)
                {
                    return $"'{owner.ToDisplayString(Names.InMessage)}.{member.Name}' goes by the name '{property}' in JSON, which '{type.ToDisplayString(Names.InMessage)}' gives its type discriminator, {fails}; "
                        + "give the member another name with [JsonPropertyName], mark it [JsonIgnore], or name the discriminator otherwise ([JsonPolymorphic(TypeDiscriminatorPropertyName = …)])";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// An example of the constructed type to name instead of an open generic one: every level, its
    /// containers too (<c>Outer&lt;&gt;.Plain</c> is open through its container), given <c>int</c>s.
    /// </summary>
    private static INamedTypeSymbol Constructed(INamedTypeSymbol open, KnownTypes known)
    {
        var argument = known.Compilation.GetSpecialType(SpecialType.System_Int32);
        var definition = open.OriginalDefinition;
        var container = definition.ContainingType is { } outer ? Constructed(outer, known) : null;
        var level = container?.GetTypeMembers(definition.Name, definition.Arity).FirstOrDefault() ?? definition;
        return level.Arity == 0 ? level : level.Construct(Enumerable.Repeat<ITypeSymbol>(argument, level.Arity).ToArray());
    }

    private static bool DerivesFrom(INamedTypeSymbol derived, INamedTypeSymbol type)
    {
        for (var current = derived; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, type))
            {
                return true;
            }
        }

        return derived.AllInterfaces.Contains(type, SymbolEqualityComparer.Default);
    }
}
