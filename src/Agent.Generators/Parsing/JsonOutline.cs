using System.Collections.Generic;
using System.Globalization;
using System.Text;

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
/// A JSON value of a text with where each part of it is, for the checks that report inside a
/// stated schema (<see cref="StatedSchemaChecks"/>). It reads only text that
/// <see cref="CompactJson"/> has accepted (that reader words the errors); anything else gives
/// <c>null</c>. Built only when diagnostics are reported, never by the generator's pipeline.
/// </summary>
internal sealed class JsonOutline
{
    private JsonOutline(JsonOutlineKind kind, int start)
    {
        Kind = kind;
        Start = start;
    }

    public JsonOutlineKind Kind { get; }

    /// <summary>The index of the value's first character in the text.</summary>
    public int Start { get; }

    /// <summary>How many characters of the text the value takes.</summary>
    public int Length { get; private set; }

    /// <summary>A string's value, unescaped; a number, boolean or <c>null</c> as written; <c>null</c> for objects and arrays.</summary>
    public string? Text { get; private set; }

    /// <summary>An object's members, in written order (empty for other kinds).</summary>
    public List<JsonOutlineMember> Members { get; } = [];

    /// <summary>An array's items (empty for other kinds).</summary>
    public List<JsonOutline> Items { get; } = [];

    /// <summary>The outline of <paramref name="text"/>, or <c>null</c> when it is not valid JSON.</summary>
    public static JsonOutline? Read(string text)
    {
        var position = 0;
        var value = ReadValue(text, ref position, 0);
        SkipWhiteSpace(text, ref position);
        return position == text.Length ? value : null;
    }

    private static JsonOutline? ReadValue(string text, ref int position, int depth)
    {
        SkipWhiteSpace(text, ref position);
        if (position >= text.Length || depth > CompactJson.MaxDepth)
        {
            return null;
        }

        var node = text[position] switch
        {
            '{' => ReadObject(text, ref position, depth),
            '[' => ReadArray(text, ref position, depth),
            '"' => ReadString(text, ref position),
            _ => ReadLiteral(text, ref position),
        };
        if (node is not null)
        {
            node.Length = position - node.Start;
        }

        return node;
    }

    private static JsonOutline? ReadObject(string text, ref int position, int depth)
    {
        var node = new JsonOutline(JsonOutlineKind.Object, position);
        position++;
        if (Next(text, ref position) == '}')
        {
            position++;
            return node;
        }

        while (true)
        {
            if (Next(text, ref position) != '"')
            {
                return null;
            }

            var nameStart = position + 1;
            if (ReadString(text, ref position)?.Text is not { } name)
            {
                return null;
            }

            var nameLength = position - 1 - nameStart;
            if (Next(text, ref position) != ':')
            {
                return null;
            }

            position++;
            if (ReadValue(text, ref position, depth + 1) is not { } value)
            {
                return null;
            }

            node.Members.Add(new JsonOutlineMember(name, nameStart, nameLength, value));
            switch (Next(text, ref position))
            {
                case ',':
                    position++;
                    continue;
                case '}':
                    position++;
                    return node;
                default:
                    return null;
            }
        }
    }

    private static JsonOutline? ReadArray(string text, ref int position, int depth)
    {
        var node = new JsonOutline(JsonOutlineKind.Array, position);
        position++;
        if (Next(text, ref position) == ']')
        {
            position++;
            return node;
        }

        while (true)
        {
            if (ReadValue(text, ref position, depth + 1) is not { } item)
            {
                return null;
            }

            node.Items.Add(item);
            switch (Next(text, ref position))
            {
                case ',':
                    position++;
                    continue;
                case ']':
                    position++;
                    return node;
                default:
                    return null;
            }
        }
    }

    /// <summary>The string at the '"' at <paramref name="position"/>, unescaped.</summary>
    private static JsonOutline? ReadString(string text, ref int position)
    {
        var node = new JsonOutline(JsonOutlineKind.String, position);
        var builder = new StringBuilder();
        position++;
        while (position < text.Length && text[position] != '"')
        {
            if (text[position] != '\\')
            {
                builder.Append(text[position++]);
                continue;
            }

            if (position + 1 >= text.Length)
            {
                return null;
            }

            var escape = text[position + 1];
            if (escape == 'u')
            {
                if (position + 6 > text.Length
                    || !int.TryParse(text.Substring(position + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    return null;
                }

                builder.Append((char)code);
                position += 6;
                continue;
            }

            builder.Append(escape switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => escape, // '"', '\\' and '/' stand for themselves
            });
            position += 2;
        }

        if (position >= text.Length)
        {
            return null;
        }

        position++;
        node.Text = builder.ToString();
        node.Length = position - node.Start;
        return node;
    }

    /// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c>: up to the next delimiter.</summary>
    private static JsonOutline? ReadLiteral(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && text[position] is not (',' or '}' or ']' or ' ' or '\t' or '\n' or '\r'))
        {
            position++;
        }

        var literal = text.Substring(start, position - start);
        var kind = literal switch
        {
            "" => (JsonOutlineKind?)null,
            "true" or "false" => JsonOutlineKind.Boolean,
            "null" => JsonOutlineKind.Null,
            _ => JsonOutlineKind.Number,
        };
        return kind is { } known ? new JsonOutline(known, start) { Text = literal } : null;
    }

    /// <summary>The next character that is not white space (<c>'\0'</c> at the end).</summary>
    private static char Next(string text, ref int position)
    {
        SkipWhiteSpace(text, ref position);
        return position < text.Length ? text[position] : '\0';
    }

    private static void SkipWhiteSpace(string text, ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\n' or '\r')
        {
            position++;
        }
    }
}
