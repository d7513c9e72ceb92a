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
    /// <summary>
    /// Whether a caller may omit the parameter: it has a default value, or it is marked
    /// <c>[Optional]</c> without <c>[DefaultParameterValue]</c>, where C# passes <c>default(T)</c>.
    /// </summary>
    public static bool Has(IParameterSymbol parameter) => parameter.HasExplicitDefaultValue || parameter.IsOptional;

    /// <summary>
    /// The constant a C# caller passes when it omits the parameter: its explicit default, or for a
    /// bare <c>[Optional]</c> the zero of its type (what the compiler passes for <c>default(T)</c>),
    /// so it renders as <c>int x = 0</c> or <c>string s = null</c> would.
    /// </summary>
    public static object? Constant(IParameterSymbol parameter) =>
        parameter.HasExplicitDefaultValue ? parameter.ExplicitDefaultValue : Zero(parameter.Type);

    // Null for a struct that is no primitive: it renders as default, and states no JSON (Json), as an
    // explicit "= default" of such a struct does, whose constant C# records as null. An enum's constant is its underlying type's.
    private static object? Zero(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } ? Zero(underlying)
        : type.SpecialType switch
        {
            SpecialType.System_Boolean => false,
            SpecialType.System_Char => '\0',
            SpecialType.System_SByte => (sbyte)0,
            SpecialType.System_Byte => (byte)0,
            SpecialType.System_Int16 => (short)0,
            SpecialType.System_UInt16 => (ushort)0,
            SpecialType.System_Int32 => 0,
            SpecialType.System_UInt32 => 0U,
            SpecialType.System_Int64 => 0L,
            SpecialType.System_UInt64 => 0UL,
            SpecialType.System_Single => 0F,
            SpecialType.System_Double => 0D,
            SpecialType.System_Decimal => 0M,
            _ => null,
        };

    /// <summary>The default as C# source text, typed as the parameter takes it.</summary>
    public static string Render(IParameterSymbol parameter) => Render(parameter, parameter.Type);

    /// <summary>
    /// The default as C# source text for a local of type <paramref name="bound"/>: the type the
    /// value binds to, which the parameter's nullable attributes may make differ from its declared
    /// type (<c>[DisallowNull] string? s = null</c> binds a <c>string</c>, written <c>default!</c>).
    /// </summary>
    public static string Render(IParameterSymbol parameter, ITypeSymbol bound)
    {
        var value = Constant(parameter);
        var type = TypeClassifier.UnwrapNullable(bound);
        if (value is null)
        {
            return NullSource(bound);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return EnumSource.OfValue(type, value);
        }

        return value switch
        {
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            float f => float.IsNaN(f) ? "float.NaN" : float.IsPositiveInfinity(f) ? "float.PositiveInfinity" : float.IsNegativeInfinity(f) ? "float.NegativeInfinity" : f.ToString("R", CultureInfo.InvariantCulture) + "F",
            double d => double.IsNaN(d) ? "double.NaN" : double.IsPositiveInfinity(d) ? "double.PositiveInfinity" : double.IsNegativeInfinity(d) ? "double.NegativeInfinity" : d.ToString("R", CultureInfo.InvariantCulture) + "D",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
            // [Optional, DateTimeConstant(ticks)] DateTime d: a constant C# has no literal for.
            DateTime t => "new global::System.DateTime(" + t.Ticks.ToString(CultureInfo.InvariantCulture) + "L)",
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            _ => "(" + type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")",
        };
    }

    /// <summary>
    /// A default of <c>null</c> (or <c>default</c>, which is the same constant) as the declared type
    /// takes it: <c>null</c> where the type admits null, <c>default</c> for a struct, and
    /// <c>default!</c> only where the nullable analysis would warn otherwise: a reference type that
    /// admits no null (<c>string s = null!</c> under <c>#nullable enable</c>) or a type parameter.
    /// A reference type written without annotations (<c>#nullable disable</c>) takes null: the
    /// command's binding declares it nullable, and a constructor's parameter is as oblivious as it.
    /// </summary>
    /// <remarks>
    /// <c>int?</c> takes <c>null</c>, not <c>default</c>: an instance class's constructor argument
    /// writes the default as the last branch of a conditional whose other branch is the service as
    /// <c>int</c>, where <c>default</c> would be 0.
    /// </remarks>
    private static string NullSource(ITypeSymbol type) =>
        type.IsValueType ? (ReferenceEquals(TypeClassifier.UnwrapNullable(type), type) ? "default" : "null")
        : type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.NotAnnotated ? "null"
        : "default!";

    /// <summary>
    /// The default as JSON text, in a form the generated binder accepts for the parameter: the
    /// schema's <c>default</c> and the descriptor's <c>DefaultValue</c>. <c>null</c> for <c>default</c> of a struct
    /// other than a number, whose zero C# gives as no constant and whose JSON (an all-zero <c>Guid</c>'s, which the binder
    /// takes, or a struct's of the user's own, which its contract or converter decides) is not written out here,
    /// and when it has no such form (a NaN or infinite number, an enum value that is no
    /// member nor, for <c>[Flags]</c>, a combination of members, a <c>null</c> that
    /// <paramref name="bound"/>, the type the value binds to, refuses (<c>string s = null!</c>, a bare
    /// <c>[Optional] string s</c>), a string holding half a UTF-16 surrogate pair, which the binder
    /// refuses and no UTF-8 text can hold, the zero of an <c>Int128</c>, <c>UInt128</c> or <c>Half</c>
    /// that a <c>JsonConverter&lt;T&gt;</c> among the options of <paramref name="known"/>'s context reads, or
    /// that a <c>JsonConverterFactory</c> or a converter overriding <c>CanConvert</c> among them may read).
    /// </summary>
    public static string? Json(IParameterSymbol parameter, ITypeSymbol bound, KnownTypes known)
    {
        var value = Constant(parameter);
        var type = TypeClassifier.UnwrapNullable(bound);
        if (value is null)
        {
            // The binder takes a JSON null only where the bound type admits one. A number C# has no
            // constant for is read by the context, so by a converter of its options when one reads
            // the type: its JSON is that converter's (the schema admits any), which may refuse 0. A
            // factory (or a CanConvert override) may be that converter, which only its run would tell:
            // no default stated is never wrong, a 0 it refuses would be.
            return !ReferenceEquals(type, bound) || (!bound.IsValueType && bound.NullableAnnotation == NullableAnnotation.Annotated) ? "null"
                : IsNumberWithoutConstants(type) && !known.OptionConverters.MayRead(type) ? "0"
                : null;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return EnumJson(type, value);
        }

        return value switch
        {
            string text => HasLoneSurrogate(text) ? null : JsonText.String(text),
            // System.Text.Json reads a char (through the context) as a one-character string.
            char c => char.IsSurrogate(c) ? null : JsonText.String(c.ToString()),
            bool b => b ? "true" : "false",
            float f when !float.IsNaN(f) && !float.IsInfinity(f) => f.ToString("R", CultureInfo.InvariantCulture),
            double d when !double.IsNaN(d) && !double.IsInfinity(d) => d.ToString("R", CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            // As the binder's TryGetDateTime reads it back: the ISO 8601 form, no offset (the
            // constant's kind is Unspecified), the fraction only when there is one.
            DateTime t => JsonText.String(t.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture)),
            sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    /// <summary>
    /// The numbers C# has no constants for (<c>Int128</c>, <c>UInt128</c>, <c>Half</c>): only
    /// <c>default</c> or a bare <c>[Optional]</c> gives one a default, which is their zero, and
    /// System.Text.Json writes that <c>0</c>, as the default of a <c>long</c> or <c>decimal</c> is
    /// written. Not a struct such as <c>Guid</c> or <c>TimeSpan</c>: those state no default (see
    /// authoring-commands.md).
    /// </summary>
    private static bool IsNumberWithoutConstants(ITypeSymbol type) =>
        type is INamedTypeSymbol named
        && (Names.IsNamed(named, "System.Int128") || Names.IsNamed(named, "System.UInt128") || Names.IsNamed(named, "System.Half"));

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
        if ((bits & ~mask) != 0)
        {
            return null;
        }

        // As the binder reads it: a signed enum's number as a long (-2), not its sign-extended bits.
        return value is sbyte or short or int or long
            ? Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : bits.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the text holds half a surrogate pair (<c>"\ud800"</c>), which has no UTF-8 form.</summary>
    internal static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
