using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Which properties with no setter it may call the source-generated context still reads,
/// because <c>JsonObjectCreationHandling.Populate</c> makes it read the JSON into the value the
/// getter returns. What .NET 10 does: the handling named on the property wins, then the one on
/// its type, then the options' <c>PreferredObjectCreationHandling</c>; a mutable collection or
/// dictionary (<c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>HashSet&lt;T&gt;</c>,
/// <c>IDictionary&lt;K,V&gt;</c>...) or a class is populated; an array, a read-only or immutable
/// collection, a string, <c>object</c>, a type with its own converter, and a struct without a
/// setter are not (the context refuses them when the property itself asks, and otherwise
/// replaces, which without a setter means ignores). A type deserialized through a parameterized
/// constructor is refused whole, so nothing of it is populated.
/// </summary>
internal static class PopulatedInPlace
{
    /// <summary><c>JsonObjectCreationHandling.Populate</c>'s value.</summary>
    public const int Populate = 1;

    /// <summary>Whether the context reads <paramref name="property"/> (whose getter it calls) by populating its value.</summary>
    /// <param name="property">A property with no setter the context calls.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    /// <param name="boundByConstructor">The deserialization constructor's parameter names: populating needs none.</param>
    public static bool Is(IPropertySymbol property, KnownTypes known, ISet<string> boundByConstructor) =>
        boundByConstructor.Count == 0
        && (Handling(property, known) ?? Handling(property.ContainingType, known) ?? (known.PopulateByDefault ? Populate : 0)) == Populate
        && !HasConverter(property, known)
        && CanPopulate(property.Type, known);

    private static int? Handling(ISymbol symbol, KnownTypes known) =>
        symbol.GetAttributes()
            .FirstOrDefault(a => known.Is(a.AttributeClass, known.JsonObjectCreationHandlingAttribute) && a.ConstructorArguments.Length == 1)
            ?.ConstructorArguments[0].Value as int?;

    private static bool HasConverter(ISymbol symbol, KnownTypes known) =>
        symbol.GetAttributes().Any(a => known.Is(a.AttributeClass, known.JsonConverterAttribute));

    private static bool CanPopulate(ITypeSymbol type, KnownTypes known)
    {
        if (type.IsValueType || type is not INamedTypeSymbol named || type.SpecialType is SpecialType.System_String or SpecialType.System_Object
            || HasConverter(type, known) || WellKnownSchemas.For(type) is not null || InNamespace(type, "System.Collections.Immutable")
            || InNamespace(type, "System.Text.Json.Nodes"))
        {
            return false;
        }

        var interfaces = new[] { named }.Concat(named.AllInterfaces).Select(i => i.OriginalDefinition.ToDisplayString()).ToList();
        if (!interfaces.Contains("System.Collections.IEnumerable"))
        {
            return true;
        }

        // ReadOnlyCollection<T> and ReadOnlyDictionary<K,V> implement the mutable interfaces but throw when added to.
        return !(InNamespace(type, "System.Collections.ObjectModel") && type.Name.StartsWith("ReadOnly", System.StringComparison.Ordinal))
            && interfaces.Any(i => i is "System.Collections.Generic.ICollection<T>" or "System.Collections.Generic.IDictionary<TKey, TValue>"
                or "System.Collections.IList" or "System.Collections.IDictionary");
    }

    private static bool InNamespace(ITypeSymbol type, string name) => type.ContainingNamespace?.ToDisplayString() == name;
}
