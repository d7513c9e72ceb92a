using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Faults of a type's JSON contract the source-generated context cannot get past, beyond the
/// constructor binding and Populate ones (<see cref="UnreadableReasons"/>), as .NET 10 behaves
/// (each checked against the real context by the execution tests): a <c>[JsonPolymorphic]</c>
/// without a <c>[JsonDerivedType]</c> and a <c>[JsonRequired]</c> property without a setter fail as
/// the context prepares the type (reads and writes); a private or protected <c>[JsonConstructor]</c>
/// fails every read of a created value; <c>RespectRequiredConstructorParameters</c> fails every read
/// of a value populated in place whose constructor sets a member nothing else can.
/// </summary>
internal static class ContractFaults
{
    private const string JsonPolymorphicAttribute = "System.Text.Json.Serialization.JsonPolymorphicAttribute";
    private const string JsonDerivedTypeAttribute = "System.Text.Json.Serialization.JsonDerivedTypeAttribute";

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

        var name = type.ToDisplayString(Names.Short);
        return $"'{name}' is marked [JsonPolymorphic] but names no [JsonDerivedType], so the context throws InvalidOperationException whenever it reads or writes a '{name}'; "
            + "add a [JsonDerivedType] for each derived type, or remove [JsonPolymorphic]";
    }

    /// <summary>
    /// A property of the contract marked <c>[JsonRequired]</c> without a setter the context calls
    /// (none, a private one, an internal one without <c>[JsonInclude]</c>), even one a constructor
    /// parameter binds: the context throws <c>InvalidOperationException</c> ("… is marked required
    /// but does not specify a setter") as it prepares the type. An <c>init</c> accessor will do, and
    /// so, under <c>RespectRequiredConstructorParameters</c>, does a constructor parameter without a
    /// default that binds it (the context reads the property through that parameter then).
    /// </summary>
    public static string? RequiredWithoutSetter(INamedTypeSymbol type, IPropertySymbol property, KnownTypes known)
    {
        if (SerializedMembers.SetterReachable(property, known)
            || !property.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, RequiredJsonMembers.JsonRequiredAttribute))
            || SetByRequiredParameter(type, property, known))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.Short);
        return $"'{name}.{property.Name}' is marked [JsonRequired] but has no setter the context calls, so the context throws InvalidOperationException whenever it reads or writes a '{name}'; "
            + "give it a public set or init accessor (or an internal one with [JsonInclude]), or remove [JsonRequired]";
    }

    /// <summary>
    /// A class whose <c>[JsonConstructor]</c> is private, protected or private protected: the
    /// generated code cannot call it (the JSON generator warns SYSLIB1222) and the context throws
    /// <c>NotSupportedException</c> whenever it creates one. A struct is created with its default
    /// constructor instead, an internal constructor is called, and an abstract class's is never
    /// called (the derived type its type discriminator names is created).
    /// </summary>
    public static string? InaccessibleConstructor(INamedTypeSymbol type)
    {
        if (type.IsValueType || type.IsAbstract || RequiredJsonMembers.MarkedConstructor(type) is not { } constructor || Accessible(constructor))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.Short);
        return $"its [JsonConstructor] constructor '{ObjectCreation.Display(constructor)}' is {AccessibilityWord(constructor.DeclaredAccessibility)}, which the context's generated code cannot call (SYSLIB1222), "
            + $"so the context throws NotSupportedException whenever it reads a '{name}'; make the constructor public or internal";
    }

    /// <summary>Whether a struct's <c>[JsonConstructor]</c> is one the context ignores (it cannot call it), creating the struct with its default constructor.</summary>
    public static bool IgnoredConstructor(INamedTypeSymbol type, IMethodSymbol constructor) => type.IsValueType && !Accessible(constructor);

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
                var name = type.ToDisplayString(Names.Short);
                return $"a '{name}' here is populated in place, never created, but the context's options set RespectRequiredConstructorParameters, which makes the parameter '{parameter.Name}' "
                    + $"of its constructor '{ObjectCreation.Display(constructor)}' required, and '{members[0].Name}', which it binds, has no setter the context calls, so it is never read: "
                    + $"the context throws JsonException (missing required properties) for every request that sends this value; give '{members[0].Name}' a setter, give '{parameter.Name}' a default value, or remove the Populate";
            }
        }

        return null;
    }

    private static bool SetByRequiredParameter(INamedTypeSymbol type, IPropertySymbol property, KnownTypes known) =>
        known.RequiredConstructorParameters
        && RequiredJsonMembers.DeserializationConstructor(type) is { } constructor
        && constructor.Parameters.Any(parameter => !parameter.HasExplicitDefaultValue
            && ConstructorBinding.BoundMembers(type, parameter, known).Any(member => SymbolEqualityComparer.Default.Equals(member, property)));

    private static bool Accessible(IMethodSymbol constructor) =>
        constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static string AccessibilityWord(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
