using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Finds, in a type a command takes, an object type the assembly's source-generated JSON context
/// cannot read (see <see cref="UnreadableReasons"/>; some it cannot write either): the type itself, or one reached
/// through the members the context reads, collection items and dictionary values included (GA0020,
/// for parameters); or one it cannot even write, reached through the members it writes (GA0021,
/// for results). Only the analyzer asks.
/// </summary>
internal static class UnreadableTypes
{
    /// <summary>Why the context cannot read <paramref name="type"/> or a type inside it, with the fix, or null.</summary>
    public static string? Why(ITypeSymbol type, KnownTypes known) =>
        // Many commands may take one type: it is looked into once per compilation.
        Judged(known, () => known.Readability.Why(type, t => Visit(t, known, new HashSet<(ITypeSymbol, Walk)>(Visits.Instance), path: null, populated: false, writing: false, written: false)));

    /// <summary>Why the context cannot write <paramref name="type"/> or a type inside it (it fails as it prepares the type), with the fix, or null.</summary>
    public static string? WhyNotWritten(ITypeSymbol type, KnownTypes known) =>
        Judged(known, () => known.Readability.WhyNotWritten(type, t => Visit(t, known, new HashSet<(ITypeSymbol, Walk)>(Visits.Instance), path: null, populated: false, writing: true, written: true)));

    /// <summary>
    /// Options the context cannot be created with fail every type, whatever converters it lists;
    /// else what <paramref name="walk"/> finds (nothing when a converter the options list may read or
    /// write types it does not name: a factory, or an override of <c>CanConvert</c>).
    /// </summary>
    private static string? Judged(KnownTypes known, System.Func<string?> walk) =>
        ContextOptionFaults.Why(known) ?? walk();

    /// <param name="type">The type read.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    /// <param name="visited">The types visited, each as created, as populated in place, or only prepared.</param>
    /// <param name="path">Where the type sits in the parameter's type, for the message.</param>
    /// <param name="populated">Whether the value is populated in place rather than created: its constructor then binds nothing.</param>
    /// <param name="writing">
    /// Whether the value is written (a result), or only prepared (a member the context does not read, of a value read):
    /// only the faults found as the type is prepared count, in every member of the contract.
    /// </param>
    /// <param name="written">Whether a value of the type is written (a result, or a member of one the context writes), not only prepared.</param>
    private static string? Visit(ITypeSymbol type, KnownTypes known, HashSet<(ITypeSymbol, Walk)> visited, string? path, bool populated, bool writing, bool written)
    {
        type = TypeClassifier.UnwrapNullable(type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (!visited.Add((type, written ? Walk.Written : writing ? Walk.Prepared : populated ? Walk.Populated : Walk.Created)) || IsLeaf(type, known)
            || known.OptionConverters.MayRead(type))
        {
            // A converter of the options reads and writes the type whole (or may: one that reads types it does not name,
            // where a false error would break a build that works): the context never prepares it.
            return null;
        }

        // A member (or its item) of a type System.Text.Json refuses: a request that sends a value for it fails. The
        // parameter's own type, and the types inside it, never get here (GA0007); what is only prepared never fails.
        if (!writing && UnsupportedTypes.RefusedAsMember(type) is { } refused)
        {
            return At(path, $"a value of type '{type.ToDisplayString(Names.InMessage)}' makes the context throw NotSupportedException whenever a request sends one: {refused}");
        }

        // Written, it throws the same, after the command has run (GA0021); a null reference never reaches its converter.
        var unwritten = written ? UnsupportedTypes.RefusedAsMember(type) : null;
        if (unwritten is not null)
        {
            return At(path, $"the context throws NotSupportedException whenever it writes a value of type '{type.ToDisplayString(Names.InMessage)}'{(type.IsReferenceType ? " (a null is written fine)" : "")}: {unwritten}");
        }

        if (type is IArrayTypeSymbol array)
        {
            return Visit(array.ElementType, known, visited, path, populated: false, writing, written);
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (UnreadableReasons.HasConverter(named, known))
        {
            // The converter reads and writes it, whatever its members; but the context prepares its polymorphism first.
            return At(path, ContractFaults.PolymorphicWithoutDerivedTypes(named));
        }

        if ((SchemaBuilder.DictionaryValue(named) ?? SchemaBuilder.EnumerableItem(named)) is { } item)
        {
            // A collection read is created too (but one populated in place), with the constructor a class needs.
            return (writing || populated ? null : At(path, ContractFaults.NoConstructor(named, known)))
                ?? Visit(item, known, visited, path, populated: false, writing, written);
        }

        if ((writing ? UnreadableReasons.Unwritable(named, known) : UnreadableReasons.Of(named, known, populated)) is { } reason)
        {
            return At(path, reason);
        }

        var boundByConstructor = populated || writing ? new HashSet<string>() : RequiredJsonMembers.BoundByConstructor(named);
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                // The context prepares the type of every member of its contract with the type, written or read: a member
                // the walk's direction does not take is still prepared, so its type's prepare-time faults count.
                // A member ignored when reading is never read (but prepared): only its type's prepare-time faults count.
                var readType = writing || JsonIgnoreConditions.NotRead(member, named, known, boundByConstructor)
                    ? null
                    : SerializedMembers.TypeOf(member, named, known, JsonDirection.Read, boundByConstructor);
                // A set-only collection is never set, but its type is prepared all the same (GA0026).
                var preparedType = SerializedMembers.TypeOf(member, named, known, JsonDirection.Written, boundByConstructor)
                    ?? SerializedMembers.TypeOf(member, named, known, JsonDirection.Read, boundByConstructor)
                    ?? (SetOnlyCollections.NeverSet(member, named, known, boundByConstructor) ? ((IPropertySymbol)member).Type : null);
                if ((readType ?? preparedType) is not { } memberType || !seen.Add(member.Name) || SchemaBuilder.AlwaysIgnored(member, known))
                {
                    continue;
                }

                var memberPath = (path ?? named.ToDisplayString(Names.InMessage)) + "." + member.Name;
                // A result's member the context writes (a getter it calls, not ignored when writing); one it only prepares never fails so.
                var memberWritten = written
                    && SerializedMembers.TypeOf(member, named, known, JsonDirection.Written, boundByConstructor) is not null
                    && !JsonIgnoreConditions.NotWritten(member, known);
                var inner = UnreadableReasons.HasConverter(member, known)
                    // A member with a converter of its own is read by that converter, whatever its type's shape; but the context prepares the type's polymorphism.
                    ? (TypeClassifier.UnwrapNullable(memberType).WithNullableAnnotation(NullableAnnotation.NotAnnotated) is INamedTypeSymbol converted ? At(memberPath, ContractFaults.PolymorphicWithoutDerivedTypes(converted)) : null)
                    : Visit(memberType, known, visited, memberPath,
                        readType is not null && PopulatedInPlace.NeverCreated(member, named, known), writing || readType is null, memberWritten);
                if (inner is not null)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    private static string? At(string? path, string? reason) => reason is null || path is null ? reason : $"at '{path}', {reason}";

    /// <summary>Values read without looking inside: primitives, enums, <c>JsonElement</c>, <c>object</c>, the string-like well-known types.</summary>
    internal static bool IsLeaf(ITypeSymbol type, KnownTypes known) =>
        TypeClassifier.PrimitiveOf(type, known) != Model.PrimitiveKind.None
        || type.TypeKind is TypeKind.Enum or TypeKind.TypeParameter or TypeKind.Error
        || type.SpecialType == SpecialType.System_Object
        || known.Is(type, known.JsonElement)
        || WellKnownSchemas.For(type) is not null;

    /// <summary>How a type is visited: read as created, read as populated in place (its constructor binds nothing), only prepared, or written.</summary>
    private enum Walk
    {
        Created,
        Populated,
        Prepared,
        Written,
    }

    /// <summary>Compares visits by their type's symbol and how it is visited.</summary>
    private sealed class Visits : IEqualityComparer<(ITypeSymbol Type, Walk Walk)>
    {
        public static readonly Visits Instance = new();

        public bool Equals((ITypeSymbol Type, Walk Walk) x, (ITypeSymbol Type, Walk Walk) y) =>
            x.Walk == y.Walk && SymbolEqualityComparer.Default.Equals(x.Type, y.Type);

        public int GetHashCode((ITypeSymbol Type, Walk Walk) obj) => SymbolEqualityComparer.Default.GetHashCode(obj.Type) * 3 + (int)obj.Walk;
    }
}
