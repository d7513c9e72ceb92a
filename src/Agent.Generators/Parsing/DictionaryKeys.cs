using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The dictionary key types System.Text.Json can read and write. It writes a dictionary as a JSON
/// object, so each key must become a property name and back; only its built-in converters of
/// strings, numbers, enums, <c>Guid</c>, dates and times, <c>Uri</c> and <c>Version</c> do that,
/// and a converter that overrides <c>ReadAsPropertyName</c> or <c>WriteAsPropertyName</c>.
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
    /// The key type of a generic dictionary the context has no property-name form for, with the
    /// converter that reads the key without giving one (null when none does), or <c>null</c>.
    /// A converter turns a key into a property name and back only through <c>WriteAsPropertyName</c>
    /// and <c>ReadAsPropertyName</c>, which <c>JsonConverter&lt;T&gt;</c> implements by throwing
    /// NotSupportedException (probed: on every key read or written). So a key type's converter (the
    /// options' first, else its own <c>[JsonConverter]</c>) gives one when it overrides either: a
    /// parameter needs the read, a result the write, which are not told apart here, so that neither
    /// is a false error. A key converter that is a factory is not judged. The caller judges no
    /// dictionary that a converter of the options reads whole or that sits in a type one reads, nor
    /// any when one may read types it does not name (a factory, an override of <c>CanConvert</c>).
    /// An <c>object</c> key is refused: it is never read (the object converter has no property-name
    /// reader), and written only when the key's run-time type has metadata in the context, so a
    /// string key fails in a context that lists no string.
    /// </summary>
    public static (ITypeSymbol Key, INamedTypeSymbol? Converter)? UnsupportedKey(ITypeSymbol type, KnownTypes known)
    {
        if (type is not INamedTypeSymbol named || KeyOf(named) is not { } key)
        {
            return null;
        }

        // System_Boolean to System_String: bool, char, the integers, decimal, float, double, string.
        var builtIn = key.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String or SpecialType.System_DateTime
            || key.TypeKind == TypeKind.Enum
            || (key is INamedTypeSymbol keyType && Named.Any(name => Names.IsNamed(keyType, name)));
        if (builtIn)
        {
            return null;
        }

        var converter = known.OptionConverters.Reading(key) ?? UnreadableReasons.OwnConverter(key, known);
        return converter is not null && NamesProperties(converter, known) ? null : (key, converter);
    }

    /// <summary>Whether a converter gives property names: it overrides <c>ReadAsPropertyName</c> or <c>WriteAsPropertyName</c>, or is a factory (not known here).</summary>
    private static bool NamesProperties(INamedTypeSymbol converter, KnownTypes known)
    {
        for (var current = converter; current is not null; current = current.BaseType)
        {
            if (known.Is(current, known.JsonConverterOfT))
            {
                return false;
            }

            if (current.GetMembers().Any(member => member is IMethodSymbol { IsOverride: true, Name: "ReadAsPropertyName" or "WriteAsPropertyName" }))
            {
                return true;
            }
        }

        return true;
    }

    /// <summary>The <c>TKey</c> of <c>IDictionary&lt;TKey, TValue&gt;</c> or <c>IReadOnlyDictionary&lt;TKey, TValue&gt;</c>, the type itself or one it implements.</summary>
    public static ITypeSymbol? KeyOf(INamedTypeSymbol type)
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
