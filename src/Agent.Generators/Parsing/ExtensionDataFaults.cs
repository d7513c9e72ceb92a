using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Finds, in a type a command takes, a <c>[JsonExtensionData]</c> property without a setter the
/// JSON context can call nor <c>[JsonInclude]</c> (GA0024; analyzer only). System.Text.Json leaves
/// such a property as it is (<c>{ get; } = new();</c>), even one marked Populate (checked against
/// .NET 10's source-generated and reflection contexts), so every member of a request that no
/// property names is dropped without an error. Under <c>[JsonInclude]</c> it adds to the dictionary
/// the getter gives, as it does for a readonly field, so those are not reported. Looks where <see cref="HeldJsonTypes"/>
/// looks: the members the context reads, items, dictionary values, arrays and derived types.
/// </summary>
internal static class ExtensionDataFaults
{
    /// <summary>The first such property (<c>Type.Member</c>) inside <paramref name="type"/>, or null.</summary>
    public static string? NeverFilled(ITypeSymbol type, KnownTypes known) =>
        Visit(type, known, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private static string? Visit(ITypeSymbol type, KnownTypes known, HashSet<ITypeSymbol> visited)
    {
        type = TypeClassifier.UnwrapNullable(type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (!visited.Add(type))
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return Visit(array.ElementType, known, visited);
        }

        if (type is not INamedTypeSymbol named || UnreadableReasons.HasConverter(named, known)
            || TypeClassifier.PrimitiveOf(named, known) != PrimitiveKind.None || named.TypeKind == TypeKind.Enum
            || WellKnownSchemas.For(named) is not null || HeldJsonTypes.IsNode(named, known))
        {
            return null;
        }

        if ((SchemaBuilder.DictionaryValue(named) ?? SchemaBuilder.EnumerableItem(named) ?? HeldJsonTypes.MemoryItem(named)) is { } item)
        {
            return Visit(item, known, visited);
        }

        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (!property.IsStatic && property.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ExtensionData)
                    && !SerializedMembers.SetterReachable(property, known) && !SerializedMembers.Included(property, known))
                {
                    return named.ToDisplayString(Names.Short) + "." + property.Name;
                }
            }
        }

        return HeldJsonTypes.DerivedTypes(named).Select(derived => Visit(derived, known, visited)).FirstOrDefault(found => found is not null)
            ?? HeldJsonTypes.ReadMembers(named, known).Select(member => Visit(member.Type, known, visited)).FirstOrDefault(found => found is not null);
    }

    private const string ExtensionData = "System.Text.Json.Serialization.JsonExtensionDataAttribute";
}
