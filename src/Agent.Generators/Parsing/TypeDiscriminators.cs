using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// A polymorphic type's type discriminators, as its <c>[JsonDerivedType]</c>s give them (a string or an
/// int each), and the member that carries them (<c>$type</c>, or <c>[JsonPolymorphic(TypeDiscriminatorPropertyName = …)]</c>'s).
/// The context writes the discriminator of a value's derived type first, and reads one only first too,
/// refusing one it does not know unless <c>IgnoreUnrecognizedTypeDiscriminators</c> (probed on .NET 10).
/// </summary>
internal static class TypeDiscriminators
{
    /// <summary>The name of the member that carries <paramref name="type"/>'s discriminator.</summary>
    public static string PropertyName(INamedTypeSymbol type) =>
        Polymorphic(type)?.NamedArguments.FirstOrDefault(argument => argument.Key == "TypeDiscriminatorPropertyName").Value.Value as string ?? "$type";

    /// <summary>
    /// The schema of <paramref name="type"/>'s discriminator member, or null when no <c>[JsonDerivedType]</c> gives one:
    /// its values, or any string or integer read where unknown ones are ignored.
    /// </summary>
    public static string? Schema(INamedTypeSymbol type, JsonDirection direction)
    {
        var values = type.GetAttributes()
            .Where(a => Names.IsNamed(a.AttributeClass, ContractFaults.JsonDerivedTypeAttribute) && a.ConstructorArguments.Length == 2)
            .Select(a => a.ConstructorArguments[1].Value switch
            {
                string text => String(text),
                int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            })
            .OfType<string>()
            .Distinct()
            .ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var ignoresUnknown = Polymorphic(type)?.NamedArguments.Any(argument => argument.Key == "IgnoreUnrecognizedTypeDiscriminators" && argument.Value.Value is true) == true;
        return direction == JsonDirection.Read && ignoresUnknown
            ? Object([Member("type", Array([String("string"), String("integer")]))])
            : Object([Member("enum", Array(values))]);
    }

    private static AttributeData? Polymorphic(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => Names.IsNamed(a.AttributeClass, ContractFaults.JsonPolymorphicAttribute));
}
