using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>How a parameter or result type can be handled.</summary>
internal enum TypeSupport
{
    /// <summary>Read and written inline, or through the JSON context that lists it.</summary>
    Supported,

    /// <summary>No usable JSON form (see <see cref="UnsupportedTypes"/>).</summary>
    Unsupported,

    /// <summary>A complex type the assembly's JSON context does not list (or there is no context).</summary>
    NotInJsonContext,
}

/// <summary>Classifies value types of parameters and results and renders their models and schemas.</summary>
internal static class TypeClassifier
{
    public static TypeSupport Classify(ITypeSymbol type, KnownTypes known)
    {
        var inner = UnwrapNullable(type);
        if (UnsupportedTypes.Why(type, known) is not null)
        {
            return TypeSupport.Unsupported;
        }

        if (PrimitiveOf(inner, known) != PrimitiveKind.None || known.Is(inner, known.JsonElement) || inner.TypeKind == TypeKind.Enum)
        {
            return TypeSupport.Supported;
        }

        // A nullable struct (Pt?) is read and written through its underlying type's metadata
        // (null stays null), so listing Pt covers Pt? too. And a struct is covered by its nullable
        // form: for a listed Pt?, System.Text.Json's generator writes Pt's metadata as well.
        return known.ContextCovers(type)
            || (!ReferenceEquals(inner, type) && known.ContextCovers(inner))
            || (ReferenceEquals(inner, type) && type.IsValueType && known.ContextCoversNullableOf(type))
            ? TypeSupport.Supported
            : TypeSupport.NotInJsonContext;
    }

    public static TypeModel Describe(ITypeSymbol type, KnownTypes known) =>
        known.Memo.Type(type, t => DescribeNew(t, known));

    private static TypeModel DescribeNew(ITypeSymbol type, KnownTypes known)
    {
        var inner = UnwrapNullable(type);
        var isNullableValue = !ReferenceEquals(inner, type);
        var primitive = PrimitiveOf(inner, known);
        var kind = primitive != PrimitiveKind.None ? ValueKind.Primitive
            : known.Is(inner, known.JsonElement) ? ValueKind.JsonElement
            : inner.TypeKind == TypeKind.Enum ? ValueKind.Enum
            : ValueKind.Complex;
        if (kind == ValueKind.Complex && !(isNullableValue && known.ContextCovers(inner)))
        {
            // Complex types go through the JSON context as declared, nullable wrapper included,
            // unless the context lists a nullable struct's underlying type: then Pt? binds and
            // writes through Pt's metadata, null as null (see Classify).
            inner = type;
            isNullableValue = false;
        }

        var allowsNull = isNullableValue || (!type.IsValueType && type.NullableAnnotation == NullableAnnotation.Annotated);
        var nonNullable = known.Memo.Display(inner.WithNullableAnnotation(NullableAnnotation.NotAnnotated), SymbolDisplayFormat.FullyQualifiedFormat);
        var members = kind == ValueKind.Enum
            ? inner.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue)
                .Select(f => new EnumMember(f.Name, EnumSource.OfMember(f, nonNullable))).ToEquatableArray()
            : EquatableArray<EnumMember>.Empty;
        var node = kind == ValueKind.Complex ? NodeKindOf(inner, known) : JsonNodeKind.None;
        // Only the generator writes binders: the analyzer skips the walks.
        var walk = kind == ValueKind.Complex && node == JsonNodeKind.None && known.Describe ? ContractWalk.Of(inner, known) : null;
        var held = walk?.Held ?? HeldJson.None;
        var resultSchema = SchemaBuilder.For(type, known, JsonDirection.Written);
        var requestSchema = SchemaBuilder.For(type, known, JsonDirection.Read);
        return new TypeModel(
            known.Memo.Display(type, Names.FullyQualified),
            known.Memo.Display(type, Names.InMessage),
            kind,
            primitive,
            allowsNull,
            isNullableValue,
            nonNullable,
            members,
            resultSchema,
            // One string when both ways agree, as they do for most types.
            requestSchema == resultSchema ? resultSchema : requestSchema,
            kind == ValueKind.Enum && EnumSchema.IsFlags(inner) ? FlagsMask(inner) : null,
            kind == ValueKind.Enum && EnumSchema.IsFlags(inner) ? SignedKeyword(inner) : null,
            node,
            held,
            (held & HeldJson.Nodes) != 0 && walk?.NodeWalkers() is { } walkers ? walkers : default);
    }

    /// <summary>Whether a type is <c>JsonNode</c> or derives from it (<c>JsonObject</c>, <c>JsonArray</c>, <c>JsonValue</c>).</summary>
    private static JsonNodeKind NodeKindOf(ITypeSymbol type, KnownTypes known)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (known.Is(current, known.JsonNode))
            {
                return known.Is(type, known.JsonValue) ? JsonNodeKind.Value : JsonNodeKind.Node;
            }
        }

        return JsonNodeKind.None;
    }

    /// <summary>The union of a flags enum's member bits, as a <c>ulong</c> literal (negative members sign-extended, as a cast does).</summary>
    private static string FlagsMask(ITypeSymbol type)
    {
        ulong mask = 0;
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
        {
            mask |= Bits(field.ConstantValue!);
        }

        return mask.ToString(System.Globalization.CultureInfo.InvariantCulture) + "UL";
    }

    /// <summary>The C# keyword of an enum's underlying type when it is signed, else <c>null</c>.</summary>
    /// <remarks>
    /// Not <see cref="LoggerCategory"/>'s keyword table: choosing the four signed types is this
    /// switch's point (the keyword comes with them), and that table follows the runtime's category names.
    /// </remarks>
    private static string? SignedKeyword(ITypeSymbol type) => (type as INamedTypeSymbol)?.EnumUnderlyingType?.SpecialType switch
    {
        SpecialType.System_SByte => "sbyte",
        SpecialType.System_Int16 => "short",
        SpecialType.System_Int32 => "int",
        SpecialType.System_Int64 => "long",
        _ => null,
    };

    /// <summary>An enum constant's bits as a <c>ulong</c>, negative values sign-extended as a cast does.</summary>
    public static ulong Bits(object constant) => constant switch
    {
        ulong u => u,
        uint u => u,
        ushort u => u,
        byte u => u,
        var signed => unchecked((ulong)System.Convert.ToInt64(signed, System.Globalization.CultureInfo.InvariantCulture)),
    };

    public static ITypeSymbol UnwrapNullable(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : type;

    public static PrimitiveKind PrimitiveOf(ITypeSymbol type, KnownTypes known) => type.SpecialType switch
    {
        SpecialType.System_String => PrimitiveKind.String,
        SpecialType.System_Boolean => PrimitiveKind.Boolean,
        SpecialType.System_Byte => PrimitiveKind.Byte,
        SpecialType.System_SByte => PrimitiveKind.SByte,
        SpecialType.System_Int16 => PrimitiveKind.Int16,
        SpecialType.System_UInt16 => PrimitiveKind.UInt16,
        SpecialType.System_Int32 => PrimitiveKind.Int32,
        SpecialType.System_UInt32 => PrimitiveKind.UInt32,
        SpecialType.System_Int64 => PrimitiveKind.Int64,
        SpecialType.System_UInt64 => PrimitiveKind.UInt64,
        SpecialType.System_Single => PrimitiveKind.Single,
        SpecialType.System_Double => PrimitiveKind.Double,
        SpecialType.System_Decimal => PrimitiveKind.Decimal,
        SpecialType.System_DateTime => PrimitiveKind.DateTime,
        _ when known.Is(type, known.Guid) => PrimitiveKind.Guid,
        _ when known.Is(type, known.DateTimeOffset) => PrimitiveKind.DateTimeOffset,
        _ => PrimitiveKind.None,
    };

    /// <summary>Number ranges for the schema, as JSON numbers (the binder refuses anything outside).</summary>
    public static KeyValuePair<string, string>? Range(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Byte => new("0", "255"),
        PrimitiveKind.SByte => new("-128", "127"),
        PrimitiveKind.Int16 => new("-32768", "32767"),
        PrimitiveKind.UInt16 => new("0", "65535"),
        PrimitiveKind.Int32 => new("-2147483648", "2147483647"),
        PrimitiveKind.UInt32 => new("0", "4294967295"),
        PrimitiveKind.Int64 => new("-9223372036854775808", "9223372036854775807"),
        PrimitiveKind.UInt64 => new("0", "18446744073709551615"),
        PrimitiveKind.Single => new("-3.4028235E+38", "3.4028235E+38"),
        PrimitiveKind.Double => new("-1.7976931348623157E+308", "1.7976931348623157E+308"),
        PrimitiveKind.Decimal => new("-79228162514264337593543950335", "79228162514264337593543950335"),
        _ => null,
    };
}
