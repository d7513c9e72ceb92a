using System.Collections.Generic;

namespace GuestAgent.Generators.Parsing;

/// <summary>What a <see cref="JsonOutline"/> node is.</summary>
internal enum JsonOutlineKind
{
    Object,
    Array,
    String,
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    Null,
}

/// <summary>A member of a <see cref="JsonOutline"/> object: its name, where the name is, and its value.</summary>
/// <param name="Name">The name, unescaped.</param>
/// <param name="NameStart">The index in the text of the name's first character (after the opening quote).</param>
/// <param name="NameLength">How many characters of the text the name takes between its quotes (escapes included).</param>
/// <param name="Value">The member's value.</param>
internal sealed record JsonOutlineMember(string Name, int NameStart, int NameLength, JsonOutline Value);

/// <summary>
/// A JSON value of a text with where each part of it is: what <see cref="CompactJson"/> reads a
/// stated schema into. The generator's pipeline keeps only the members rendered from it (strings,
/// value-equatable); the analyzer's checks (<see cref="StatedSchemaChecks"/>) read the outline to
/// report inside the string literal.
/// </summary>
internal sealed class JsonOutline
{
    public JsonOutline(JsonOutlineKind kind, int start)
    {
        Kind = kind;
        Start = start;
    }

    public JsonOutlineKind Kind { get; }

    /// <summary>The index of the value's first character in the text.</summary>
    public int Start { get; }

    /// <summary>How many characters of the text the value takes.</summary>
    public int Length { get; set; }

    /// <summary>A string's value, unescaped; a number, boolean or <c>null</c> as written; <c>null</c> for objects and arrays.</summary>
    public string? Text { get; init; }

    /// <summary>An object's members, in written order (empty for other kinds).</summary>
    public List<JsonOutlineMember> Members { get; } = [];

    /// <summary>An array's items (empty for other kinds).</summary>
    public List<JsonOutline> Items { get; } = [];
}
