using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Which members of a complex type the assembly's source-generated JSON context writes and reads:
/// public instance properties with a getter; internal ones marked <c>[JsonInclude]</c> (the
/// source generator reaches them; a private one is refused with SYSLIB1038 and fails when used,
/// so it is left out); public fields marked <c>[JsonInclude]</c>, or all of them when the
/// context's options set <c>IncludeFields</c>, and internal fields marked <c>[JsonInclude]</c>.
/// <c>[JsonIgnore]</c> and hiding are the schema builder's to apply.
/// </summary>
internal static class SerializedMembers
{
    /// <summary>The type of <paramref name="member"/> when the context serializes it, else null.</summary>
    public static ITypeSymbol? TypeOf(ISymbol member, KnownTypes known) => member switch
    {
        IPropertySymbol { IsStatic: false, IsIndexer: false, IsOverride: false, GetMethod: not null } property
            when property.DeclaredAccessibility == Accessibility.Public || IncludedInternal(property, known) => property.Type,
        IFieldSymbol { IsStatic: false, IsConst: false, IsImplicitlyDeclared: false } field
            when (field.DeclaredAccessibility == Accessibility.Public && (known.IncludeFields || Included(field, known)))
                || IncludedInternal(field, known) => field.Type,
        _ => null,
    };

    private static bool IncludedInternal(ISymbol member, KnownTypes known) =>
        member.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal && Included(member, known);

    private static bool Included(ISymbol member, KnownTypes known) =>
        member.GetAttributes().Any(a => known.Is(a.AttributeClass, known.JsonIncludeAttribute));
}
