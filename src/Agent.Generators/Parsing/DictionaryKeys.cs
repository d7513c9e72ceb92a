using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The dictionary key types System.Text.Json can read and write. It writes a dictionary as a JSON
/// object, so each key must become a property name and back; only its built-in converters of
/// strings, numbers, enums, <c>Guid</c>, dates and times, <c>Uri</c> and <c>Version</c> do that.
/// A context compiles for any other key (a record, a struct, <c>JsonElement</c>, an array) and
/// then throws NotSupportedException on every read, and on every write of a non-empty dictionary.
/// </summary>
internal static class DictionaryKeys
{
    private static readonly ImmutableArray<string> Named =
    [
        "System.Int128", "System.UInt128", "System.Half", "System.DateTimeOffset", "System.DateOnly",
        "System.TimeOnly", "System.TimeSpan", "System.Guid", "System.Uri", "System.Version",
    ];

    /// <summary>
    /// The key type of a generic dictionary the context has no property-name form for, or <c>null</c>.
    /// A key type with its own <c>[JsonConverter]</c>, or a context whose <c>Converters</c> may read
    /// object types, may supply one (a converter's <c>ReadAsPropertyName</c>), so neither is refused.
    /// An <c>object</c> key is refused: it is never read (the object converter has no property-name
    /// reader), and written only when the key's run-time type has metadata in the context, so a
    /// string key fails in a context that lists no string.
    /// </summary>
    public static ITypeSymbol? UnsupportedKey(ITypeSymbol type, KnownTypes known)
    {
        if (known.ConvertsObjects || type is not INamedTypeSymbol named || KeyOf(named) is not { } key)
        {
            return null;
        }

        // System_Boolean to System_String: bool, char, the integers, decimal, float, double, string.
        var supported = key.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String or SpecialType.System_DateTime
            || key.TypeKind == TypeKind.Enum
            || (key is INamedTypeSymbol keyType && Named.Any(name => Names.IsNamed(keyType, name)))
            || key.GetAttributes().Any(a => known.Is(a.AttributeClass, known.JsonConverterAttribute));
        return supported ? null : key;
    }

    /// <summary>The <c>TKey</c> of <c>IDictionary&lt;TKey, TValue&gt;</c> or <c>IReadOnlyDictionary&lt;TKey, TValue&gt;</c>, the type itself or one it implements.</summary>
    private static ITypeSymbol? KeyOf(INamedTypeSymbol type)
    {
        foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
        {
            if (candidate.TypeArguments.Length == 2
                && candidate.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"
                && candidate.Name is "IDictionary" or "IReadOnlyDictionary")
            {
                return candidate.TypeArguments[0];
            }
        }

        return null;
    }
}
