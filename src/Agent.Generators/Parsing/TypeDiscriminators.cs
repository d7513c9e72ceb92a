using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// A polymorphic type's <c>[JsonDerivedType]</c>s, each with its type discriminator (a string or an int, or none),
/// the member that carries them (<c>$type</c>, or <c>[JsonPolymorphic(TypeDiscriminatorPropertyName = …)]</c>'s) and
/// the <c>[JsonPolymorphic]</c> settings the schema follows. The context writes the discriminator of a value's derived
/// type first, and reads one only first too, refusing one it does not know unless <c>IgnoreUnrecognizedTypeDiscriminators</c>
/// (probed on .NET 10).
/// </summary>
internal static class TypeDiscriminators
{
    /// <summary><c>JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor</c>.</summary>
    public const int FallBackToNearestAncestor = 2;

    /// <summary>The name of the member that carries <paramref name="type"/>'s discriminator.</summary>
    public static string PropertyName(INamedTypeSymbol type) =>
        Setting(type, "TypeDiscriminatorPropertyName") as string ?? "$type";

    /// <summary>Whether the context reads a discriminator it does not know as none (<c>IgnoreUnrecognizedTypeDiscriminators</c>).</summary>
    public static bool IgnoresUnknown(INamedTypeSymbol type) => Setting(type, "IgnoreUnrecognizedTypeDiscriminators") is true;

    /// <summary>The type's <c>JsonUnknownDerivedTypeHandling</c>: 0 fails on a value of a type it does not list, 1 and 2 fall back to an ancestor's contract.</summary>
    public static int UnknownDerivedTypeHandling(INamedTypeSymbol type) => Setting(type, "UnknownDerivedTypeHandling") as int? ?? 0;

    /// <summary>
    /// The derived types <paramref name="type"/> lists, each once (the first), with its discriminator as JSON text
    /// (<c>"disc"</c>, <c>2</c>) or null where it has none; unresolved and unbound generic types left out.
    /// </summary>
    public static IReadOnlyList<(INamedTypeSymbol Type, string? Discriminator)> Derived(INamedTypeSymbol type)
    {
        var derived = new List<(INamedTypeSymbol Type, string? Discriminator)>();
        foreach (var attribute in type.GetAttributes())
        {
            if (Names.IsNamed(attribute.AttributeClass, ContractFaults.JsonDerivedTypeAttribute)
                && attribute.ConstructorArguments is [{ Value: INamedTypeSymbol { TypeKind: not TypeKind.Error, IsUnboundGenericType: false } derivedType }, ..] arguments
                && !derived.Any(d => SymbolEqualityComparer.Default.Equals(d.Type, derivedType)))
            {
                derived.Add((derivedType, arguments.Length == 2 ? Json(arguments[1].Value) : null));
            }
        }

        return derived;
    }

    private static string? Json(object? discriminator) => discriminator switch
    {
        string text => String(text),
        int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static object? Setting(INamedTypeSymbol type, string name) =>
        type.GetAttributes().FirstOrDefault(a => Names.IsNamed(a.AttributeClass, ContractFaults.JsonPolymorphicAttribute))
            ?.NamedArguments.FirstOrDefault(argument => argument.Key == name).Value.Value;
}
