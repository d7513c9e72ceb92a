using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Parsing;

/// <summary>Renders parameter default values as C# source and as JSON (invariant culture).</summary>
internal static class DefaultValues
{
    public static string Render(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        var type = TypeClassifier.UnwrapNullable(parameter.Type);
        if (value is null)
        {
            return "default!";
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return "(" + type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")";
        }

        return value switch
        {
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            float f => float.IsNaN(f) ? "float.NaN" : float.IsPositiveInfinity(f) ? "float.PositiveInfinity" : float.IsNegativeInfinity(f) ? "float.NegativeInfinity" : f.ToString("R", CultureInfo.InvariantCulture) + "F",
            double d => double.IsNaN(d) ? "double.NaN" : double.IsPositiveInfinity(d) ? "double.PositiveInfinity" : double.IsNegativeInfinity(d) ? "double.NegativeInfinity" : d.ToString("R", CultureInfo.InvariantCulture) + "D",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            _ => "(" + type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")",
        };
    }

    /// <summary>
    /// The default as JSON text, in a form the generated binder accepts for the parameter: the
    /// schema's <c>default</c> and the descriptor's <c>DefaultValue</c>. <c>null</c> when it has no
    /// such form (a NaN or infinite number, <c>default</c> of a struct, an enum value that is no
    /// member nor, for <c>[Flags]</c>, a combination of members).
    /// </summary>
    public static string? Json(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        var type = TypeClassifier.UnwrapNullable(parameter.Type);
        if (value is null)
        {
            return type.IsValueType && ReferenceEquals(type, parameter.Type) ? null : "null";
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return EnumJson(type, value);
        }

        return value switch
        {
            string text => JsonText.String(text),
            // System.Text.Json reads a char (through the context) as a one-character string.
            char c => JsonText.String(c.ToString()),
            bool b => b ? "true" : "false",
            float f when !float.IsNaN(f) && !float.IsInfinity(f) => f.ToString("R", CultureInfo.InvariantCulture),
            double d when !double.IsNaN(d) && !double.IsInfinity(d) => d.ToString("R", CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    /// <summary>
    /// A member's name; for a <c>[Flags]</c> enum also a combination as the binder reads it
    /// (<c>"Read, Write"</c>, names in ascending value order) or, failing that, the number.
    /// </summary>
    private static string? EnumJson(ITypeSymbol type, object value)
    {
        var members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToList();
        var bits = TypeClassifier.Bits(value);
        if (members.FirstOrDefault(m => TypeClassifier.Bits(m.ConstantValue!) == bits) is { } exact)
        {
            return JsonText.String(exact.Name);
        }

        if (!EnumSchema.IsFlags(type))
        {
            return null;
        }

        // Largest members first, as Enum.ToString combines them; written in ascending order.
        var chosen = new List<IFieldSymbol>();
        var left = bits;
        foreach (var member in members.Where(m => TypeClassifier.Bits(m.ConstantValue!) != 0).OrderByDescending(m => TypeClassifier.Bits(m.ConstantValue!)))
        {
            var memberBits = TypeClassifier.Bits(member.ConstantValue!);
            if ((left & memberBits) == memberBits)
            {
                chosen.Add(member);
                left &= ~memberBits;
            }
        }

        if (left == 0 && chosen.Count > 0)
        {
            return JsonText.String(string.Join(", ", chosen.OrderBy(m => TypeClassifier.Bits(m.ConstantValue!)).Select(m => m.Name)));
        }

        var mask = members.Aggregate(0UL, (all, m) => all | TypeClassifier.Bits(m.ConstantValue!));
        return (bits & ~mask) == 0 ? bits.ToString(CultureInfo.InvariantCulture) : null;
    }
}
