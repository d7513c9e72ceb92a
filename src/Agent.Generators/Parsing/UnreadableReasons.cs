using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Why the source-generated context cannot read one object type (and, for some, cannot write it either), as .NET 10 behaves
/// (each checked against the real context by the execution tests): a deserialization constructor
/// parameter that binds to no member, or to two differing only in case (<see cref="ConstructorBinding"/>);
/// a property marked Populate whose type cannot be populated, or reads a type discriminator; Populate in a type created with values in hand
/// (<see cref="ObjectCreation"/>); Populate into a <c>ReadOnlyCollection&lt;T&gt;</c> and its kin,
/// or into a value with <c>init</c>-only properties; Populate on a read-only property under
/// <c>IgnoreReadOnlyProperties</c> (<see cref="ReadOnlyMembers"/>); a <c>[JsonExtensionData]</c> property set as the object is created, or required (<see cref="ExtensionDataFaults.Prepared"/>). Every Populate rule holds under
/// <c>WhenReading</c> too (.NET 10 populates such a property all the same). All but an unbound parameter,
/// the read-only collection and the <c>init</c>-only property fail as the context prepares the type, so
/// every read and every write of it (<see cref="Unwritable"/>, GA0021 for a result); an unbound
/// parameter every read; those two every request that sends the member.
/// The same rules for a field are <see cref="PopulatedFieldFaults"/>; the faults of attributes and
/// options beyond these are <see cref="ContractFaults"/>, <see cref="PolymorphismFaults"/>,
/// <see cref="JsonNameCollisions"/>, <see cref="NumberHandlingFaults"/> and
/// <see cref="ExtensionDataFaults.DisallowedUnmapped"/>, all found as the type is prepared.
/// </summary>
internal static class UnreadableReasons
{
    private const string PopulateAttribute = "[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]";

    /// <summary>The first reason the context cannot read <paramref name="type"/>, with the fix, or null.</summary>
    /// <param name="type">The object type read.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    /// <param name="populated">
    /// Whether the value is populated in place (the value of a property the context populates): it
    /// is then never created, so a constructor parameter that binds nothing does no harm.
    /// </param>
    public static string? Of(INamedTypeSymbol type, KnownTypes known, bool populated = false)
    {
        if (Prepared(type, known) is { } prepared)
        {
            return prepared;
        }

        // A value populated in place is never created; nor is a type a discriminator may replace with a derived type, for the requests naming one.
        var created = !populated && !ContractFaults.ReadsDerivedTypes(type);
        if ((populated ? ContractFaults.RequiredNeverRead(type, known) : created ? ContractFaults.InaccessibleConstructor(type, known) ?? ContractFaults.NoConstructor(type, known) ?? ContractFaults.AbstractType(type) : null) is { } creation)
        {
            return creation;
        }

        var name = type.ToDisplayString(Names.InMessage);
        if (created && ConstructorBinding.Unbound(type, known) is var (constructor, parameter))
        {
            return $"the constructor '{ObjectCreation.Display(constructor)}' System.Text.Json creates '{name}' with has the parameter '{parameter.Name}', "
                + $"which binds to no property or field of '{name}' (one of the same name, ignoring case, and the same type, '{parameter.Type.ToDisplayString(Names.InMessage)}'), "
                + $"so the context throws InvalidOperationException whenever it reads a '{name}'; "
                + "add that property, rename the parameter after the property it sets, or mark [JsonConstructor] a constructor whose parameters all bind";
        }

        if (RequiredMembers(type, known).Select(member => ContractFaults.RequiredIncludedWithoutSetter(type, member, known)).FirstOrDefault(reason => reason is not null) is { } included)
        {
            return included;
        }

        // A value populated in place is not judged here: the member's fate there has not been checked against the real context.
        if (!populated && ContractMembers(type, known).Select(member => ContractFaults.IncludedWithoutSetter(type, member, known)).FirstOrDefault(reason => reason is not null) is { } unsettable)
        {
            return unsettable;
        }

        foreach (var property in Properties(type, known))
        {
            if (Populated(property, type, known, writing: false) is { } reason)
            {
                return reason;
            }
        }

        return ContractMembers(type, known).OfType<IFieldSymbol>().Select(field => PopulatedFieldFaults.WhenSent(field, type, known)).FirstOrDefault(reason => reason is not null);
    }

    /// <summary>
    /// The first reason the context cannot write <paramref name="type"/> either, with the fix, or
    /// null: the faults .NET 10 finds as it prepares the type (<c>JsonTypeInfo.Configure</c>), before
    /// any value is read or written, so every write of the type, and of any type holding it, fails too.
    /// </summary>
    public static string? Unwritable(INamedTypeSymbol type, KnownTypes known)
    {
        if (Prepared(type, known) is { } prepared)
        {
            return prepared;
        }

        foreach (var property in Properties(type, known))
        {
            if (Populated(property, type, known, writing: true) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>The faults of the type itself the context finds as it prepares it (reads and writes fail), but for its properties' Populate.</summary>
    private static string? Prepared(INamedTypeSymbol type, KnownTypes known)
    {
        var name = type.ToDisplayString(Names.InMessage);
        if (ConstructorBinding.DoublyBound(type, known) is var (withTwo, shared, first, second))
        {
            return $"the constructor '{ObjectCreation.Display(withTwo)}' System.Text.Json creates '{name}' with has the parameter '{shared.Name}', "
                + $"which binds to both '{first}' and '{second}' (members whose names differ only in case), "
                + $"so the context throws InvalidOperationException whenever it reads or writes a '{name}'; "
                + "rename one of them, or make one internal (without [JsonInclude])";
        }

        return ContractFaults.PolymorphicWithoutDerivedTypes(type)
            ?? PolymorphismFaults.Why(type, known)
            ?? JsonNameCollisions.Why(type, ContractMembers(type, known), known)
            ?? RequiredMembers(type, known).Select(member => ContractFaults.RequiredWithoutSetter(type, member, known)).FirstOrDefault(reason => reason is not null)
            ?? ContractMembers(type, known).Select(member => ContractFaults.RequiredKeywordIgnored(type, member, known) ?? ContractFaults.RequiredSetOnlyCollection(type, member, known)
                    ?? ContractFaults.NullConditionOnValueType(type, member, known) ?? NumberHandlingFaults.Prepared(type, member, known)
                    ?? (member is IFieldSymbol field ? PopulatedFieldFaults.Prepared(field, type, known) : null) ?? ExtensionDataFaults.Prepared(type, member, known)
                    ?? ExtensionDataFaults.DisallowedUnmapped(type, member))
                .FirstOrDefault(reason => reason is not null);
    }

    /// <summary>Whether the type has a <c>[JsonConverter]</c> of its own: the converter reads it, whatever its members.</summary>
    public static bool HasConverter(ISymbol symbol, KnownTypes known) =>
        symbol.GetAttributes().Any(a => known.Is(a.AttributeClass, known.JsonConverterAttribute));

    /// <summary>The converter the symbol's own <c>[JsonConverter]</c> names, or null.</summary>
    public static INamedTypeSymbol? OwnConverter(ISymbol symbol, KnownTypes known) =>
        symbol.GetAttributes().FirstOrDefault(a => known.Is(a.AttributeClass, known.JsonConverterAttribute)) is { ConstructorArguments: [{ Value: INamedTypeSymbol converter }] }
            ? converter
            : null;

    /// <summary>Why the context fails on a property's Populate (as it prepares the type, or when a request sends the member), with the fix, or null.</summary>
    /// <param name="property">A property in the context's contract of <paramref name="owner"/>.</param>
    /// <param name="owner">The type being read, which declares or inherits it.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    /// <param name="writing">Whether only the faults that fail writes too are wanted (those found as the type is prepared).</param>
    private static string? Populated(IPropertySymbol property, INamedTypeSymbol owner, KnownTypes known, bool writing)
    {
        var ownerName = owner.ToDisplayString(Names.InMessage);
        var member = $"'{ownerName}.{property.Name}'";
        var support = PopulatedInPlace.Support(property, known);
        var typeName = property.Type.ToDisplayString(Names.InMessage);
        if (PopulatedInPlace.AskedByProperty(property, known) && PopulatedInPlace.PreparedSupport(property, known) == PopulateSupport.Refused)
        {
            return $"{member} is marked {PopulateAttribute}, but its type '{typeName}' cannot be populated in place "
                + "(only a mutable collection or dictionary, a class, or a struct with a setter can, through a getter the context calls), "
                + $"so the context throws InvalidOperationException whenever it reads or writes a '{ownerName}'; declare it as such a type, or remove the attribute";
        }

        if (PopulatedInPlace.AskedByProperty(property, known) && IsPolymorphic(property.Type))
        {
            return $"{member} is marked {PopulateAttribute}, but its type '{typeName}' is polymorphic (a [JsonDerivedType] with a type discriminator), "
                + $"so the context throws InvalidOperationException whenever it reads or writes a '{ownerName}'; "
                + "remove the attribute, or declare the property as a type without a discriminator";
        }

        if (PopulatedInPlace.AskedByProperty(property, known) && ReadOnlyMembers.PopulatedReadOnly(property, owner, known) is { } readOnly)
        {
            return readOnly;
        }

        if (PopulatedInPlace.Source(property, owner, known) is not { } source
            || support is not (PopulateSupport.Populated or PopulateSupport.FailsWhenRead))
        {
            return null;
        }

        var populated = $"{member} is populated in place (JsonObjectCreationHandling.Populate {source})";
        if (ObjectCreation.ParameterizedBecause(owner, known) is { } because)
        {
            return $"{populated}, but the context creates '{ownerName}' with values in hand ({because}), and System.Text.Json populates nothing in such a type: "
                + $"it throws NotSupportedException whenever it reads or writes a '{ownerName}'; remove the Populate, or give '{ownerName}' a public parameterless constructor and settable members";
        }

        if (writing)
        {
            // The last two fail only when a request sends the member.
            return null;
        }

        if (support == PopulateSupport.FailsWhenRead)
        {
            return $"{populated}, but its type '{typeName}' is read-only and cannot be added to, so the context throws NotSupportedException whenever a request sends '{property.Name}'; "
                + "declare it as a mutable collection (List<T>, Dictionary<TKey, TValue>)";
        }

        // Nullable<T> is populated as its struct is (PopulatedStructFieldExecutionTests).
        return TypeClassifier.UnwrapNullable(property.Type) is INamedTypeSymbol valueType && InitOnly(valueType, known) is { } initOnly
            ? $"{populated}, but its type '{typeName}' has the init-only property '{initOnly}', which the generated code cannot set on an existing object, "
                + $"so the context throws InvalidOperationException whenever a request sends '{initOnly}' inside '{property.Name}'; give '{initOnly}' a set accessor, or remove the Populate"
            : null;
    }

    /// <summary>The properties the context has in its contract of <paramref name="type"/> (a derived class's first where one hides another).</summary>
    private static IEnumerable<IPropertySymbol> Properties(INamedTypeSymbol type, KnownTypes known)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (!property.IsStatic && !property.IsIndexer && !property.IsOverride && seen.Add(property.Name)
                    && (SerializedMembers.GetterReachable(property, known) || SerializedMembers.SetterReachable(property, known))
                    && !SchemaBuilder.AlwaysIgnored(property, known))
                {
                    yield return property;
                }
            }
        }
    }

    /// <summary>The members of the contract of <paramref name="type"/> (see <see cref="ContractMembers"/>) marked <c>[JsonRequired]</c>.</summary>
    private static IEnumerable<ISymbol> RequiredMembers(INamedTypeSymbol type, KnownTypes known) =>
        ContractMembers(type, known).Where(RequiredJsonMembers.MarkedJsonRequired);

    /// <summary>
    /// The properties and fields the context has in its contract of <paramref name="type"/>,
    /// <c>[JsonIgnore]</c>d ones included (the context still knows them, without accessors), a
    /// derived class's first where one hides another.
    /// </summary>
    /// <param name="type">The type whose contract it is.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    /// <param name="withPublicFields">
    /// Whether public fields the contract leaves out (no <c>IncludeFields</c>, no <c>[JsonInclude]</c>) count too,
    /// as System.Text.Json's generator counts them when it lays out the fast-path serializer (<see cref="FastPathWrites"/>).
    /// </param>
    internal static IEnumerable<ISymbol> ContractMembers(INamedTypeSymbol type, KnownTypes known, bool withPublicFields = false)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                var inContract = member switch
                {
                    IPropertySymbol { IsStatic: false, IsIndexer: false, IsOverride: false } property =>
                        SerializedMembers.GetterReachable(property, known) || SerializedMembers.SetterReachable(property, known),
                    IFieldSymbol { IsStatic: false, IsConst: false, IsImplicitlyDeclared: false } field =>
                        SerializedMembers.FieldReachable(field, known) || (withPublicFields && field.DeclaredAccessibility == Accessibility.Public),
                    _ => false,
                };
                if (inContract && seen.Add(member.Name))
                {
                    yield return member;
                }
            }
        }
    }

    /// <summary>
    /// Whether the type reads a type discriminator: what .NET 10 refuses to populate when the
    /// property asks for it (a Populate on the type or the options is not refused).
    /// </summary>
    public static bool IsPolymorphic(ITypeSymbol type) =>
        type is INamedTypeSymbol named && TypeDiscriminators.Derived(named).Any(derived => derived.Discriminator is not null);

    /// <summary>The first <c>init</c>-only property of <paramref name="type"/> the context sets, which it cannot set on a value populated in place, or null.</summary>
    public static string? InitOnly(INamedTypeSymbol type, KnownTypes known) =>
        Properties(type, known).FirstOrDefault(p => p.SetMethod is { IsInitOnly: true } && SerializedMembers.SetterReachable(p, known))?.Name;
}
