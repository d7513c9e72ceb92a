using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// What the options' <c>IgnoreReadOnlyProperties</c> and <c>IgnoreReadOnlyFields</c> change, as
/// .NET 10 does (checked against the real context by <c>ReadOnlyMemberExecutionTests</c>). They
/// leave reading alone (a constructor parameter still reads the member it binds), but for
/// <c>Populate</c>: a property without a setter the context holds (<see cref="HasRuntimeSetter"/>)
/// is not populated when the type or the options prefer it, and marked Populate itself it makes the
/// context throw as it prepares the type. What is written depends on how the context writes the
/// type: its fast path (most types) leaves out every property without a <c>set</c> accessor and every
/// readonly field, its metadata path (a type with an <c>object</c> or converted member, a
/// discriminator, extension data...) only those without an ignore condition of their own,
/// <c>[JsonInclude]</c> or a collection type. A result schema leaves out only what both leave out.
/// </summary>
internal static class ReadOnlyMembers
{
    /// <summary>
    /// Whether the context never writes <paramref name="member"/> because it is read-only under the
    /// options' <c>IgnoreReadOnlyProperties</c> (a property without a <c>set</c> or <c>init</c>
    /// accessor) or <c>IgnoreReadOnlyFields</c> (a readonly field), whichever way it writes the type:
    /// not one with <c>[JsonInclude]</c>, a <c>[JsonIgnore]</c> of its own, a collection or
    /// dictionary type, or <c>[JsonExtensionData]</c>, which its metadata path writes.
    /// </summary>
    /// <param name="member">A property or field the context has in its contract.</param>
    /// <param name="type">Its type (in the type described, generic arguments substituted).</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static bool NeverWritten(ISymbol member, ITypeSymbol type, KnownTypes known)
    {
        var readOnly = member switch
        {
            IPropertySymbol property => known.IgnoreReadOnlyProperties && property.SetMethod is null,
            IFieldSymbol field => known.IgnoreReadOnlyFields && field.IsReadOnly,
            _ => false,
        };
        return readOnly
            && !SerializedMembers.Included(member, known)
            && JsonIgnoreConditions.Own(member, known) == IgnoreCondition.None
            && !IsCollection(type)
            && !member.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, JsonExtensionDataAttribute));
    }

    /// <summary>
    /// Whether the context holds a setter for <paramref name="property"/> (.NET's <c>JsonPropertyInfo.Set</c>):
    /// a <c>set</c> or <c>init</c> accessor it calls, or any one under <c>[JsonInclude]</c> (which the
    /// JSON generator replaces with one that throws), but not under <c>[JsonIgnore(Condition =
    /// WhenReading)]</c>, which drops it. Without one a property is read-only to
    /// <c>IgnoreReadOnlyProperties</c>, and a struct cannot be populated.
    /// </summary>
    public static bool HasRuntimeSetter(IPropertySymbol property, KnownTypes known) =>
        JsonIgnoreConditions.Own(property, known) != IgnoreCondition.WhenReading
        && (SerializedMembers.SetterReachable(property, known) || (property.SetMethod is not null && SerializedMembers.Included(property, known)));

    /// <summary>
    /// A property marked Populate itself that the options' <c>IgnoreReadOnlyProperties</c> makes
    /// read-only (no setter the context holds, <see cref="HasRuntimeSetter"/>): the context throws
    /// <c>InvalidOperationException</c> ("… is a read-only member and JsonSerializerOptions has
    /// IgnoreReadOnlyProperties …") as it prepares the type, so every read and write fails.
    /// </summary>
    /// <param name="property">A property of <paramref name="owner"/> marked Populate that the context could populate.</param>
    /// <param name="owner">The type being prepared.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static string? PopulatedReadOnly(IPropertySymbol property, INamedTypeSymbol owner, KnownTypes known)
    {
        if (!known.IgnoreReadOnlyProperties || HasRuntimeSetter(property, known))
        {
            return null;
        }

        var name = owner.ToDisplayString(Names.InMessage);
        return $"'{name}.{property.Name}' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] but has no setter the context holds, "
            + $"and the context's options set IgnoreReadOnlyProperties, so the context throws InvalidOperationException whenever it reads or writes a '{name}'; "
            + "give it a public set accessor, remove the Populate, or remove IgnoreReadOnlyProperties";
    }

    /// <summary>
    /// Whether the context holds a setter for <paramref name="field"/>: one not readonly, or a
    /// readonly one under <c>[JsonInclude]</c> (which the JSON generator gives a setter that throws),
    /// but not one under <c>[JsonIgnore(Condition = WhenReading)]</c>, which drops it.
    /// </summary>
    public static bool HeldSetter(IFieldSymbol field, KnownTypes known) =>
        JsonIgnoreConditions.Own(field, known) != IgnoreCondition.WhenReading
        && (!field.IsReadOnly || SerializedMembers.Included(field, known));

    /// <summary>
    /// A field marked Populate itself that the options' <c>IgnoreReadOnlyFields</c> makes read-only,
    /// having no setter the context holds: a readonly field without <c>[JsonInclude]</c> (public,
    /// under <c>IncludeFields</c>), or any field under <c>[JsonIgnore(Condition = WhenReading)]</c>,
    /// which drops it. The context throws <c>InvalidOperationException</c> ("… is a read-only member
    /// and JsonSerializerOptions has IgnoreReadOnlyProperties or IgnoreReadOnlyFields set") as it
    /// prepares the type, so every read and write fails (checked by <c>ReadOnlyFieldPopulateExecutionTests</c>).
    /// A readonly field under <c>[JsonInclude]</c> is populated fine (the JSON generator gives it a
    /// setter, one that throws, so the context does not count it read-only); Populate asked for by the
    /// type or the options is not applied to such a field, without an error. A field whose type cannot
    /// be populated fails for that first, and so does a struct field without a setter (<see cref="PopulatedFieldFaults"/>).
    /// </summary>
    /// <param name="field">A field in the context's contract of <paramref name="owner"/>.</param>
    /// <param name="owner">The type being prepared.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static string? PopulatedReadOnlyField(IFieldSymbol field, INamedTypeSymbol owner, KnownTypes known)
    {
        var condition = JsonIgnoreConditions.Own(field, known);
        if (!known.IgnoreReadOnlyFields || !PopulatedInPlace.AskedByField(field, known) || condition == IgnoreCondition.Always
            || HeldSetter(field, known)
            || PopulatedInPlace.SupportFor(field, field.Type, settable: false, known) is not (PopulateSupport.Populated or PopulateSupport.FailsWhenRead))
        {
            return null;
        }

        var name = owner.ToDisplayString(Names.InMessage);
        var why = condition == IgnoreCondition.WhenReading ? "is under [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)], which drops its setter" : "is a readonly field";
        return $"'{name}.{field.Name}' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] but {why}, "
            + $"and the context's options set IgnoreReadOnlyFields, so the context throws InvalidOperationException whenever it reads or writes a '{name}'; "
            + (condition == IgnoreCondition.WhenReading ? "remove the WhenReading, " : "remove readonly, mark it [JsonInclude], ")
            + "remove the Populate, or remove IgnoreReadOnlyFields";
    }

    private static bool IsCollection(ITypeSymbol type) =>
        TypeClassifier.UnwrapNullable(type) is var inner
        && (inner is IArrayTypeSymbol
            || (inner is INamedTypeSymbol named && (SchemaBuilder.DictionaryValue(named) is not null || SchemaBuilder.EnumerableItem(named) is not null)));

    private const string JsonExtensionDataAttribute = "System.Text.Json.Serialization.JsonExtensionDataAttribute";
}
