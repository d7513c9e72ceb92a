using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>One public field that makes the fast-path serializer of <paramref name="Owner"/> throw (GA0029).</summary>
/// <param name="Owner">The type written, which declares or inherits the field.</param>
/// <param name="Field">The public field the context's contract leaves out.</param>
/// <param name="Other">The member (or field) going by the same name in JSON.</param>
/// <param name="Name">That name.</param>
internal readonly record struct FastPathFault(INamedTypeSymbol Owner, IFieldSymbol Field, ISymbol Other, string Name);

/// <summary>
/// The public fields that break the fast-path serializer of a type written inside a result (GA0029), as .NET 10
/// behaves (probed with its source-generated context). System.Text.Json's generator lays out a type's fast path
/// over every member it sees, public fields the contract leaves out (no <c>IncludeFields</c>, no
/// <c>[JsonInclude]</c>) among them; where two go by one name in JSON (a field <c>name</c> beside
/// <c>[JsonPropertyName("name")] Name</c>, or the naming policy or <c>PropertyNameCaseInsensitive</c> making two
/// names one) it emits a fast path that only throws <c>InvalidOperationException</c> ("Invalid
/// serializable-property configuration"), though the metadata, which leaves the field out, would write the type
/// fine. The context takes that fast path for every value of the type it writes, as the result, an item or a
/// member, inherited fields and structs too, unless it writes through the metadata: options that turn the fast
/// path off (<see cref="KnownTypes.WritesThroughFastPath"/>), or a type with none, being polymorphic, having a
/// <c>[JsonNumberHandling]</c> of its own that writes numbers otherwise, extension data, or a member the generator
/// sees (ignored ones too) typed <c>object</c> or with a <c>[JsonNumberHandling]</c> or <c>[JsonConverter]</c> of
/// its own. A derived type written through its polymorphic base goes through the metadata too; a member never
/// written (<c>[JsonIgnore]</c>, <c>WhenWriting</c>, a converter's) takes its type nowhere.
/// </summary>
internal static class FastPathWrites
{
    /// <summary>The faults of the types written in a result of <paramref name="type"/>, each type once.</summary>
    public static IReadOnlyList<FastPathFault> In(ITypeSymbol type, KnownTypes known)
    {
        var walk = new Walk(known);
        if (known.WritesThroughFastPath)
        {
            walk.Visit(type, throughBase: false);
        }

        return walk.Faults;
    }

    /// <summary>One walk over the types a result writes, each visited once as written itself and once through its polymorphic base.</summary>
    private sealed class Walk(KnownTypes known)
    {
        private readonly HashSet<ITypeSymbol> _written = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ITypeSymbol> _throughBase = new(SymbolEqualityComparer.Default);

        public List<FastPathFault> Faults { get; } = [];

        /// <param name="type">A type the context writes.</param>
        /// <param name="throughBase">Whether the type is written as a derived type of a polymorphic base (through the metadata).</param>
        public void Visit(ITypeSymbol type, bool throughBase)
        {
            type = TypeClassifier.UnwrapNullable(type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            if (type is IArrayTypeSymbol array)
            {
                Visit(array.ElementType, throughBase: false);
                return;
            }

            if (type is not INamedTypeSymbol named || !(throughBase ? _throughBase : _written).Add(named) || UnreadableTypes.IsLeaf(named, known) || UnreadableReasons.HasConverter(named, known))
            {
                return;
            }

            if ((SchemaBuilder.DictionaryValue(named) ?? SchemaBuilder.EnumerableItem(named) ?? HeldJsonTypes.MemoryItem(named)) is { } item)
            {
                Visit(item, throughBase: false);
                return;
            }

            if (!throughBase && Fault(named, known) is { } fault)
            {
                Faults.Add(fault);
            }

            foreach (var derived in HeldJsonTypes.DerivedTypes(named))
            {
                Visit(derived, throughBase: true);
            }

            // What is written does not depend on a constructor: none binds.
            var noneBound = new HashSet<string>();
            foreach (var member in UnreadableReasons.ContractMembers(named, known))
            {
                if (SerializedMembers.TypeOf(member, named, known, JsonDirection.Written, noneBound) is { } memberType
                    && !JsonIgnoreConditions.NotWritten(member, known) && !ReadOnlyMembers.NeverWritten(member, memberType, known)
                    && !UnreadableReasons.HasConverter(member, known))
                {
                    Visit(memberType, throughBase: false);
                }
            }
        }
    }

    /// <summary>The public field that makes the fast path of <paramref name="type"/> throw, or null.</summary>
    private static FastPathFault? Fault(INamedTypeSymbol type, KnownTypes known)
    {
        // A collision among the contract's own members fails the metadata too: GA0021's (JsonNameCollisions).
        if (!HasFastPath(type, known)
            || JsonNameCollisions.First(UnreadableReasons.ContractMembers(type, known), known) is not null
            || JsonNameCollisions.First(UnreadableReasons.ContractMembers(type, known, withPublicFields: true), known) is not var (first, second, name))
        {
            return null;
        }

        // One of the two is a field the contract leaves out: without it, they would not collide.
        return second is IFieldSymbol field && !SerializedMembers.FieldReachable(field, known)
            ? new FastPathFault(type, field, first, name)
            : new FastPathFault(type, (IFieldSymbol)first, second, name);
    }

    /// <summary>Whether System.Text.Json's generator gives <paramref name="type"/> a fast-path serializer.</summary>
    private static bool HasFastPath(INamedTypeSymbol type, KnownTypes known) =>
        // [JsonPolymorphic] without a [JsonDerivedType] fails every write already (GA0021).
        TypeDiscriminators.Derived(type).Count == 0
        && ((NumberHandlings.Own(type) ?? 0) & NumberHandlings.ChangesWrites) == 0
        && !SeenMembers(type, known).Any(seen => seen.Type.SpecialType == SpecialType.System_Object || ExtensionDataFaults.IsExtensionData(seen.Member)
            || NumberHandlings.Own(seen.Member) is not null || UnreadableReasons.HasConverter(seen.Member, known));

    /// <summary>
    /// The members System.Text.Json's generator sees in <paramref name="type"/> and its base types, each with its type:
    /// properties with a public accessor, public fields, and any marked <c>[JsonInclude]</c>; ignored and hidden ones too.
    /// </summary>
    private static IEnumerable<(ISymbol Member, ITypeSymbol Type)> SeenMembers(INamedTypeSymbol type, KnownTypes known)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                var seenType = member switch
                {
                    IPropertySymbol { IsStatic: false, IsIndexer: false } property
                        when property.GetMethod?.DeclaredAccessibility == Accessibility.Public || property.SetMethod?.DeclaredAccessibility == Accessibility.Public
                            || SerializedMembers.Included(property, known) => property.Type,
                    IFieldSymbol { IsStatic: false, IsConst: false, IsImplicitlyDeclared: false } field
                        when field.DeclaredAccessibility == Accessibility.Public || SerializedMembers.Included(field, known) => field.Type,
                    _ => null,
                };
                if (seenType is not null)
                {
                    yield return (member, seenType);
                }
            }
        }
    }
}
