using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Types System.Text.Json writes as a JSON string although they are neither primitives of the
/// binder nor objects: described as it writes them, not by their public properties.
/// </summary>
internal static class WellKnownSchemas
{
    public static string? For(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Char)
        {
            return Object([Member("type", String("string")), Member("minLength", "1"), Member("maxLength", "1")]);
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return Object([Member("type", String("string")), Member("contentEncoding", String("base64"))]);
        }

        return type.ToDisplayString() switch
        {
            "System.DateOnly" => Object([Member("type", String("string")), Member("format", String("date"))]),
            "System.TimeSpan" or "System.TimeOnly" or "System.Uri" or "System.Version" => Object([Member("type", String("string"))]),
            _ => null,
        };
    }
}
