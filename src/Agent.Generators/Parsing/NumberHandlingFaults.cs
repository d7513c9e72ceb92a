using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// A member of the contract marked <c>[JsonNumberHandling]</c> whose type is neither a number nor a
/// collection of numbers. .NET 10 throws <c>InvalidOperationException</c> ("'JsonNumberHandlingAttribute'
/// is only valid on a number or a collection of numbers when applied to a property or field") as it
/// prepares the type, so every read and write of it fails (probed with the source-generated context:
/// a string, <c>bool</c>, <c>char</c>, <c>nint</c>, an enum, <c>byte[]</c>, <c>JsonElement</c>, a class,
/// a list of lists or of strings, a dictionary of lists; a getter-only property, a field under
/// <c>IncludeFields</c>, one under a conditional <c>[JsonIgnore]</c>; with a converter of the member's, of
/// its type's or among the options' too). Fine: the numbers (<c>Half</c>, <c>Int128</c> and <c>UInt128</c>
/// too) and <c>object</c>, a <c>Nullable&lt;T&gt;</c> of a number, and a collection, array, <c>Memory&lt;T&gt;</c>
/// or dictionary of them; a member always ignored, or outside the contract, is never prepared. The nodes are
/// not judged: a <c>JsonObject</c> or <c>JsonNode</c> fails, a <c>JsonArray</c> does not, an unknown rule. The
/// type's own <c>[JsonNumberHandling]</c>, and the options', apply only where they can and fail nothing.
/// </summary>
internal static class NumberHandlingFaults
{
    /// <param name="type">The type being prepared.</param>
    /// <param name="member">A property or field in the context's contract of <paramref name="type"/>.</param>
    /// <param name="known">The compilation's well-known types.</param>
    public static string? Prepared(INamedTypeSymbol type, ISymbol member, KnownTypes known)
    {
        if (!member.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, NumberHandlings.Attribute)) || SchemaBuilder.AlwaysIgnored(member, known))
        {
            return null;
        }

        var memberType = member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
        if (TakesNumberHandling(memberType) || HeldJsonTypes.IsNode(TypeClassifier.UnwrapNullable(memberType), known))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        return $"'{name}.{member.Name}' is marked [JsonNumberHandling], which System.Text.Json allows only on a number or a collection of numbers, "
            + $"and its type is '{memberType.ToDisplayString(Names.InMessage)}', so the context throws InvalidOperationException whenever it reads or writes a '{name}'; "
            + "remove the attribute, or put it on the type (it then applies to the type's numbers only)";
    }

    private static bool TakesNumberHandling(ITypeSymbol type)
    {
        type = TypeClassifier.UnwrapNullable(type);
        if (NumberHandlings.IsNumberOrObject(type))
        {
            return true;
        }

        if (type is IArrayTypeSymbol array)
        {
            // A byte[] is one base64 string.
            return array.ElementType.SpecialType != SpecialType.System_Byte && NumberHandlings.IsNumberOrObject(TypeClassifier.UnwrapNullable(array.ElementType));
        }

        if (type is not INamedTypeSymbol named || named.SpecialType == SpecialType.System_String)
        {
            return false;
        }

        if (HeldJsonTypes.MemoryItem(named) is { } memoryItem)
        {
            // A Memory<byte> is one base64 string too.
            return memoryItem.SpecialType != SpecialType.System_Byte && NumberHandlings.IsNumberOrObject(TypeClassifier.UnwrapNullable(memoryItem));
        }

        if ((SchemaBuilder.DictionaryValue(named) ?? SchemaBuilder.EnumerableItem(named)) is { } item)
        {
            return NumberHandlings.IsNumberOrObject(TypeClassifier.UnwrapNullable(item));
        }

        // A collection of objects (ArrayList, Hashtable…) takes it; other types do not.
        return named.SpecialType == SpecialType.System_Collections_IEnumerable
            || named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable);
    }
}
