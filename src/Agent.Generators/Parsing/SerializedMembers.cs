using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>Which way a JSON contract goes: what the context writes (results) or reads (requests).</summary>
internal enum JsonDirection
{
    Written,
    Read,
}

/// <summary>
/// Which members of a complex type the assembly's source-generated JSON context writes, and which
/// it reads. Each accessor counts on its own: a property is written when its getter is public
/// (internal will do under <c>[JsonInclude]</c>) and read when its setter (or <c>init</c>) is, so
/// <c>{ get; private set; }</c> is written but not read and <c>{ private get; set; }</c> read but
/// not written, but a collection with a setter and no getter the context calls is not read either
/// (<see cref="SetOnlyCollections"/>: the context never sets it). A private accessor under <c>[JsonInclude]</c> is refused with SYSLIB1038 and throws
/// when used, so it counts for neither. Fields: public ones marked <c>[JsonInclude]</c>, or all of
/// them when the context's options set <c>IncludeFields</c>, and internal ones marked
/// <c>[JsonInclude]</c>; a readonly one is written but not read. Whatever the deserialization
/// constructor binds is read, setter or not, and so is a property or field the context populates in place
/// (see <see cref="PopulatedInPlace"/>). <c>[JsonIgnore]</c> and hiding are the schema builder's
/// to apply.
/// </summary>
internal static class SerializedMembers
{
    /// <summary>The type of <paramref name="member"/> when the context writes or reads it, else null.</summary>
    /// <param name="member">A member of the type being described.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    /// <param name="direction">Whether the member must be written or read.</param>
    /// <param name="owner">The type being described, which declares or inherits <paramref name="member"/>.</param>
    /// <param name="boundByConstructor">The names (compared ignoring case) the deserialization constructor's parameters bind.</param>
    public static ITypeSymbol? TypeOf(ISymbol member, INamedTypeSymbol owner, KnownTypes known, JsonDirection direction, ISet<string> boundByConstructor) => member switch
    {
        IPropertySymbol { IsIndexer: false, IsOverride: false } property
            when !property.IsStatic && (direction == JsonDirection.Written ? GetterReachable(property, known) : Read(property, owner, known, boundByConstructor)) => property.Type,
        IFieldSymbol { IsStatic: false, IsConst: false, IsImplicitlyDeclared: false } field
            when Reachable(field, known)
                && (direction == JsonDirection.Written || !field.IsReadOnly || boundByConstructor.Contains(field.Name) || PopulatedInPlace.FieldIs(field, owner, known)) => field.Type,
        _ => null,
    };

    /// <summary>Whether the context's generated code may call the getter of <paramref name="property"/>.</summary>
    public static bool GetterReachable(IPropertySymbol property, KnownTypes known) => Reachable(property.GetMethod, property, known);

    /// <summary>Whether the context's generated code may call the setter (or <c>init</c>) of <paramref name="property"/>.</summary>
    public static bool SetterReachable(IPropertySymbol property, KnownTypes known) => Reachable(property.SetMethod, property, known);

    /// <summary>Whether the context has <paramref name="field"/> in its contract: public under <c>IncludeFields</c>, or public or internal under <c>[JsonInclude]</c>.</summary>
    public static bool FieldReachable(IFieldSymbol field, KnownTypes known) => Reachable(field, known);

    // A collection with a setter but no getter the context calls is never set (GA0026, SetOnlyCollections).
    private static bool Read(IPropertySymbol property, INamedTypeSymbol owner, KnownTypes known, ISet<string> boundByConstructor) =>
        (SetterReachable(property, known) && !SetOnlyCollections.NeverSet(property, owner, known, boundByConstructor))
        || (GetterReachable(property, known) && (boundByConstructor.Contains(property.Name) || PopulatedInPlace.Is(property, owner, known)));

    /// <summary>Whether the context's generated code may call <paramref name="accessor"/>: public, or internal under <c>[JsonInclude]</c>.</summary>
    private static bool Reachable(IMethodSymbol? accessor, IPropertySymbol property, KnownTypes known) =>
        accessor is not null
        && (accessor.DeclaredAccessibility == Accessibility.Public || (IsInternal(accessor) && Included(property, known)));

    private static bool Reachable(IFieldSymbol field, KnownTypes known) =>
        (field.DeclaredAccessibility == Accessibility.Public && (known.IncludeFields || Included(field, known)))
        || (IsInternal(field) && Included(field, known));

    private static bool IsInternal(ISymbol symbol) =>
        symbol.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal;

    /// <summary>Whether <paramref name="member"/> carries <c>[JsonInclude]</c>.</summary>
    public static bool Included(ISymbol member, KnownTypes known) =>
        member.GetAttributes().Any(a => known.Is(a.AttributeClass, known.JsonIncludeAttribute));
}
