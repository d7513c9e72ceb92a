using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The request schema an author writes on <c>[Command(RequestSchema = …)]</c> for a value the
/// generator cannot describe (one <c>JsonElement</c> or <c>string</c> taken whole): reading the
/// text, checking it (GA0015; the warnings are <see cref="StatedSchemaChecks"/>'s) and finding where
/// it was written.
/// </summary>
internal static class StatedSchema
{
    /// <summary>The attribute's property, as written in C#.</summary>
    public const string PropertyName = "RequestSchema";

    /// <summary>The 2020-12 meta-schema's URI as often written: with an empty fragment, which names the same document.</summary>
    private const string DialectWithFragment = SchemaBuilder.Dialect + "#";

    /// <summary>Whether <paramref name="uri"/>, a <c>$schema</c>'s value, names draft 2020-12 (with or without the empty fragment).</summary>
    public static bool IsDialect(string uri) => uri is SchemaBuilder.Dialect or DialectWithFragment;

    /// <summary>The text of <c>RequestSchema</c>, or <c>null</c> when it is not given (or given as <c>null</c>).</summary>
    public static string? Text(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == PropertyName)
            {
                return argument.Value.Value as string;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads <paramref name="text"/> as a JSON Schema object: its members, compacted, or why it
    /// cannot be one (invalid JSON, not an object, a <c>$schema</c> of another draft).
    /// </summary>
    /// <param name="text">The stated schema.</param>
    /// <param name="members">Its members, compacted, when it is one.</param>
    /// <param name="error">Why it is not.</param>
    /// <param name="errorOffset">The index in <paramref name="text"/> where the JSON goes wrong; -1 when the error is about the whole text.</param>
    public static bool TryRead(string text, out List<KeyValuePair<string, string>> members, out string error, out int errorOffset)
    {
        if (!CompactJson.TryReadObject(text, out members, out error, out errorOffset))
        {
            return false;
        }

        var dialect = members.FirstOrDefault(m => m.Key == "$schema");
        if (dialect.Key is not null && dialect.Value != String(SchemaBuilder.Dialect) && dialect.Value != String(DialectWithFragment))
        {
            error = $"its '$schema' is {ShownValue(dialect.Value)}, but the descriptors' schemas are draft 2020-12: remove '$schema' (the generator writes it) or make it \"{SchemaBuilder.Dialect}\"";
            members = [];
            return false;
        }

        return true;
    }

    /// <summary>
    /// Where the property is set: the whole <c>RequestSchema = …</c> argument, or only its value
    /// (<paramref name="valueOnly"/>); <c>null</c> when the attribute has no syntax here.
    /// </summary>
    public static Location? Location(AttributeData attribute, bool valueOnly)
    {
        if (Argument(attribute) is not { } argument)
        {
            return null;
        }

        return valueOnly ? argument.Expression.GetLocation() : argument.GetLocation();
    }

    /// <summary>
    /// The character at <paramref name="offset"/> of the schema <paramref name="text"/>, where the
    /// value is a string literal (see <see cref="SourceLiteral"/>); otherwise the whole value, as
    /// <see cref="Location(AttributeData, bool)"/>.
    /// </summary>
    public static Location? Location(AttributeData attribute, string text, int offset) =>
        Location(attribute, text, offset, 1);

    /// <summary>
    /// The <paramref name="length"/> characters from <paramref name="offset"/> of the schema
    /// <paramref name="text"/> (escape sequences and all, in the source), where the value is a
    /// string literal (see <see cref="SourceLiteral"/>); otherwise the whole value.
    /// </summary>
    public static Location? Location(AttributeData attribute, string text, int offset, int length) =>
        Locator(attribute, text)(offset, length);

    /// <summary>
    /// <see cref="Location(AttributeData, string, int, int)"/> for many spans of one schema: the
    /// syntax is fetched and the literal decoded once, not once a span (which, with a warning a
    /// property, made the analyzer's time grow with the square of the schema's length).
    /// </summary>
    public static System.Func<int, int, Location?> Locator(AttributeData attribute, string text)
    {
        if (Argument(attribute) is not { } argument)
        {
            return (_, _) => null;
        }

        var whole = argument.Expression.GetLocation();
        if (argument.Expression is LiteralExpressionSyntax literal && SourceLiteral.Of(literal.Token, text) is { } map)
        {
            return (offset, length) => map.SpanOf(offset, length) is { } span
                ? Microsoft.CodeAnalysis.Location.Create(literal.SyntaxTree, span)
                : whole;
        }

        return (_, _) => whole;
    }

    private static AttributeArgumentSyntax? Argument(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } list }
            ? list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == PropertyName)
            : null;

    /// <summary>A member's value, given as its JSON text, as a message names it: a string quoted, its characters as <see cref="SchemaValueRules.Shown"/> shows them; another value by its kind or as written.</summary>
    private static string ShownValue(string json) =>
        CompactJson.TryReadOutline("{\"v\":" + json + "}", out var holder, out _, out _) && holder.Members.FirstOrDefault()?.Value is { } value
            ? value.Kind == JsonOutlineKind.String ? "\"" + SchemaValueRules.Shown(value.Text!) + "\"" : SchemaValueRules.Describe(value)
            : SchemaValueRules.Shown(json);
}
