using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// What the JSON context reads inside a complex type, for the <see cref="ContractWalk"/> that finds
/// the raw JSON it holds (<see cref="HeldJson"/>), and for the schema: the members it reads, the
/// types a <c>[JsonDerivedType]</c> names, a <c>Memory&lt;T&gt;</c>'s items, and whether a type is a node.
/// </summary>
internal static class HeldJsonTypes
{
    /// <summary>The types a <c>[JsonDerivedType]</c> on <paramref name="type"/> names (see <see cref="TypeDiscriminators.Derived"/>).</summary>
    public static IEnumerable<ITypeSymbol> DerivedTypes(INamedTypeSymbol type) => TypeDiscriminators.Derived(type).Select(derived => derived.Type);

    /// <summary>
    /// The members of <paramref name="type"/> the context reads itself (not through a converter of
    /// their own), inherited ones included, a hidden one once (the most derived), with the type each is read as.
    /// </summary>
    public static IEnumerable<(ISymbol Member, ITypeSymbol Type)> ReadMembers(INamedTypeSymbol type, KnownTypes known)
    {
        var boundByConstructor = RequiredJsonMembers.BoundByConstructor(type);
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (JsonIgnoreConditions.NotRead(member, type, known, boundByConstructor)
                    || SerializedMembers.TypeOf(member, type, known, JsonDirection.Read, boundByConstructor) is not { } memberType
                    || !seen.Add(member.Name) || SchemaBuilder.AlwaysIgnored(member, known) || UnreadableReasons.HasConverter(member, known)
                    || NeverFilledExtensionData(member, known))
                {
                    continue;
                }

                yield return (member, memberType);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="member"/> is <c>[JsonExtensionData]</c> ignored when reading: unlike another
    /// member so ignored, the context never fills it even when it is populated in place (probed against
    /// .NET 10's source-generated context; GA0024), so the members it would hold are dropped unread,
    /// and the binder has nothing there to check.
    /// </summary>
    private static bool NeverFilledExtensionData(ISymbol member, KnownTypes known) =>
        JsonIgnoreConditions.Own(member, known) == IgnoreCondition.WhenReading && ExtensionDataFaults.IsExtensionData(member);

    /// <summary>The item of a <c>Memory&lt;T&gt;</c> or <c>ReadOnlyMemory&lt;T&gt;</c>, which the context reads as an array (not an enumerable).</summary>
    public static ITypeSymbol? MemoryItem(INamedTypeSymbol type) =>
        type.OriginalDefinition.ToDisplayString() is "System.Memory<T>" or "System.ReadOnlyMemory<T>" ? type.TypeArguments[0] : null;

    public static bool IsNode(ITypeSymbol type, KnownTypes known)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (known.Is(current, known.JsonNode))
            {
                return true;
            }
        }

        return false;
    }
}
