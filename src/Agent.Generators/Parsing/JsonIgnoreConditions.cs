using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// A <c>JsonIgnoreCondition</c>, found by the name of the referenced enum's constant that the
/// attribute's value equals, so this enum need not copy System.Text.Json's numbers (a
/// System.Text.Json older than .NET 9 has no <c>WhenWriting</c> or <c>WhenReading</c> to find).
/// </summary>
internal enum IgnoreCondition
{
    /// <summary>No condition: no <c>[JsonIgnore]</c> and no <c>DefaultIgnoreCondition</c> that applies.</summary>
    None,
    Never,
    Always,
    WhenWritingDefault,
    WhenWritingNull,
    WhenWriting,
    WhenReading,
}

/// <summary>
/// When the source-generated context leaves a member out, as .NET 10 does (checked against the real
/// context by <c>IgnoreConditionSchemaExecutionTests</c>, <c>IgnoreConditionFaultExecutionTests</c> and
/// <c>PopulatedWhenReadingExecutionTests</c>): <c>[JsonIgnore(Condition = WhenReading)]</c> is never read
/// (but a constructor parameter still reads it, and a property populated in place is read through its
/// getter: the condition takes only the setter), <c>WhenWriting</c> never written,
/// <c>WhenWritingNull</c> and <c>WhenWritingDefault</c> written only when not null (not the
/// default); <c>Never</c> is always read and written. A member without a condition of its own takes
/// the options' <c>DefaultIgnoreCondition</c>, of which <c>WhenWritingNull</c> passes over value types
/// (but <c>Nullable&lt;T&gt;</c>) and <c>WhenReading</c> changes nothing. <c>Always</c> (or no
/// <c>Condition</c>) is <see cref="SchemaBuilder.AlwaysIgnored"/>'s.
/// </summary>
internal static class JsonIgnoreConditions
{
    /// <summary>The condition of <paramref name="member"/>'s own <c>[JsonIgnore]</c> (<c>Always</c> without a <c>Condition</c>), or <see cref="IgnoreCondition.None"/>.</summary>
    public static IgnoreCondition Own(ISymbol member, KnownTypes known)
    {
        var attribute = member.GetAttributes().FirstOrDefault(a => known.Is(a.AttributeClass, known.JsonIgnoreAttribute));
        if (attribute is null)
        {
            return IgnoreCondition.None;
        }

        var condition = attribute.NamedArguments.FirstOrDefault(n => n.Key == "Condition");
        return condition.Key is null ? IgnoreCondition.Always : Named(condition.Value);
    }

    /// <summary>The <c>JsonIgnoreCondition</c> member <paramref name="value"/> holds, found by its name; <see cref="IgnoreCondition.None"/> for an unknown one.</summary>
    public static IgnoreCondition Named(TypedConstant value)
    {
        var field = value.Type?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value));
        return field is not null && Enum.TryParse<IgnoreCondition>(field.Name, out var condition) && condition != IgnoreCondition.None
            ? condition
            : IgnoreCondition.None;
    }

    /// <summary>
    /// Whether the context never reads <paramref name="member"/> (under <c>WhenReading</c>) though it
    /// is in its contract: but for a member a constructor parameter binds, which the parameter reads,
    /// and a property populated in place, which .NET 10 reads into its value all the same.
    /// </summary>
    /// <param name="member">A property or field of the type read.</param>
    /// <param name="owner">The type read, which declares or inherits <paramref name="member"/>.</param>
    /// <param name="known">The compilation's well-known types.</param>
    /// <param name="boundByConstructor">The names (compared ignoring case) the deserialization constructor's parameters bind.</param>
    public static bool NotRead(ISymbol member, INamedTypeSymbol owner, KnownTypes known, System.Collections.Generic.ISet<string> boundByConstructor) =>
        Own(member, known) == IgnoreCondition.WhenReading && !boundByConstructor.Contains(member.Name)
        && !(member is IPropertySymbol property && PopulatedInPlace.Is(property, owner, known))
        && !(member is IFieldSymbol field && PopulatedInPlace.FieldIs(field, owner, known));

    /// <summary>Whether the context never writes <paramref name="member"/>: <c>WhenWriting</c>, its own or the options' default.</summary>
    public static bool NotWritten(ISymbol member, KnownTypes known) =>
        OnWrite(member, known) == IgnoreCondition.WhenWriting;

    /// <summary>
    /// Whether the context writes <paramref name="member"/> whatever its value, so that a result
    /// schema may list it as <c>required</c>: no condition that leaves it out at times, or
    /// <c>WhenWritingNull</c> on a value that cannot be null.
    /// </summary>
    /// <param name="member">A property or field the context writes.</param>
    /// <param name="type">Its type (in the type described, generic arguments substituted).</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static bool AlwaysWritten(ISymbol member, ITypeSymbol type, KnownTypes known) => OnWrite(member, known) switch
    {
        IgnoreCondition.None or IgnoreCondition.Never or IgnoreCondition.WhenReading => true,
        IgnoreCondition.WhenWritingNull => NeverNull(type),
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="member"/> carries <c>[JsonIgnore(Condition = WhenWritingNull)]</c> on
    /// a value type other than <c>Nullable&lt;T&gt;</c>: the context throws InvalidOperationException
    /// ("… is not valid on value-type member …") as it prepares the type, for reads and writes alike.
    /// </summary>
    public static bool NullConditionOnValueType(ISymbol member, ITypeSymbol type, KnownTypes known) =>
        Own(member, known) == IgnoreCondition.WhenWritingNull && NeverNull(type);

    /// <summary>The condition that decides whether the context writes <paramref name="member"/>: its own, else the options' default.</summary>
    private static IgnoreCondition OnWrite(ISymbol member, KnownTypes known) =>
        Own(member, known) is var own && own != IgnoreCondition.None ? own : known.DefaultIgnoreCondition;

    private static bool NeverNull(ITypeSymbol type) =>
        type.IsValueType && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;
}
