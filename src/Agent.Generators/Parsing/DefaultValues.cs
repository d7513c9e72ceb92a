using System;
using System.Globalization;
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

    /// <summary>The default as JSON for the schema, or <c>null</c> when it has no plain JSON form.</summary>
    public static string? Json(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        var type = TypeClassifier.UnwrapNullable(parameter.Type);
        if (type.TypeKind == TypeKind.Enum)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value))
                {
                    return JsonText.String(field.Name);
                }
            }

            return null;
        }

        return value switch
        {
            null => type.IsValueType && ReferenceEquals(type, parameter.Type) ? null : "null",
            string text => JsonText.String(text),
            bool b => b ? "true" : "false",
            float f when !float.IsNaN(f) && !float.IsInfinity(f) => f.ToString("R", CultureInfo.InvariantCulture),
            double d when !double.IsNaN(d) && !double.IsInfinity(d) => d.ToString("R", CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
