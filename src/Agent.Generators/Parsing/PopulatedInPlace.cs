using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>What System.Text.Json does with a property it is told to populate in place.</summary>
internal enum PopulateSupport
{
    /// <summary>Its value is read into the one the getter returns, under <c>WhenReading</c> too: a mutable collection or dictionary, a class, a struct with a setter (not dropped by <c>WhenReading</c>).</summary>
    Populated,

    /// <summary>
    /// The property's converter cannot populate (an array, a read-only or immutable collection
    /// interface, a string, a primitive, a type with its own converter), or it has no getter, or
    /// it is a struct without a setter: asked for on the property itself, the context throws
    /// <c>InvalidOperationException</c> as it prepares the type; preferred by the type or the
    /// options, the property is replaced instead.
    /// </summary>
    Refused,

    /// <summary>
    /// <c>ReadOnlyCollection&lt;T&gt;</c>, <c>ReadOnlyDictionary&lt;K,V&gt;</c> and their kin: the
    /// converter accepts them, as they implement the mutable interfaces, and throws
    /// <c>NotSupportedException</c> when a value is read into one.
    /// </summary>
    FailsWhenRead,

    /// <summary>A collection this check does not know (<c>Queue&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>...): not listed as read, not reported.</summary>
    Unknown,
}

/// <summary>
/// Which properties the source-generated context populates in place, reading the JSON into the
/// value the getter returns. What .NET 10 does: the handling named on the property wins, then the
/// one on the type being read (not the class that declares an inherited property: a base class's
/// <c>[JsonObjectCreationHandling]</c> does not reach its derived classes, a derived class's does
/// reach the properties it inherits), then the options' <c>PreferredObjectCreationHandling</c>,
/// which is ignored for a type created with values in hand (<see cref="ObjectCreation"/>).
/// Whether the value can be populated is <see cref="Support"/>.
/// </summary>
internal static class PopulatedInPlace
{
    /// <summary><c>JsonObjectCreationHandling.Populate</c>'s value.</summary>
    public const int Populate = 1;

    /// <summary>Whether the context reads <paramref name="property"/> of <paramref name="owner"/> by populating its value (for the schema).</summary>
    /// <param name="property">A property of <paramref name="owner"/>.</param>
    /// <param name="owner">The type being read, which declares or inherits the property.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static bool Is(IPropertySymbol property, INamedTypeSymbol owner, KnownTypes known) =>
        Source(property, owner, known) is not null
        && !ObjectCreation.IsParameterized(owner, known)
        && Support(property, known) == PopulateSupport.Populated;

    /// <summary>
    /// Whether the context reads <paramref name="field"/> of <paramref name="type"/> by populating
    /// its value, as for a property (checked by <c>ReadOnlyFieldPopulateExecutionTests</c> and
    /// <c>IncludedWithoutSetterExecutionTests</c>): a readonly field is populated, through the getter,
    /// and so is one under <c>WhenReading</c>; a struct only through a setter the context can call
    /// (<c>PopulatedStructFieldExecutionTests</c>).
    /// </summary>
    public static bool FieldIs(IFieldSymbol field, INamedTypeSymbol type, KnownTypes known) =>
        FieldSource(field, type, known) is not null
        && !ObjectCreation.IsParameterized(type, known)
        && SupportFor(field, field.Type, settable: FieldAssignable(field, known), known) == PopulateSupport.Populated;

    /// <summary>
    /// Where Populate comes from for <paramref name="field"/> read as part of <paramref name="owner"/>,
    /// as <see cref="Source"/> for a property (<c>on the field</c>, <c>on 'T'</c>, <c>by the context's
    /// options</c>), or null when it is replaced: the type's or the options' Populate passes over a
    /// field without a setter the context holds under <c>IgnoreReadOnlyFields</c>
    /// (<see cref="ReadOnlyMembers.HeldSetter(IFieldSymbol, KnownTypes)"/>), and the options' over a type
    /// created with values in hand.
    /// </summary>
    public static string? FieldSource(IFieldSymbol field, INamedTypeSymbol owner, KnownTypes known) =>
        Handling(field, known) switch
        {
            Populate => "on the field",
            null when known.IgnoreReadOnlyFields && !ReadOnlyMembers.HeldSetter(field, known) => null,
            null => OwnerSource(owner, known),
            _ => null,
        };

    /// <summary>
    /// Whether the context reads the value of <paramref name="member"/> (a property or field) into
    /// the one its getter returns, never creating one: then what only the value's constructor sets is
    /// not read, and a constructor parameter that binds nothing does no harm (what .NET 10 does). A
    /// settable member of a nullable type may hold null, and a null value is created, so it does not
    /// count (fields checked by <c>PopulatedFieldNullExecutionTests</c>).
    /// </summary>
    public static bool NeverCreated(ISymbol member, INamedTypeSymbol owner, KnownTypes known) =>
        IsMember(member, owner, known)
        && !(Assignable(member, known) && OfNullableType(member));

    /// <summary>
    /// Whether the context refuses a JSON <c>null</c> for <paramref name="member"/>: populated in
    /// place without a setter it can assign the null through (a property with none, one
    /// <c>WhenReading</c> drops, a private one, even under <c>[JsonInclude]</c>, whose generated setter
    /// throws; a readonly field, included or not, or one under <c>WhenReading</c>), it throws
    /// <c>InvalidOperationException</c> whenever a request sends <c>null</c> for the member, whatever
    /// its nullable annotation (what .NET 10 does, checked by <c>PopulatedNullExecutionTests</c> and
    /// <c>PopulatedFieldNullExecutionTests</c>). So the request schema admits no null for it.
    /// </summary>
    public static bool RefusesNull(ISymbol member, INamedTypeSymbol owner, KnownTypes known) =>
        IsMember(member, owner, known) && !Assignable(member, known);

    private static bool IsMember(ISymbol member, INamedTypeSymbol owner, KnownTypes known) => member switch
    {
        IPropertySymbol property => Is(property, owner, known),
        IFieldSymbol field => FieldIs(field, owner, known),
        _ => false,
    };

    /// <summary>Whether the context holds a setter for <paramref name="member"/> and its generated code can call it (a null can be assigned).</summary>
    private static bool Assignable(ISymbol member, KnownTypes known) => member switch
    {
        IPropertySymbol property => ReadOnlyMembers.HasRuntimeSetter(property, known) && SerializedMembers.SetterReachable(property, known),
        IFieldSymbol field => FieldAssignable(field, known),
        _ => false,
    };

    private static bool OfNullableType(ISymbol member) =>
        member is IPropertySymbol { Type.NullableAnnotation: NullableAnnotation.Annotated } or IFieldSymbol { Type.NullableAnnotation: NullableAnnotation.Annotated };

    /// <summary>Whether the context can assign <paramref name="field"/>: not readonly (a readonly one's setter under <c>[JsonInclude]</c> throws), and not under <c>WhenReading</c>, which drops the setter.</summary>
    private static bool FieldAssignable(IFieldSymbol field, KnownTypes known) =>
        !field.IsReadOnly && JsonIgnoreConditions.Own(field, known) != IgnoreCondition.WhenReading;

    /// <summary>
    /// Where Populate comes from for <paramref name="property"/> read as part of <paramref name="owner"/>,
    /// for a message (<c>on the property</c>, <c>on 'T'</c>, <c>by the context's options</c>), or
    /// null when it is replaced. The options count only for a type created without values in hand;
    /// neither they nor the type count for a property the options' <c>IgnoreReadOnlyProperties</c>
    /// makes read-only (<see cref="ReadOnlyMembers.HasRuntimeSetter"/>).
    /// </summary>
    public static string? Source(IPropertySymbol property, INamedTypeSymbol owner, KnownTypes known) =>
        Handling(property, known) switch
        {
            Populate => "on the property",
            null when known.IgnoreReadOnlyProperties && !ReadOnlyMembers.HasRuntimeSetter(property, known) => null,
            null => OwnerSource(owner, known),
            _ => null,
        };

    /// <summary>
    /// Where Populate comes from for a member of <paramref name="owner"/> that asks for nothing itself:
    /// the type's own (<c>on 'T'</c>), else the context's options (<c>by the context's options</c>),
    /// which count only for a type created without values in hand; null when neither asks.
    /// </summary>
    private static string? OwnerSource(INamedTypeSymbol owner, KnownTypes known) =>
        Handling(owner, known) switch
        {
            Populate => $"on '{owner.ToDisplayString(Names.InMessage)}'",
            null when known.PopulateByDefault && !ObjectCreation.IsParameterized(owner, known) => "by the context's options",
            _ => null,
        };

    /// <summary>Whether the property itself asks for Populate (the context then refuses a property it cannot populate).</summary>
    public static bool AskedByProperty(IPropertySymbol property, KnownTypes known) => Handling(property, known) == Populate;

    /// <summary>Whether the field itself asks for Populate (the context then refuses a field it cannot populate).</summary>
    public static bool AskedByField(IFieldSymbol field, KnownTypes known) => Handling(field, known) == Populate;

    /// <summary>What the context does with <paramref name="property"/> when it is to be populated (a struct through a setter it can call, which <c>WhenReading</c> drops).</summary>
    public static PopulateSupport Support(IPropertySymbol property, KnownTypes known) =>
        SerializedMembers.GetterReachable(property, known)
            ? SupportFor(property, property.Type, SerializedMembers.SetterReachable(property, known) && JsonIgnoreConditions.Own(property, known) != IgnoreCondition.WhenReading, known)
            : PopulateSupport.Refused;

    /// <summary>
    /// Whether the context accepts Populate on <paramref name="property"/> as it prepares the type:
    /// as <see cref="Support"/>, but a struct needs only a setter the context holds
    /// (<see cref="ReadOnlyMembers.HasRuntimeSetter"/>), even the one that throws which the JSON
    /// generator gives a private setter under <c>[JsonInclude]</c> (the read then fails when a request
    /// sends the member, <see cref="ContractFaults.IncludedWithoutSetter"/>; checked by <c>PopulatedStructFieldExecutionTests</c>).
    /// </summary>
    public static PopulateSupport PreparedSupport(IPropertySymbol property, KnownTypes known) =>
        SerializedMembers.GetterReachable(property, known)
            ? SupportFor(property, property.Type, ReadOnlyMembers.HasRuntimeSetter(property, known), known)
            : PopulateSupport.Refused;

    /// <summary>What the context does with <paramref name="member"/> (a property or field it can get) of type <paramref name="type"/> when it is to be populated.</summary>
    /// <param name="member">The property or field.</param>
    /// <param name="type">Its type.</param>
    /// <param name="settable">Whether the context has a setter for it, not dropped by <c>WhenReading</c> (a struct is populated through it).</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static PopulateSupport SupportFor(ISymbol member, ITypeSymbol type, bool settable, KnownTypes known)
    {
        // Nullable<T>'s converter populates what T's does (a struct, so through the setter; checked by PopulatedStructFieldExecutionTests).
        if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type is INamedTypeSymbol { TypeArguments: [var underlying] })
        {
            return SupportFor(member, underlying, settable, known);
        }

        if (HasConverter(member, known) || HasConverter(type, known)
            || type.SpecialType is SpecialType.System_String or SpecialType.System_Object
            || TypeClassifier.PrimitiveOf(type, known) != Model.PrimitiveKind.None || WellKnownSchemas.For(type) is not null
            || type is IArrayTypeSymbol || type.TypeKind == TypeKind.Enum || known.Is(type, known.JsonElement)
            || InNamespace(type, "System.Collections.Immutable") || InNamespace(type, "System.Text.Json.Nodes"))
        {
            return PopulateSupport.Refused;
        }

        if (type.IsValueType)
        {
            // A struct is read into a copy the setter then stores.
            return settable ? PopulateSupport.Populated : PopulateSupport.Refused;
        }

        if (type is not INamedTypeSymbol named)
        {
            return PopulateSupport.Unknown;
        }

        var interfaces = new[] { named }.Concat(named.AllInterfaces).Select(i => i.OriginalDefinition.ToDisplayString()).ToList();
        if (!interfaces.Contains("System.Collections.IEnumerable"))
        {
            return PopulateSupport.Populated;
        }

        if (InNamespace(type, "System.Collections.ObjectModel") && type.Name.StartsWith("ReadOnly", System.StringComparison.Ordinal))
        {
            return PopulateSupport.FailsWhenRead;
        }

        if (interfaces.Any(i => i is "System.Collections.Generic.ICollection<T>" or "System.Collections.Generic.IDictionary<TKey, TValue>"
                or "System.Collections.IList" or "System.Collections.IDictionary"))
        {
            return PopulateSupport.Populated;
        }

        // The read-only interfaces a property may be declared as: the converter never populates them.
        return named.TypeKind == TypeKind.Interface && named.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IReadOnlyList<T>"
                or "System.Collections.Generic.IReadOnlyCollection<T>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>"
                or "System.Collections.Generic.IReadOnlySet<T>"
            ? PopulateSupport.Refused
            : PopulateSupport.Unknown;
    }

    private static int? Handling(ISymbol symbol, KnownTypes known) =>
        symbol.GetAttributes()
            .FirstOrDefault(a => known.Is(a.AttributeClass, known.JsonObjectCreationHandlingAttribute) && a.ConstructorArguments.Length == 1)
            ?.ConstructorArguments[0].Value as int?;

    private static bool HasConverter(ISymbol symbol, KnownTypes known) =>
        symbol.GetAttributes().Any(a => known.Is(a.AttributeClass, known.JsonConverterAttribute));

    private static bool InNamespace(ITypeSymbol type, string name) => type.ContainingNamespace?.ToDisplayString() == name;
}
