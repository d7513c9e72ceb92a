using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// GA0026: a property with a setter the JSON context calls but no getter it calls, whose type
/// System.Text.Json reads as a collection (its converter's strategy is Enumerable or Dictionary: an
/// array, a list, a set, a dictionary, <c>ArrayList</c>, <c>ImmutableArray&lt;T&gt;</c>,
/// <c>Memory&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, and a <c>Nullable&lt;T&gt;</c> of one). .NET 10's
/// <c>JsonPropertyInfo</c> turns deserialization off for such a property ("properties of collection
/// types that only have setters are not supported") when its getter delegate is null, so the context
/// skips the member without an error and the property is never set, whatever its type or the
/// options prefer (populating needs a getter). Not so (probed against .NET 10's
/// source-generated context): under <c>[JsonInclude]</c> (the JSON generator then emits a getter
/// that throws, so the delegate is not null), with a <c>[JsonIgnore(Condition = ...)]</c> of its own
/// (the runtime applies no policy then), an <c>init</c> accessor (set as the object is created), a
/// member a constructor parameter binds (the parameter gets the value), a converter of its own on
/// the member or its type, and a value its converter reads as one value (a string, <c>byte[]</c>,
/// <c>Memory&lt;byte&gt;</c>, a node, <c>JsonElement</c>), and one whose type a converter among the options'
/// <c>Converters</c> may read (<see cref="OptionConverters"/>: a <c>JsonConverter&lt;T&gt;</c> of that type, or any
/// factory, whose types are not known here; such a converter reads the type as one value, and the context then
/// sets the property, probed). A required one makes the context throw
/// instead (<see cref="ContractFaults.RequiredSetOnlyCollection"/>), and so does one marked Populate
/// itself, both GA0020's, not this rule's. The member is no part of the request's schema either.
/// </summary>
internal static class SetOnlyCollections
{
    /// <summary>
    /// Whether the context never sets <paramref name="member"/> of <paramref name="owner"/> (which
    /// declares or inherits it): a set-only collection as above.
    /// </summary>
    /// <param name="member">A member of <paramref name="owner"/>.</param>
    /// <param name="owner">The type being read.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    /// <param name="boundByConstructor">The names (compared ignoring case) the deserialization constructor's parameters bind.</param>
    public static bool NeverSet(ISymbol member, INamedTypeSymbol owner, KnownTypes known, ISet<string> boundByConstructor) =>
        IsSetOnlyCollection(member, known, boundByConstructor) && !RequiredJsonMembers.IsRequired(member, owner);

    /// <summary>
    /// Whether the context turns deserialization of <paramref name="member"/> off, as above, whether or
    /// not the member is required (a required one then fails the type: <see cref="ContractFaults.RequiredSetOnlyCollection"/>).
    /// </summary>
    /// <param name="member">A member of the type being read.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    /// <param name="boundByConstructor">The names (compared ignoring case) the deserialization constructor's parameters bind.</param>
    public static bool IsSetOnlyCollection(ISymbol member, KnownTypes known, ISet<string> boundByConstructor) =>
        member is IPropertySymbol property
        && !property.IsStatic && !property.IsIndexer
        && property.SetMethod is { IsInitOnly: false }
        && SerializedMembers.SetterReachable(property, known)
        && !SerializedMembers.GetterReachable(property, known)
        && !SerializedMembers.Included(property, known)
        && JsonIgnoreConditions.Own(property, known) == IgnoreCondition.None
        && !boundByConstructor.Contains(property.Name)
        && !PopulatedInPlace.AskedByProperty(property, known)
        && !UnreadableReasons.HasConverter(property, known)
        && !known.OptionConverters.MayRead(property.Type)
        && ReadAsCollection(property.Type, known);

    /// <summary>The properties of <paramref name="type"/> itself, inherited ones included (not those a derived one hides), that the context never sets.</summary>
    public static IEnumerable<IPropertySymbol> In(INamedTypeSymbol type, KnownTypes known)
    {
        var boundByConstructor = RequiredJsonMembers.BoundByConstructor(type);
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsOverride: false } or IFieldSymbol { IsImplicitlyDeclared: false } && seen.Add(member.Name)
                    && NeverSet(member, type, known, boundByConstructor))
                {
                    yield return (IPropertySymbol)member;
                }
            }
        }
    }

    /// <summary>
    /// Whether System.Text.Json reads <paramref name="type"/> with a collection's converter (strategy
    /// Enumerable or Dictionary), which a property without a getter cannot take. A <c>Nullable&lt;T&gt;</c>
    /// takes its value's (probed: a set-only <c>ImmutableArray&lt;int&gt;?</c> is skipped too).
    /// </summary>
    public static bool ReadAsCollection(ITypeSymbol type, KnownTypes known)
    {
        type = TypeClassifier.UnwrapNullable(type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (type is IArrayTypeSymbol)
        {
            // byte[] is read as one base64 string.
            return WellKnownSchemas.For(type) is null;
        }

        // Enumerable, but one value to its converter: a converter of its own, a string, the well-known
        // types (Memory<byte>, the nodes: a JsonArray or JsonObject too). Other values enumerate nothing.
        if (type is not INamedTypeSymbol named || UnreadableReasons.HasConverter(named, known)
            || TypeClassifier.PrimitiveOf(named, known) != Model.PrimitiveKind.None
            || WellKnownSchemas.For(named) is not null)
        {
            return false;
        }

        return HeldJsonTypes.MemoryItem(named) is not null
            || known.Is(named, known.AsyncEnumerableOfT)
            || named.SpecialType == SpecialType.System_Collections_IEnumerable
            || named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable || known.Is(i, known.AsyncEnumerableOfT));
    }
}
