using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// The property names System.Text.Json's generator gives the types a context lists. Two types with
/// the same one (a <c>Move</c> in two namespaces) break its build (SYSLIB1031), so a type whose name
/// is taken is listed with a <c>TypeInfoPropertyName</c> of its own.
/// </summary>
internal sealed class TypeInfoPropertyNames
{
    private const string PropertyNameArgument = "TypeInfoPropertyName";

    private readonly HashSet<string> _taken;

    private TypeInfoPropertyNames(IEnumerable<string> taken) => _taken = new HashSet<string>(taken, System.StringComparer.Ordinal);

    /// <summary>The names the types already listed on <paramref name="context"/> use.</summary>
    public static TypeInfoPropertyNames Of(INamedTypeSymbol context, INamedTypeSymbol jsonSerializable) =>
        new(context.GetAttributes()
            .Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, jsonSerializable))
            .Select(a => a.NamedArguments.FirstOrDefault(n => n.Key == PropertyNameArgument).Value.Value as string
                ?? (a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is ITypeSymbol listed ? DefaultName(listed) : null))
            .Where(name => name is not null)
            .Select(name => name!));

    /// <summary>
    /// Takes a name for <paramref name="type"/>: <c>null</c> when the generator's own is free, else a
    /// free one made from its namespace, which the caller must set as <c>TypeInfoPropertyName</c>.
    /// </summary>
    public string? Claim(ITypeSymbol type)
    {
        var name = DefaultName(type);
        if (_taken.Add(name))
        {
            return null;
        }

        var qualified = (type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString().Replace(".", string.Empty) : string.Empty) + name;
        var unique = qualified;
        for (var suffix = 2; !_taken.Add(unique); suffix++)
        {
            unique = qualified + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return unique;
    }

    /// <summary>The generator's name: the type's name, its type arguments' appended, <c>Array</c> after an element type's.</summary>
    private static string DefaultName(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => DefaultName(array.ElementType) + "Array",
        INamedTypeSymbol { IsGenericType: true } generic => generic.Name + string.Concat(generic.TypeArguments.Select(DefaultName)),
        _ => type.Name,
    };
}
