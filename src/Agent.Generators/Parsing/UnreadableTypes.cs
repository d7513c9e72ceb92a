using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Finds, in a type a command takes, an object type the assembly's source-generated JSON context
/// writes but cannot read (see <see cref="UnreadableReasons"/>): the type itself, or one reached
/// through the members the context reads, collection items and dictionary values included. Only
/// the analyzer asks (GA0020), and only for parameters: a result is only ever written.
/// </summary>
internal static class UnreadableTypes
{
    /// <summary>Why the context cannot read <paramref name="type"/> or a type inside it, with the fix, or null.</summary>
    public static string? Why(ITypeSymbol type, KnownTypes known) =>
        // A converter the context's options list may read any object type: nothing is reported rather than a false error.
        known.ConvertsObjects ? null : Visit(type, known, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), path: null);

    private static string? Visit(ITypeSymbol type, KnownTypes known, HashSet<ITypeSymbol> visited, string? path)
    {
        type = TypeClassifier.UnwrapNullable(type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (!visited.Add(type) || IsLeaf(type, known))
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return Visit(array.ElementType, known, visited, path);
        }

        if (type is not INamedTypeSymbol named || UnreadableReasons.HasConverter(named, known))
        {
            return null;
        }

        if ((SchemaBuilder.DictionaryValue(named) ?? SchemaBuilder.EnumerableItem(named)) is { } item)
        {
            return Visit(item, known, visited, path);
        }

        if (UnreadableReasons.Of(named, known) is { } reason)
        {
            return path is null ? reason : $"at '{path}', {reason}";
        }

        var boundByConstructor = RequiredJsonMembers.BoundByConstructor(named);
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (SerializedMembers.TypeOf(member, named, known, JsonDirection.Read, boundByConstructor) is { } memberType
                    && seen.Add(member.Name) && !SchemaBuilder.AlwaysIgnored(member, known)
                    // A member with a converter of its own is read by that converter, whatever its type's shape.
                    && !UnreadableReasons.HasConverter(member, known)
                    && Visit(memberType, known, visited, (path ?? named.ToDisplayString(Names.Short)) + "." + member.Name) is { } inner)
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
}
