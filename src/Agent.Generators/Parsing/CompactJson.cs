using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Reads a hand-written JSON object (a command's stated request schema) strictly, as RFC 8259
/// defines JSON: no comments, no trailing commas, no duplicate member names, no lone surrogates,
/// at most <see cref="MaxDepth"/> levels deep (so the schema document stays readable, below).
/// It reads the text into a <see cref="JsonOutline"/> (each value with where it is), which serves
/// both its users: the generator's pipeline takes the members rendered the way
/// <see cref="JsonText"/> renders derived schemas (compact, strings re-escaped, numbers as
/// written), and the analyzer's warnings (<see cref="StatedSchemaChecks"/>) the outline itself.
/// The generator has no JSON library (netstandard2.0, no dependencies), hence this small reader.
/// </summary>
internal sealed partial class CompactJson
{
    /// <summary>
    /// The deepest nesting of a stated schema: <c>guest-agent schema</c> prints it 3 levels down in
    /// its document (the root object, <c>commands</c>, the command), and a JSON reader's default limit
    /// (<c>JsonDocument</c>'s, among others) is 64 levels for the whole document.
    /// </summary>
    public const int MaxDepth = DocumentMaxDepth - LevelsAboveInDocument;

    private const int DocumentMaxDepth = 64;
    private const int LevelsAboveInDocument = 3;

    private readonly string _text;
    private int _position;
    private string? _error;
    private int _errorPosition;

    private CompactJson(string text) => _text = text;

    /// <summary>
    /// Reads <paramref name="text"/> as one JSON object. On success <paramref name="members"/> holds
    /// its members in written order, each value rendered compactly; otherwise <paramref name="error"/>
    /// says what is wrong and where (line and column in the text, from 1).
    /// </summary>
    public static bool TryReadObject(string text, out List<KeyValuePair<string, string>> members, out string error) =>
        TryReadObject(text, out members, out error, out _);

    /// <summary>
    /// As <see cref="TryReadObject(string, out List{KeyValuePair{string, string}}, out string)"/>, and
    /// where in <paramref name="text"/> the JSON goes wrong: <paramref name="errorOffset"/> is the
    /// index of that character, or -1 when the error is about the whole text (empty, not an object).
    /// </summary>
    public static bool TryReadObject(string text, out List<KeyValuePair<string, string>> members, out string error, out int errorOffset)
    {
        members = [];
        if (!TryReadOutline(text, out var root, out error, out errorOffset))
        {
            return false;
        }

        foreach (var member in root.Members)
        {
            members.Add(Member(member.Name, Render(member.Value)));
        }

        return true;
    }

    /// <summary>
    /// Reads <paramref name="text"/> as one JSON object, as <see cref="TryReadObject(string, out List{KeyValuePair{string, string}}, out string, out int)"/>
    /// does, into its outline: each value with where it is in the text, for reporting inside it.
    /// </summary>
    public static bool TryReadOutline(string text, out JsonOutline root, out string error, out int errorOffset)
    {
        errorOffset = -1;
        var reader = new CompactJson(text);
        root = new JsonOutline(JsonOutlineKind.Object, 0);
        error = string.Empty;
        reader.SkipWhiteSpace();
        if (reader._position >= text.Length)
        {
            error = "the text is empty; write a JSON object, such as {\"type\":\"string\"}";
            return false;
        }

        if (text[reader._position] != '{')
        {
            var start = reader._position;
            var kind = reader.ReadValue(1) is not null ? KindOf(text[start]) : null;
            error = kind is null
                ? reader.ErrorText()
                : $"it is {kind}, but a request schema must be a JSON object, such as {{\"type\":\"string\"}}";
            errorOffset = kind is null ? reader._errorPosition : -1;
            return false;
        }

        var read = reader.ReadObject(1);
        var parsed = read is not null;
        if (parsed)
        {
            root = read!;
            root.Length = reader._position - root.Start;
            reader.SkipWhiteSpace();
            if (reader._position < text.Length)
            {
                reader.Fail("unexpected text after the end of the object");
                parsed = false;
            }
        }

        if (!parsed)
        {
            error = reader.ErrorText();
            errorOffset = reader._errorPosition;
            return false;
        }

        return true;
    }

    /// <summary>A value as compact JSON: strings re-escaped the way <see cref="JsonText"/> writes them, numbers as written.</summary>
    private static string Render(JsonOutline value) => value.Kind switch
    {
        JsonOutlineKind.Object => Object(value.Members.Select(m => Member(m.Name, Render(m.Value)))),
        JsonOutlineKind.Array => Array(value.Items.Select(Render)),
        JsonOutlineKind.String => String(value.Text!),
        _ => value.Text!,
    };

    private static string KindOf(char first) => first switch
    {
        '[' => "a JSON array",
        '"' => "a JSON string",
        't' or 'f' => "a JSON boolean",
        'n' => "JSON null",
        _ => "a JSON number",
    };

    private string ErrorText()
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < _errorPosition && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return string.Format(CultureInfo.InvariantCulture, "invalid JSON at line {0}, column {1} of the schema text: {2}", line, column, _error);
    }

    private static string TooDeep =>
        $"nested more than {MaxDepth} levels deep (guest-agent schema prints the schema {LevelsAboveInDocument} levels down in a document JSON readers read to {DocumentMaxDepth} levels by default)";

    private JsonOutline? Failed(string message)
    {
        Fail(message);
        return null;
    }

    private string? Fail(string message)
    {
        if (_error is null)
        {
            _error = message;
            _errorPosition = _position;
        }

        return null;
    }

    private void SkipWhiteSpace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    /// <summary>One value at <paramref name="depth"/> (the root object is 1), with where it is; <c>null</c> on an error.</summary>
    private JsonOutline? ReadValue(int depth)
    {
        SkipWhiteSpace();
        if (_position >= _text.Length)
        {
            Fail("the text ends where a value was expected");
            return null;
        }

        var start = _position;
        if (depth > MaxDepth && _text[_position] is '{' or '[')
        {
            return Failed(TooDeep);
        }

        var value = _text[_position] switch
        {
            '{' => ReadObject(depth),
            '[' => ReadArray(depth),
            '"' => ReadString() is { } text ? new JsonOutline(JsonOutlineKind.String, start) { Text = text } : null,
            't' => ReadLiteral("true", JsonOutlineKind.Boolean),
            'f' => ReadLiteral("false", JsonOutlineKind.Boolean),
            'n' => ReadLiteral("null", JsonOutlineKind.Null),
            _ => ReadNumber() is { } number ? new JsonOutline(JsonOutlineKind.Number, start) { Text = number } : null,
        };
        if (value is not null)
        {
            value.Length = _position - start;
        }

        return value;
    }

    /// <summary>Reads the object at the current '{'; <c>null</c> on an error.</summary>
    private JsonOutline? ReadObject(int depth)
    {
        var node = new JsonOutline(JsonOutlineKind.Object, _position);
        var members = node.Members;
        _position++;
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        SkipWhiteSpace();
        if (_position < _text.Length && _text[_position] == '}')
        {
            _position++;
            return node;
        }

        while (true)
        {
            SkipWhiteSpace();
            if (_position >= _text.Length || _text[_position] != '"')
            {
                return Failed("expected a member name in double quotes");
            }

            var nameStart = _position;
            if (ReadString() is not { } name)
            {
                return null;
            }

            if (!names.Add(name))
            {
                _position = nameStart;
                return Failed($"the member '{name}' appears twice in one object");
            }

            var nameLength = _position - 1 - (nameStart + 1);
            SkipWhiteSpace();
            if (_position >= _text.Length || _text[_position] != ':')
            {
                return Failed("expected ':' after the member name");
            }

            _position++;
            if (ReadValue(depth + 1) is not { } value)
            {
                return null;
            }

            members.Add(new JsonOutlineMember(name, nameStart + 1, nameLength, value));
            SkipWhiteSpace();
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
                continue;
            }

            if (_position < _text.Length && _text[_position] == '}')
            {
                _position++;
                return node;
            }

            return Failed("expected ',' or '}'");
        }
    }

    private JsonOutline? ReadArray(int depth)
    {
        var node = new JsonOutline(JsonOutlineKind.Array, _position);
        var items = node.Items;
        _position++;
        SkipWhiteSpace();
        if (_position < _text.Length && _text[_position] == ']')
        {
            _position++;
            return node;
        }

        while (true)
        {
            if (ReadValue(depth + 1) is not { } item)
            {
                return null;
            }

            items.Add(item);
            SkipWhiteSpace();
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
                continue;
            }

            if (_position < _text.Length && _text[_position] == ']')
            {
                _position++;
                return node;
            }

            return Failed("expected ',' or ']'");
        }
    }

    private JsonOutline? ReadLiteral(string literal, JsonOutlineKind kind)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            return Failed("expected a value (an object, array, string, number, true, false or null)");
        }

        var node = new JsonOutline(kind, _position) { Text = literal };
        _position += literal.Length;
        return node;
    }
}
