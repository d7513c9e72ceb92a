using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// An enum value as generated code writes it: a member by its name
/// (<c>global::Sample.Level.Warning</c>, <c>@</c> where the name is a keyword) where naming it
/// compiles, or else the number cast to the type. The number is in parentheses so that a negative
/// one is a cast, not a subtraction (<c>(T)-1</c> parses as one).
/// </summary>
internal static class EnumSource
{
    /// <summary>
    /// A member as the binder's readers assign it. A member generated code cannot name (see
    /// <see cref="Nameable"/>) is still one the request may name: the reader assigns its number.
    /// </summary>
    public static string OfMember(IFieldSymbol member, string typeName) =>
        Nameable(member) ? typeName + "." + Names.Identifier(member.Name) : Cast(typeName, member.ConstantValue!);

    /// <summary>
    /// A parameter's default: the member's name where exactly one member has the value and it is
    /// <see cref="Nameable"/>; otherwise the cast. A constant keeps only its value, not the text the
    /// user wrote, so the cast stays where a name would be the generator's guess: a <c>[Flags]</c>
    /// combination (overlapping members decompose it more than one way; the descriptor's default
    /// spells the names), a value several members share, or one no member has.
    /// </summary>
    public static string OfValue(ITypeSymbol type, object value)
    {
        var typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var bits = TypeClassifier.Bits(value);
        var members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue && TypeClassifier.Bits(f.ConstantValue!) == bits).ToList();
        return members.Count == 1 && Nameable(members[0]) ? typeName + "." + Names.Identifier(members[0].Name) : Cast(typeName, value);
    }

    /// <summary>
    /// Whether generated code may name the member: an enum's members are as accessible as the enum
    /// (which the generated code names already), but a name that is no C# identifier (from another
    /// language's assembly), <c>[Obsolete]</c> (an error with <c>error: true</c>; the file suppresses
    /// only the warnings) or <c>[Experimental]</c> (an error the file does not suppress for a member)
    /// would not compile where the number does.
    /// </summary>
    private static bool Nameable(IFieldSymbol member) =>
        member.CanBeReferencedByName
        && !member.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, "System.ObsoleteAttribute")
            || Names.IsNamed(a.AttributeClass, "System.Diagnostics.CodeAnalysis.ExperimentalAttribute"));

    private static string Cast(string typeName, object value) =>
        "(" + typeName + ")(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")";
}
