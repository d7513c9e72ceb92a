using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// <c>required</c> members of an instance command class: the registry calls its constructor
/// without an object initializer, so they must be set by a <c>[SetsRequiredMembers]</c> constructor.
/// </summary>
internal static class RequiredMembers
{
    /// <summary>A required member <paramref name="constructor"/> does not promise to set, or <c>null</c>.</summary>
    public static string? FirstUnset(INamedTypeSymbol type, IMethodSymbol constructor) =>
        SetsRequiredMembers(constructor) ? null : First(type);

    /// <summary>The first <c>required</c> field or property of the type or its bases, or <c>null</c>.</summary>
    private static string? First(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                {
                    return member.Name;
                }
            }
        }

        return null;
    }

    public static bool SetsRequiredMembers(IMethodSymbol constructor) =>
        constructor.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute"));
}
