using System.Linq;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// System.Text.Json's <c>JsonNumberHandling</c> as the JSON context applies it, for the schema of the
/// numbers it reads and writes (probed on .NET 10's source-generated context): a member's own
/// <c>[JsonNumberHandling]</c>, else the one on the type being read or written (its inherited members
/// too; a base class's does not reach a derived type), else the options' <c>NumberHandling</c>. A member's
/// or type's reaches the member's number, or the numbers of the collection or dictionary it holds, and no
/// deeper; the options' reach every number. The generated binder reads and writes a parameter's or
/// result's own number itself, strictly, so none applies there.
/// </summary>
internal static class NumberHandlings
{
    /// <summary>The attribute's metadata name.</summary>
    public const string Attribute = "System.Text.Json.Serialization.JsonNumberHandlingAttribute";

    private const int AllowReadingFromString = 1;
    private const int WriteAsString = 2;
    private const int AllowNamedFloatingPointLiterals = 4;

    /// <summary>The flags that change how a number is written, which a fast-path serializer cannot honour.</summary>
    public const int ChangesWrites = WriteAsString | AllowNamedFloatingPointLiterals;

    /// <summary>The handling of a member's value: its own attribute's, else the owner's, else the options'.</summary>
    /// <param name="member">A property or field of <paramref name="owner"/>'s contract.</param>
    /// <param name="owner">The type being read or written.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static int Of(ISymbol member, INamedTypeSymbol owner, KnownTypes known) =>
        Own(member) ?? Own(owner) ?? known.NumberHandling;

    /// <summary>The handling of a collection's item or a dictionary's value: the collection's for a number, else the options'.</summary>
    public static int ForItem(ITypeSymbol item, int handling, KnownTypes known) =>
        IsNumberOrObject(TypeClassifier.UnwrapNullable(item)) ? handling : known.NumberHandling;

    /// <summary>The schema of a number of <paramref name="kind"/> read or written under <paramref name="handling"/>.</summary>
    public static string Apply(string schema, PrimitiveKind kind, int handling, JsonDirection direction)
    {
        if (direction == JsonDirection.Read && (handling & AllowReadingFromString) != 0)
        {
            // A string holding the number too ("NaN" and the infinities for a float).
            return Object([Member("anyOf", Array([schema, Object([Member("type", String("string"))])]))]);
        }

        if (direction == JsonDirection.Written && (handling & WriteAsString) != 0)
        {
            return Object([Member("type", String("string"))]);
        }

        return (handling & AllowNamedFloatingPointLiterals) != 0 && kind is PrimitiveKind.Single or PrimitiveKind.Double
            ? Object([Member("anyOf", Array([schema, Object([Member("enum", Array([String("NaN"), String("Infinity"), String("-Infinity")]))])]))])
            : schema;
    }

    /// <summary>Whether System.Text.Json handles <paramref name="type"/> as a number (or an object, which may hold one).</summary>
    public static bool IsNumberOrObject(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Object
        || type.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16
            or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
            or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal
        || (type is INamedTypeSymbol named && (Names.IsNamed(named, "System.Half") || Names.IsNamed(named, "System.Int128") || Names.IsNamed(named, "System.UInt128")));

    /// <summary>The handling <paramref name="symbol"/>'s own <c>[JsonNumberHandling]</c> names, or null without one.</summary>
    public static int? Own(ISymbol symbol) =>
        symbol.GetAttributes().FirstOrDefault(a => Names.IsNamed(a.AttributeClass, Attribute)) is { ConstructorArguments: [{ Value: int handling }] }
            ? handling
            : null;
}
