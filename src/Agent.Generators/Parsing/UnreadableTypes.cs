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
        // A converter the context's options list may read any object type: nothing is reported rather than a false error.
        known.ConvertsObjects
            ? null
            // Many commands may take one type: it is looked into once per compilation.
            : known.Readability.Why(type, t => Visit(t, known, new HashSet<(ITypeSymbol, bool)>(Visits.Instance), path: null, populated: false, writing: false));

    /// <summary>Why the context cannot write <paramref name="type"/> or a type inside it (it fails as it prepares the type), with the fix, or null.</summary>
    public static string? WhyNotWritten(ITypeSymbol type, KnownTypes known) =>
        known.ConvertsObjects
            ? null
            : known.Readability.WhyNotWritten(type, t => Visit(t, known, new HashSet<(ITypeSymbol, bool)>(Visits.Instance), path: null, populated: false, writing: true));

    /// <param name="type">The type read.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    /// <param name="visited">The types visited, each as created or as populated in place.</param>
    /// <param name="path">Where the type sits in the parameter's type, for the message.</param>
    /// <param name="populated">Whether the value is populated in place rather than created: its constructor then binds nothing.</param>
    /// <param name="writing">Whether the value is written (a result): only the faults that fail writes count, in the members written.</param>
    private static string? Visit(ITypeSymbol type, KnownTypes known, HashSet<(ITypeSymbol, bool)> visited, string? path, bool populated, bool writing)
    {
        type = TypeClassifier.UnwrapNullable(type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (!visited.Add((type, populated)) || IsLeaf(type, known))
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return Visit(array.ElementType, known, visited, path, populated: false, writing);
        }

        if (type is not INamedTypeSymbol named || UnreadableReasons.HasConverter(named, known))
        {
            return null;
        }

        if ((SchemaBuilder.DictionaryValue(named) ?? SchemaBuilder.EnumerableItem(named)) is { } item)
        {
            return Visit(item, known, visited, path, populated: false, writing);
        }

        if ((writing ? UnreadableReasons.Unwritable(named, known) : UnreadableReasons.Of(named, known, populated)) is { } reason)
        {
            return path is null ? reason : $"at '{path}', {reason}";
        }

        var boundByConstructor = populated || writing ? new HashSet<string>() : RequiredJsonMembers.BoundByConstructor(named);
        var direction = writing ? JsonDirection.Written : JsonDirection.Read;
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (SerializedMembers.TypeOf(member, named, known, direction, boundByConstructor) is { } memberType
                    && seen.Add(member.Name) && !SchemaBuilder.AlwaysIgnored(member, known)
                    // A member with a converter of its own is read by that converter, whatever its type's shape.
                    && !UnreadableReasons.HasConverter(member, known)
                    && Visit(memberType, known, visited, (path ?? named.ToDisplayString(Names.Short)) + "." + member.Name,
                        !writing && member is IPropertySymbol property && PopulatedInPlace.NeverCreated(property, named, known), writing) is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    /// <summary>Values read without looking inside: primitives, enums, <c>JsonElement</c>, <c>object</c>, the string-like well-known types.</summary>
    private static bool IsLeaf(ITypeSymbol type, KnownTypes known) =>
        TypeClassifier.PrimitiveOf(type, known) != Model.PrimitiveKind.None
        || type.TypeKind is TypeKind.Enum or TypeKind.TypeParameter or TypeKind.Error
        || type.SpecialType == SpecialType.System_Object
        || known.Is(type, known.JsonElement)
        || WellKnownSchemas.For(type) is not null;

    /// <summary>Compares visits by their type's symbol and whether it is populated.</summary>
    private sealed class Visits : IEqualityComparer<(ITypeSymbol Type, bool Populated)>
    {
        public static readonly Visits Instance = new();

        public bool Equals((ITypeSymbol Type, bool Populated) x, (ITypeSymbol Type, bool Populated) y) =>
            x.Populated == y.Populated && SymbolEqualityComparer.Default.Equals(x.Type, y.Type);

        public int GetHashCode((ITypeSymbol Type, bool Populated) obj) => SymbolEqualityComparer.Default.GetHashCode(obj.Type) * 2 + (obj.Populated ? 1 : 0);
    }
}
