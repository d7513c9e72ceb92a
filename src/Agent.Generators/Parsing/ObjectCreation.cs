using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Whether the source-generated context creates a type it reads with values already in hand: a
/// parameter of its deserialization constructor, or an <c>init</c>-only or <c>required</c>
/// member, which the generated code can only set in the object initializer. System.Text.Json
/// then treats the type as one with a parameterized constructor (what .NET 10 does): it ignores
/// the options' <c>PreferredObjectCreationHandling</c> for its properties and throws
/// <c>NotSupportedException</c> when one of them is to be populated in place.
/// </summary>
internal static class ObjectCreation
{
    /// <summary>What makes the context create <paramref name="type"/> with values in hand, for a message (<c>its constructor 'T(int a)'</c>), or null.</summary>
    public static string? ParameterizedBecause(INamedTypeSymbol type, KnownTypes known) =>
        // Asked for every property of the type: worked out once per type and compilation.
        known.Readability.ParameterizedBecause(type, t => Find(t, known));

    private static string? Find(INamedTypeSymbol type, KnownTypes known)
    {
        var constructor = RequiredJsonMembers.DeserializationConstructor(type);
        if (constructor is { Parameters.Length: > 0 })
        {
            return $"its constructor '{Display(constructor)}'";
        }

        // Required members count unless the constructor used says it sets them (a struct's own parameterless one does not).
        var requiredCount = !RequiredJsonMembers.RequiredMembersSet(type);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, SetMethod.IsInitOnly: true } property && SerializedMembers.SetterReachable(property, known))
                {
                    return $"its init-only property '{property.Name}'";
                }

                if (requiredCount && member is IPropertySymbol { IsStatic: false, IsRequired: true } or IFieldSymbol { IsStatic: false, IsRequired: true })
                {
                    return $"its required member '{member.Name}'";
                }
            }
        }

        return null;
    }

    /// <summary>Whether the context creates <paramref name="type"/> with values in hand (see <see cref="ParameterizedBecause"/>).</summary>
    public static bool IsParameterized(INamedTypeSymbol type, KnownTypes known) => ParameterizedBecause(type, known) is not null;

    /// <summary>A constructor as it is written: <c>Move(string from, string to)</c>.</summary>
    public static string Display(IMethodSymbol constructor) =>
        $"{constructor.ContainingType.Name}({string.Join(", ", constructor.Parameters.Select(p => p.Type.ToDisplayString(Names.InMessage) + " " + p.Name))})";
}
