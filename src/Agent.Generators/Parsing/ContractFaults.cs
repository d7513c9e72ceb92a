using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Faults of a type's JSON contract the source-generated context cannot get past, beyond the
/// constructor binding and Populate ones (<see cref="UnreadableReasons"/>), as .NET 10 behaves
/// (each checked against the real context by the execution tests): a <c>[JsonPolymorphic]</c>
/// without a <c>[JsonDerivedType]</c> (even with a converter of its own) and a <c>[JsonRequired]</c>
/// member without a setter or also <c>[JsonIgnore]</c>d (or ignored when reading), and a
/// <c>WhenWritingNull</c> condition on a value type, fail as the context prepares the type (reads
/// and writes); a <c>[JsonRequired, JsonInclude]</c> member without a setter fails every read, and a
/// <c>[JsonInclude]</c> one every request that sends it; a
/// private or protected <c>[JsonConstructor]</c> fails every read of a created value (but for a type
/// a discriminator may replace with a derived one), and so does a class with no constructor the
/// context uses at all (those two, of creating a type, in <c>ContractFaults.Constructors.cs</c>);
/// <c>RespectRequiredConstructorParameters</c>
/// fails every read of a value populated in place whose constructor sets a member nothing else can.
/// </summary>
internal static partial class ContractFaults
{
    internal const string JsonPolymorphicAttribute = "System.Text.Json.Serialization.JsonPolymorphicAttribute";
    internal const string JsonDerivedTypeAttribute = "System.Text.Json.Serialization.JsonDerivedTypeAttribute";

    /// <summary>
    /// A <c>[JsonPolymorphic]</c> type (the attribute is not inherited) that names no derived type:
    /// the context throws <c>InvalidOperationException</c> ("Polymorphic configuration … should
    /// specify at least one derived type") as it prepares it, even with a converter of its own.
    /// </summary>
    public static string? PolymorphicWithoutDerivedTypes(INamedTypeSymbol type)
    {
        var attributes = type.GetAttributes();
        if (!attributes.Any(a => Names.IsNamed(a.AttributeClass, JsonPolymorphicAttribute))
            || attributes.Any(a => Names.IsNamed(a.AttributeClass, JsonDerivedTypeAttribute)))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        return $"'{name}' is marked [JsonPolymorphic] but names no [JsonDerivedType], so the context throws InvalidOperationException whenever it reads or writes a '{name}'; "
            + "add a [JsonDerivedType] for each derived type, or remove [JsonPolymorphic]";
    }

    /// <summary>
    /// A member of the contract marked <c>[JsonRequired]</c> that the context has no setter for as
    /// it prepares the type: a property without a setter it calls (none, a private one, an internal
    /// one) or a readonly field, neither under <c>[JsonInclude]</c> (which gives the member a setter
    /// that throws, see <see cref="RequiredIncludedWithoutSetter"/>), even one a constructor
    /// parameter binds; or any member also marked <c>[JsonIgnore]</c>, whose accessors the context
    /// drops, or <c>[JsonIgnore(Condition = WhenReading)]</c>, whose setter it drops. It throws <c>InvalidOperationException</c> ("… is marked required but does not specify
    /// a setter") as it prepares the type. An <c>init</c> accessor will do, and so, under
    /// <c>RespectRequiredConstructorParameters</c>, does a constructor parameter without a default
    /// that binds it (the context reads the member through that parameter then).
    /// </summary>
    /// <param name="type">The type being prepared.</param>
    /// <param name="member">A property or field in the context's contract of <paramref name="type"/>, <c>[JsonIgnore]</c>d or not.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static string? RequiredWithoutSetter(INamedTypeSymbol type, ISymbol member, KnownTypes known)
    {
        if (!RequiredJsonMembers.MarkedJsonRequired(member) || SetByRequiredParameter(type, member, known))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        if (SchemaBuilder.AlwaysIgnored(member, known))
        {
            return $"'{name}.{member.Name}' is marked both [JsonRequired] and [JsonIgnore], so the context has no setter for it and throws InvalidOperationException whenever it reads or writes a '{name}'; "
                + "remove one of the two";
        }

        if (JsonIgnoreConditions.Own(member, known) == IgnoreCondition.WhenReading)
        {
            // WhenReading takes the setter too, even an init or included one, and even one a constructor parameter binds.
            return $"'{name}.{member.Name}' is marked [JsonRequired] but also [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)], so the context never sets it: it throws InvalidOperationException whenever it reads or writes a '{name}'; "
                + "remove one of the two";
        }

        if (Settable(member, known) || SerializedMembers.Included(member, known))
        {
            return null;
        }

        return member is IFieldSymbol
            ? $"'{name}.{member.Name}' is marked [JsonRequired] but is a readonly field, which the context cannot set, so it throws InvalidOperationException whenever it reads or writes a '{name}'; "
                + "remove readonly, or remove [JsonRequired]"
            : $"'{name}.{member.Name}' is marked [JsonRequired] but has no setter the context calls, so the context throws InvalidOperationException whenever it reads or writes a '{name}'; "
                + "give it a public set or init accessor (or an internal one with [JsonInclude]), or remove [JsonRequired]";
    }

    /// <summary>
    /// A required member (<c>[JsonRequired]</c>, or C# <c>required</c> unless the constructor the
    /// context creates the type with is <c>[SetsRequiredMembers]</c>) that is a collection with a setter
    /// and no getter the context calls (<see cref="SetOnlyCollections.IsSetOnlyCollection"/>): the
    /// context turns its deserialization off, then finds a required member without a setter and throws
    /// <c>InvalidOperationException</c> ("… is marked required but does not specify a setter") as it
    /// prepares the type (probed on .NET 10: reads and writes, a list or a dictionary, either kind of
    /// required, also one a constructor parameter binds).
    /// </summary>
    /// <param name="type">The type being prepared.</param>
    /// <param name="member">A property or field in the context's contract of <paramref name="type"/>.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static string? RequiredSetOnlyCollection(INamedTypeSymbol type, ISymbol member, KnownTypes known)
    {
        // A constructor parameter binding it does not help (probed), unless RespectRequiredConstructorParameters makes that
        // parameter required (probed too, as for RequiredWithoutSetter).
        if (!RequiredJsonMembers.IsRequired(member, type) || SetByRequiredParameter(type, member, known)
            || !SetOnlyCollections.IsSetOnlyCollection(member, known, ImmutableHashSet<string>.Empty))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        var required = RequiredJsonMembers.MarkedJsonRequired(member) ? "marked [JsonRequired]" : "a C# required member";
        var remedy = RequiredJsonMembers.MarkedJsonRequired(member) ? "remove [JsonRequired]" : "remove 'required'";
        return $"'{name}.{member.Name}' is {required} but a collection ('{((IPropertySymbol)member).Type.ToDisplayString(Names.InMessage)}') with a setter and no getter the context calls, "
            + $"which System.Text.Json never sets, so the context throws InvalidOperationException whenever it reads or writes a '{name}'; "
            + $"give it a public get accessor, or {remedy}";
    }

    /// <summary>
    /// A C# <c>required</c> member of the contract (not also <c>[JsonRequired]</c>: that one is
    /// <see cref="RequiredWithoutSetter"/>) marked <c>[JsonIgnore]</c> or
    /// <c>[JsonIgnore(Condition = WhenReading)]</c>: the context counts it required, as it does
    /// <c>[JsonRequired]</c>, and has no setter for it, so it throws <c>InvalidOperationException</c>
    /// ("… is marked required but does not specify a setter") as it prepares the type. Not
    /// reported when the constructor the context creates the type with is <c>[SetsRequiredMembers]</c>
    /// (<see cref="RequiredJsonMembers.RequiredMembersSet"/>: the member is not required then; one on
    /// another constructor, or on a struct's own parameterless one, changes nothing), nor for a member
    /// a required constructor parameter binds.
    /// </summary>
    /// <param name="type">The type being prepared.</param>
    /// <param name="member">A property or field in the context's contract of <paramref name="type"/>.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static string? RequiredKeywordIgnored(INamedTypeSymbol type, ISymbol member, KnownTypes known)
    {
        var ignored = JsonIgnoreConditions.Own(member, known);
        if (member is not (IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
            || RequiredJsonMembers.MarkedJsonRequired(member)
            || ignored is not (IgnoreCondition.Always or IgnoreCondition.WhenReading)
            || RequiredJsonMembers.RequiredMembersSet(type)
            || SetByRequiredParameter(type, member, known))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        var ignore = ignored == IgnoreCondition.Always ? "[JsonIgnore]" : "[JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]";
        return $"'{name}.{member.Name}' is a C# required member but also marked {ignore}, so the context counts it required but never sets it: it throws InvalidOperationException whenever it reads or writes a '{name}'; "
            + "remove 'required' or the [JsonIgnore]";
    }

    /// <summary>
    /// A member of the contract under <c>[JsonIgnore(Condition = WhenWritingNull)]</c> whose type is
    /// a value type other than <c>Nullable&lt;T&gt;</c> (never null): the context throws
    /// <c>InvalidOperationException</c> ("… is not valid on value-type member …") as it prepares the
    /// type, so every read and write of it fails. The options' <c>DefaultIgnoreCondition =
    /// WhenWritingNull</c> passes over value types instead.
    /// </summary>
    /// <param name="type">The type being prepared.</param>
    /// <param name="member">A property or field in the context's contract of <paramref name="type"/>.</param>
    /// <param name="known">The compilation's well-known types.</param>
    public static string? NullConditionOnValueType(INamedTypeSymbol type, ISymbol member, KnownTypes known)
    {
        var memberType = member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
        if (!JsonIgnoreConditions.NullConditionOnValueType(member, memberType, known))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        return $"'{name}.{member.Name}' is marked [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] but its type '{memberType.ToDisplayString(Names.InMessage)}' is a value type, never null, "
            + $"so the context throws InvalidOperationException whenever it reads or writes a '{name}'; use JsonIgnoreCondition.WhenWritingDefault, or make the type nullable";
    }

    /// <summary>
    /// A member of the contract marked <c>[JsonRequired]</c> and <c>[JsonInclude]</c> without a
    /// setter the context can call (none, a private or protected one, a readonly field) and not bound
    /// by a constructor parameter: the JSON generator gives it a setter that throws
    /// <c>InvalidOperationException</c> ("… annotated with the JsonIncludeAttribute but is not
    /// visible to the source generator"), so a request that sends it fails, and one that does not
    /// fails as it misses a required member (<c>JsonException</c>): every read of the type fails,
    /// created or populated in place. Writes are fine.
    /// </summary>
    /// <param name="type">The type being read.</param>
    /// <param name="member">A property or field in the context's contract of <paramref name="type"/>.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static string? RequiredIncludedWithoutSetter(INamedTypeSymbol type, ISymbol member, KnownTypes known)
    {
        if (!RequiredJsonMembers.MarkedJsonRequired(member) || !SerializedMembers.Included(member, known) || SchemaBuilder.AlwaysIgnored(member, known)
            || Settable(member, known)
            // A private getter under [JsonInclude] fails as the type is prepared instead (not reported: SYSLIB1038's territory).
            || (member is IPropertySymbol property && !SerializedMembers.GetterReachable(property, known))
            // A member a constructor parameter binds is read through the parameter, not the setter.
            || RequiredJsonMembers.BoundByConstructor(type).Contains(member.Name))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        var what = member is IFieldSymbol ? "is a readonly field" : "has no setter the context can call";
        return $"'{name}.{member.Name}' is marked [JsonRequired] and [JsonInclude] but {what}, so the context fails every read of a '{name}': "
            + $"it throws InvalidOperationException (not visible to the source generator) when a request sends '{member.Name}', and JsonException (missing required properties) when it does not; "
            + (member is IFieldSymbol ? "remove readonly, " : "give it a public set or init accessor (or an internal one), ")
            + "bind it to a constructor parameter, or remove [JsonRequired]";
    }

    /// <summary>
    /// A member of the contract marked <c>[JsonInclude]</c> but not <c>[JsonRequired]</c> (that one is
    /// <see cref="RequiredIncludedWithoutSetter"/>) without a setter the context can call (none, a
    /// private or protected one, a readonly field), not bound by a constructor parameter nor
    /// populated in place: the JSON generator gives it a setter that throws
    /// <c>InvalidOperationException</c> ("… annotated with the JsonIncludeAttribute but is not
    /// visible to the source generator"), so every request that sends the member fails; one without
    /// it is read fine, and writes are fine. Not a member the context never sets on a read (checked):
    /// one under <c>[JsonIgnore(Condition = WhenReading)]</c>, or the <c>[JsonExtensionData]</c>
    /// dictionary, which is filled in place (its setter is called only when its getter gives <c>null</c>,
    /// which the analyzer cannot tell).
    /// </summary>
    /// <param name="type">The type being read (created).</param>
    /// <param name="member">A property or field in the context's contract of <paramref name="type"/>.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static string? IncludedWithoutSetter(INamedTypeSymbol type, ISymbol member, KnownTypes known)
    {
        if (!SerializedMembers.Included(member, known) || RequiredJsonMembers.MarkedJsonRequired(member) || SchemaBuilder.AlwaysIgnored(member, known)
            || Settable(member, known) || ReadAnotherWay(type, member, known) || NeverSetOnRead(member, known))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        var what = member is IFieldSymbol ? "is a readonly field" : "has no setter the context can call";
        return $"'{name}.{member.Name}' is marked [JsonInclude] but {what}, so the context throws InvalidOperationException (not visible to the source generator) "
            + $"whenever a request sends '{member.Name}' in a '{name}'; "
            + (member is IFieldSymbol ? "remove readonly, " : "give it a public set or init accessor (or an internal one), ")
            + "bind it to a constructor parameter, or remove [JsonInclude]";
    }

    /// <summary>Whether <paramref name="member"/> is <c>[JsonIgnore]</c>d when reading, or is the <c>[JsonExtensionData]</c> dictionary.</summary>
    private static bool NeverSetOnRead(ISymbol member, KnownTypes known) =>
        member.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, JsonExtensionDataAttribute)
            || (known.Is(a.AttributeClass, known.JsonIgnoreAttribute) && a.NamedArguments.Any(n => n.Key == "Condition" && IsEnumMember(n.Value, "WhenReading"))));

    // By name rather than number: WhenReading is a recent addition to JsonIgnoreCondition.
    private static bool IsEnumMember(TypedConstant value, string name) =>
        value.Type?.GetMembers(name).OfType<IFieldSymbol>().FirstOrDefault() is { HasConstantValue: true } field && Equals(field.ConstantValue, value.Value);

    private const string JsonExtensionDataAttribute = "System.Text.Json.Serialization.JsonExtensionDataAttribute";

    /// <summary>
    /// Whether the context reads (or fails on) an <paramref name="included"/> member other than
    /// through its setter: a constructor parameter binds it, or it is populated in place (a property:
    /// not checked against the real context, so not judged; a readonly field: read fine); a private getter under <c>[JsonInclude]</c> fails as
    /// the type is prepared instead (not reported: SYSLIB1038's territory).
    /// </summary>
    private static bool ReadAnotherWay(INamedTypeSymbol owner, ISymbol included, KnownTypes known) =>
        RequiredJsonMembers.BoundByConstructor(owner).Contains(included.Name)
        || (included is IPropertySymbol property && (!SerializedMembers.GetterReachable(property, known) || PopulatedInPlace.Is(property, owner, known)))
        || (included is IFieldSymbol field && PopulatedInPlace.FieldIs(field, owner, known));

    /// <summary>
    /// A value populated in place under <c>RespectRequiredConstructorParameters</c> whose constructor
    /// has a parameter without a default every member of which has no setter the context calls: the
    /// parameter is required, but a populated value is never created, so the member is never read
    /// and the context throws <c>JsonException</c> ("… missing required properties …") for every
    /// request that sends the value, whether it carries the member or not.
    /// </summary>
    public static string? RequiredNeverRead(INamedTypeSymbol type, KnownTypes known)
    {
        if (!known.RequiredConstructorParameters || RequiredJsonMembers.DeserializationConstructor(type) is not { } constructor)
        {
            return null;
        }

        foreach (var parameter in constructor.Parameters.Where(p => !p.HasExplicitDefaultValue))
        {
            var members = ConstructorBinding.BoundMembers(type, parameter, known).ToList();
            if (members.Count > 0 && members.All(m => m is IPropertySymbol member && !SerializedMembers.SetterReachable(member, known)))
            {
                var name = type.ToDisplayString(Names.InMessage);
                return $"a '{name}' here is populated in place, never created, but the context's options set RespectRequiredConstructorParameters, which makes the parameter '{parameter.Name}' "
                    + $"of its constructor '{ObjectCreation.Display(constructor)}' required, and '{members[0].Name}', which it binds, has no setter the context calls, so it is never read: "
                    + $"the context throws JsonException (missing required properties) for every request that sends this value; give '{members[0].Name}' a setter, give '{parameter.Name}' a default value, or remove the Populate";
            }
        }

        return null;
    }

    private static bool Settable(ISymbol member, KnownTypes known) =>
        member is IPropertySymbol property ? SerializedMembers.SetterReachable(property, known) : member is IFieldSymbol { IsReadOnly: false };

    private static bool SetByRequiredParameter(INamedTypeSymbol type, ISymbol property, KnownTypes known) =>
        known.RequiredConstructorParameters
        && RequiredJsonMembers.DeserializationConstructor(type) is { } constructor
        && constructor.Parameters.Any(parameter => !parameter.HasExplicitDefaultValue
            && ConstructorBinding.BoundMembers(type, parameter, known).Any(member => SymbolEqualityComparer.Default.Equals(member, property)));
}
