using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// <c>JsonUnmappedMemberHandling.Disallow</c>, on the type read (not inherited) or in the options (the
/// type's own <c>Skip</c> wins): the context then refuses a request member that names no member of the
/// type's contract, but takes every name the contract has, those of members it never reads (ignored,
/// read-only) too (probed with .NET 10's source-generated context). So the request schema lists the names
/// (<c>propertyNames</c>), not <c>additionalProperties: false</c>, which would refuse those. Not stated
/// where the names cannot be listed exactly: names compared ignoring case, extension data (which takes the
/// unknown members). Each shape of a polymorphic type (see <see cref="SchemaBuilder"/>) lists its type's names
/// and the discriminator's.
/// </summary>
internal static class UnmappedMembers
{
    private const string Attribute = "System.Text.Json.Serialization.JsonUnmappedMemberHandlingAttribute";
    private const int Disallow = 1;

    /// <summary>The type's own <c>[JsonUnmappedMemberHandling]</c>: whether it disallows unmapped members, or null without one (not inherited).</summary>
    public static bool? OwnDisallows(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => Names.IsNamed(a.AttributeClass, Attribute)) is { ConstructorArguments: [{ Value: int handling }] }
            ? handling == Disallow
            : null;

    /// <summary>
    /// The names a request may give a value of <paramref name="type"/>, when the context refuses the others; else null.
    /// A shape of a polymorphic type read through it also takes <paramref name="discriminator"/>, the discriminator
    /// member's name; a polymorphic type read otherwise is not judged.
    /// </summary>
    public static IReadOnlyList<string>? AllowedNames(INamedTypeSymbol type, KnownTypes known, string? discriminator)
    {
        if (!(OwnDisallows(type) ?? known.DisallowsUnmapped) || known.NamesIgnoreCase
            || (discriminator is null && type.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, ContractFaults.JsonDerivedTypeAttribute)
                || Names.IsNamed(a.AttributeClass, ContractFaults.JsonPolymorphicAttribute))))
        {
            return null;
        }

        var members = UnreadableReasons.ContractMembers(type, known).ToList();
        return members.Any(ExtensionDataFaults.IsExtensionData)
            ? null
            : members.Select(member => SchemaBuilder.JsonName(member, known)).Concat(discriminator is null ? [] : [discriminator]).Distinct().ToList();
    }
}
