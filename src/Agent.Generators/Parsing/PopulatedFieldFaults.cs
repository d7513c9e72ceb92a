using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Populate on a field that the source-generated context cannot get past: the rules
/// <see cref="UnreadableReasons"/> applies to a property, as .NET 10 applies them to a field (checked
/// against the real context by <c>ReadOnlyFieldPopulateExecutionTests</c> and
/// <c>PopulatedStructFieldExecutionTests</c>). Marked Populate itself, a field whose type cannot be
/// populated, a struct field without a setter the context holds, a field of a polymorphic type, and
/// (<see cref="ReadOnlyMembers.PopulatedReadOnlyField"/>) a read-only one under
/// <c>IgnoreReadOnlyFields</c> fail as the context prepares the type, and so does a field populated
/// (by its own Populate, its type's or the options') in a type created with values in hand: every
/// read and every write. A populated <c>ReadOnlyCollection&lt;T&gt;</c> and a populated value with an
/// <c>init</c>-only property fail every request that sends them. A <c>[JsonIgnore]</c>d field is never judged.
/// </summary>
internal static class PopulatedFieldFaults
{
    private const string PopulateAttribute = "[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]";

    /// <summary>The first fault of <paramref name="field"/>'s Populate the context finds as it prepares <paramref name="owner"/> (reads and writes fail), with the fix, or null.</summary>
    /// <param name="field">A field in the context's contract of <paramref name="owner"/>.</param>
    /// <param name="owner">The type being prepared.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static string? Prepared(IFieldSymbol field, INamedTypeSymbol owner, KnownTypes known) =>
        SchemaBuilder.AlwaysIgnored(field, known)
            ? null
            : Refused(field, owner, known) ?? StructWithoutSetter(field, owner, known) ?? Polymorphic(field, owner, known)
                ?? ReadOnlyMembers.PopulatedReadOnlyField(field, owner, known) ?? InValuesInHandType(field, owner, known);

    /// <summary>The fault of <paramref name="field"/>'s Populate that fails a request sending it, with the fix, or null.</summary>
    /// <param name="field">A field in the context's contract of <paramref name="owner"/>.</param>
    /// <param name="owner">The type being read.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static string? WhenSent(IFieldSymbol field, INamedTypeSymbol owner, KnownTypes known)
    {
        if (SchemaBuilder.AlwaysIgnored(field, known) || PopulatedInPlace.FieldSource(field, owner, known) is not { } source
            || ObjectCreation.IsParameterized(owner, known))
        {
            return null;
        }

        var populated = $"'{owner.ToDisplayString(Names.InMessage)}.{field.Name}' is populated in place (JsonObjectCreationHandling.Populate {source})";
        var typeName = field.Type.ToDisplayString(Names.InMessage);
        if (Support(field, known) == PopulateSupport.FailsWhenRead)
        {
            return $"{populated}, but its type '{typeName}' is read-only and cannot be added to, so the context throws NotSupportedException whenever a request sends '{field.Name}'; "
                + "declare it as a mutable collection (List<T>, Dictionary<TKey, TValue>)";
        }

        return PopulatedInPlace.FieldIs(field, owner, known) && TypeClassifier.UnwrapNullable(field.Type) is INamedTypeSymbol value && UnreadableReasons.InitOnly(value, known) is { } initOnly
            ? $"{populated}, but its type '{typeName}' has the init-only property '{initOnly}', which the generated code cannot set on an existing object, "
                + $"so the context throws InvalidOperationException whenever a request sends '{initOnly}' inside '{field.Name}'; give '{initOnly}' a set accessor, or remove the Populate"
            : null;
    }

    /// <summary>
    /// A field marked Populate itself whose type no converter can populate, setter or not (an array,
    /// a string, a primitive, an immutable or read-only collection interface, a type with a converter
    /// of its own): the context throws <c>InvalidOperationException</c> ("… doesn't support
    /// populating") as it prepares the type, before it looks at a setter or <c>IgnoreReadOnlyFields</c>.
    /// </summary>
    private static string? Refused(IFieldSymbol field, INamedTypeSymbol owner, KnownTypes known)
    {
        if (!PopulatedInPlace.AskedByField(field, known) || PopulatedInPlace.SupportFor(field, field.Type, settable: true, known) != PopulateSupport.Refused)
        {
            return null;
        }

        var ownerName = owner.ToDisplayString(Names.InMessage);
        return $"'{ownerName}.{field.Name}' is marked {PopulateAttribute}, but its type '{field.Type.ToDisplayString(Names.InMessage)}' cannot be populated in place "
            + "(only a mutable collection or dictionary, a class, or a struct with a setter can), "
            + $"so the context throws InvalidOperationException whenever it reads or writes a '{ownerName}'; declare it as such a type, or remove the attribute";
    }

    /// <summary>
    /// A field of a struct type (or <c>Nullable</c> of one) marked Populate itself without a setter
    /// the context holds (<see cref="ReadOnlyMembers.HeldSetter(IFieldSymbol, KnownTypes)"/>): a
    /// readonly field without <c>[JsonInclude]</c>, or any under <c>WhenReading</c>, which drops it.
    /// A struct is read into a copy that the setter stores, so the context throws
    /// <c>InvalidOperationException</c> ("… is a value type that doesn't have a setter") as it prepares
    /// the type. A readonly one under <c>[JsonInclude]</c> has a setter (one that throws): it is
    /// accepted, and fails only the requests that send it (<see cref="ContractFaults.IncludedWithoutSetter"/>).
    /// </summary>
    private static string? StructWithoutSetter(IFieldSymbol field, INamedTypeSymbol owner, KnownTypes known)
    {
        if (!PopulatedInPlace.AskedByField(field, known) || !field.Type.IsValueType || ReadOnlyMembers.HeldSetter(field, known))
        {
            return null;
        }

        var ownerName = owner.ToDisplayString(Names.InMessage);
        var whenReading = JsonIgnoreConditions.Own(field, known) == IgnoreCondition.WhenReading;
        var why = whenReading ? "it is under [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)], which drops its setter" : "it is a readonly field";
        return $"'{ownerName}.{field.Name}' is marked {PopulateAttribute}, but its type '{field.Type.ToDisplayString(Names.InMessage)}' is a struct, which is populated in a copy the field's setter stores, "
            + $"and {why}, so the context throws InvalidOperationException whenever it reads or writes a '{ownerName}'; "
            + (whenReading ? "remove the WhenReading" : "remove readonly") + ", or remove the attribute";
    }

    /// <summary>
    /// A field marked Populate itself whose type reads a type discriminator: the context throws
    /// <c>InvalidOperationException</c> ("… its type allows polymorphic deserialization") as it
    /// prepares the type. Asked for by the type or the options, such a field is replaced instead.
    /// </summary>
    private static string? Polymorphic(IFieldSymbol field, INamedTypeSymbol owner, KnownTypes known)
    {
        if (!PopulatedInPlace.AskedByField(field, known) || !UnreadableReasons.IsPolymorphic(field.Type))
        {
            return null;
        }

        var ownerName = owner.ToDisplayString(Names.InMessage);
        return $"'{ownerName}.{field.Name}' is marked {PopulateAttribute}, but its type '{field.Type.ToDisplayString(Names.InMessage)}' is polymorphic (a [JsonDerivedType] with a type discriminator), "
            + $"so the context throws InvalidOperationException whenever it reads or writes a '{ownerName}'; "
            + "remove the attribute, or declare the field as a type without a discriminator";
    }

    /// <summary>
    /// A field populated in place (marked Populate itself, or a field the type's Populate can
    /// populate) in a type the context creates with values in hand (<see cref="ObjectCreation"/>):
    /// the context throws <c>NotSupportedException</c> ("… not supported in types with parameterized
    /// constructors") as it prepares the type. The options' Populate is ignored for such a type.
    /// </summary>
    private static string? InValuesInHandType(IFieldSymbol field, INamedTypeSymbol owner, KnownTypes known)
    {
        if (PopulatedInPlace.FieldSource(field, owner, known) is not { } source
            || Support(field, known) is not (PopulateSupport.Populated or PopulateSupport.FailsWhenRead)
            || ObjectCreation.ParameterizedBecause(owner, known) is not { } because)
        {
            return null;
        }

        var ownerName = owner.ToDisplayString(Names.InMessage);
        return $"'{ownerName}.{field.Name}' is populated in place (JsonObjectCreationHandling.Populate {source}), but the context creates '{ownerName}' with values in hand ({because}), "
            + $"and System.Text.Json populates nothing in such a type: it throws NotSupportedException whenever it reads or writes a '{ownerName}'; "
            + $"remove the Populate, or give '{ownerName}' a public parameterless constructor and settable members";
    }

    /// <summary>What the context makes of Populate on <paramref name="field"/> as it prepares the type: a struct needs a setter it holds, even one that throws.</summary>
    private static PopulateSupport Support(IFieldSymbol field, KnownTypes known) =>
        PopulatedInPlace.SupportFor(field, field.Type, settable: ReadOnlyMembers.HeldSetter(field, known), known);
}
