using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Finds, in a type a command takes, a <c>[JsonExtensionData]</c> property without a setter the
/// JSON context can call nor <c>[JsonInclude]</c>, a field the context leaves out or cannot set, a member
/// marked <c>[JsonIgnore]</c> (or ignored when reading), or an auto-property whose backing field alone is
/// marked (<c>[field: JsonExtensionData]</c>) (GA0024; analyzer only). System.Text.Json leaves
/// such a property as it is (<c>{ get; } = new();</c>), even one marked Populate (checked against
/// .NET 10's source-generated and reflection contexts), so every member of a request that no
/// property names is dropped without an error. Under <c>[JsonInclude]</c> it adds to the dictionary
/// the getter gives, as it does for a readonly field, so those are not reported. Looks where the
/// <see cref="ContractWalk"/> goes: the members the context reads, items, dictionary values, arrays and derived types.
/// </summary>
internal static class ExtensionDataFaults
{
    /// <summary>
    /// Why the first such member of <paramref name="type"/> itself, inherited ones included, is never
    /// filled, with the fix, or null (probed against .NET 10's source-generated context). One marked
    /// <c>[JsonIgnore]</c>, or <c>[JsonIgnore(Condition = WhenReading)]</c> (even one holding a
    /// dictionary), is never filled; so is a field out of the contract (a public one without
    /// <c>[JsonInclude]</c> nor <c>IncludeFields</c>, an internal one without <c>[JsonInclude]</c>) and a
    /// readonly one without <c>[JsonInclude]</c>, even under <c>IncludeFields</c>, and an auto-property
    /// whose backing field alone is marked (named as the property the author wrote). Unless a constructor
    /// parameter binds it or it is required: the context then throws as it prepares the type (GA0020).
    /// </summary>
    public static string? NeverFilledIn(INamedTypeSymbol type, KnownTypes known)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member is not (IPropertySymbol or IFieldSymbol) || !IsExtensionData(member))
                {
                    continue;
                }

                // [field: JsonExtensionData] marks an auto-property's backing field, which is private and
                // implicitly declared: the context never looks at it, and reads and writes the property
                // as any other member (probed against .NET 10's JSON generator, which says nothing).
                if (member is IFieldSymbol { IsImplicitlyDeclared: true } backing)
                {
                    if (backing.AssociatedSymbol is IPropertySymbol property && !IsExtensionData(property))
                    {
                        return $"property '{type.ToDisplayString(Names.InMessage)}.{property.Name}' has the attribute on its backing field only ([field: JsonExtensionData]), "
                            + $"which the JSON context never looks at{NeverFilledClause}mark the property itself [JsonExtensionData]";
                    }

                    continue;
                }

                if (NeverFilledBecause(member, type, known) is not { } why)
                {
                    continue;
                }

                return $"{(member is IFieldSymbol ? "field" : "property")} '{type.ToDisplayString(Names.InMessage)}.{member.Name}' {why}";
            }
        }

        return null;
    }

    private static string? NeverFilledBecause(ISymbol member, INamedTypeSymbol type, KnownTypes known)
    {
        var ignored = JsonIgnoreConditions.Own(member, known);
        var field = member as IFieldSymbol;
        if ((ignored is IgnoreCondition.Always or IgnoreCondition.WhenReading || field is not null)
            && (RequiredJsonMembers.IsRequired(member, type) || RequiredJsonMembers.BoundByConstructor(type).Contains(member.Name)))
        {
            return null;
        }

        return ignored switch
        {
            IgnoreCondition.Always => $"is marked [JsonIgnore]{NeverFilledClause}remove [JsonIgnore]",
            IgnoreCondition.WhenReading => $"is marked [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]{NeverFilledClause}remove that [JsonIgnore]",
            // A private or protected field under [JsonInclude] is SYSLIB1038's, and makes the context throw.
            _ when field is not null && !SerializedMembers.FieldReachable(field, known) && !SerializedMembers.Included(field, known) =>
                $"is a field the JSON context leaves out (it reads a public one under IncludeFields, else one marked [JsonInclude]){NeverFilledClause}make it public or internal and mark it [JsonInclude]",
            _ when field is { IsReadOnly: true } && !SerializedMembers.Included(field, known) =>
                $"is readonly and not marked [JsonInclude]{NeverFilledClause}mark it [JsonInclude]",
            _ when member is IPropertySymbol property && !SerializedMembers.SetterReachable(property, known) && !SerializedMembers.Included(property, known) =>
                $"has no setter the JSON context can call nor [JsonInclude]{NeverFilledClause}give it a public set accessor or mark it [JsonInclude]",
            _ => null,
        };
    }

    private const string NeverFilledClause = ", so the context never fills it and drops without an error every member of a request that no property names; ";

    /// <summary>
    /// Why the context cannot prepare <paramref name="type"/> for its <c>[JsonExtensionData]</c>
    /// <paramref name="member"/>, with the fix, or null (GA0020, GA0021 for a result). The generated
    /// code sets an <c>init</c>-only property only as it creates the object, so System.Text.Json
    /// binds it as a constructor parameter would be, and extension data cannot bind one; nor can it
    /// be required. It throws <c>InvalidOperationException</c> ("The extension data property … cannot
    /// bind with a parameter in the deserialization constructor", "… marked both as required and as
    /// an extension data property") as it prepares the type, for every read and every write (checked
    /// against .NET 10's source-generated context: an <c>init</c> accessor, public or internal under
    /// <c>[JsonInclude]</c>, a primary constructor's parameter, C# <c>required</c> and <c>[JsonRequired]</c>;
    /// a constructor parameter binding a field under <c>[JsonInclude]</c>, or a member marked <c>[JsonIgnore]</c>,
    /// too, though an ignored <c>init</c> one is never set, so never throws).
    /// </summary>
    /// <param name="type">The type being prepared.</param>
    /// <param name="member">A property or field in the context's contract of <paramref name="type"/>.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static string? Prepared(INamedTypeSymbol type, ISymbol member, KnownTypes known)
    {
        if (!IsExtensionData(member))
        {
            return null;
        }

        // [JsonIgnore] keeps an init accessor from being called, but not a constructor parameter from
        // binding it (the context still throws). An ignored required one is reported before this, as
        // any ignored required member is (ContractFaults).
        var name = type.ToDisplayString(Names.InMessage);
        var why = RequiredJsonMembers.IsRequired(member, type) ? "is required (C# required or [JsonRequired])"
            : RequiredJsonMembers.BoundByConstructor(type).Contains(member.Name) ? "a parameter of the constructor the context creates it with binds it"
            : !SchemaBuilder.AlwaysIgnored(member, known) && member is IPropertySymbol { SetMethod.IsInitOnly: true } property && SerializedMembers.SetterReachable(property, known)
                ? "is init-only (set only as the object is created)"
            : null;
        return why is null
            ? null
            : $"'{name}.{member.Name}' is marked [JsonExtensionData] but {why}, which extension data cannot be, "
                + $"so the context throws InvalidOperationException whenever it reads or writes a '{name}'; "
                + "give it a set accessor, and leave it out of the constructor and of the required members";
    }

    /// <summary>
    /// A type marked <c>[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]</c> itself (the
    /// attribute is not inherited) whose contract holds extension data, its own or inherited, even
    /// ignored: .NET 10 throws <c>InvalidOperationException</c> ("… is marked
    /// 'JsonUnmappedMemberHandling.Disallow' which conflicts with extension data property …") as it
    /// prepares the type, for every read and every write (probed with the source-generated context; the
    /// options' <c>UnmappedMemberHandling = Disallow</c> beside extension data is fine, the extension data
    /// taking the members no property names).
    /// </summary>
    /// <param name="type">The type being prepared.</param>
    /// <param name="member">A property or field in the context's contract of <paramref name="type"/>.</param>
    public static string? DisallowedUnmapped(INamedTypeSymbol type, ISymbol member)
    {
        if (!IsExtensionData(member) || UnmappedMembers.OwnDisallows(type) != true)
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        return $"'{name}' is marked [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] and its '{member.Name}' [JsonExtensionData], "
            + $"which takes the members that name no property: the two conflict, so the context throws InvalidOperationException whenever it reads or writes a '{name}'; "
            + "remove one of them (extension data alone keeps the unknown members, Disallow alone refuses them)";
    }

    public static bool IsExtensionData(ISymbol member) =>
        member.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ExtensionData);

    private const string ExtensionData = "System.Text.Json.Serialization.JsonExtensionDataAttribute";

}
