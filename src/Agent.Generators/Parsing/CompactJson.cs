using System.Collections.Generic;
using System.Globalization;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Reads a hand-written JSON object (a command's stated request schema) strictly, as RFC 8259
/// defines JSON: no comments, no trailing commas, no duplicate member names, no lone surrogates,
/// at most <see cref="MaxDepth"/> levels deep (so the schema document stays readable, below).
/// Members come back rendered the way <see cref="JsonText"/> renders derived schemas: compact,
/// strings re-escaped, numbers as written. The generator has no JSON library (netstandard2.0, no
/// dependencies), hence this small reader.
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
        errorOffset = -1;
        var reader = new CompactJson(text);
        members = [];
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

        var parsed = reader.ReadObject(1, members);
        if (parsed)
        {
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
            members = [];
            return false;
        }

        return true;
    }

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

    private bool Failed(string message)
    {
        Fail(message);
        return false;
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

    /// <summary>One value at <paramref name="depth"/> (the root object is 1), rendered; <c>null</c> on an error.</summary>
    private string? ReadValue(int depth)
    {
        SkipWhiteSpace();
        if (_position >= _text.Length)
        {
            return Fail("the text ends where a value was expected");
        }

        switch (_text[_position])
        {
            case '{':
                var members = new List<KeyValuePair<string, string>>();
                return ReadObject(depth, members) ? Object(members) : null;
            case '[':
                return ReadArray(depth);
            case '"':
                return ReadString() is { } text ? String(text) : null;
            case 't':
                return ReadLiteral("true");
            case 'f':
                return ReadLiteral("false");
            case 'n':
                return ReadLiteral("null");
            default:
                return ReadNumber();
        }
    }

    /// <summary>Reads the object at the current '{' into <paramref name="members"/>; <c>false</c> on an error.</summary>
    private bool ReadObject(int depth, List<KeyValuePair<string, string>> members)
    {
        if (depth > MaxDepth)
        {
            return Failed(TooDeep);
        }

        _position++;
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        SkipWhiteSpace();
        if (_position < _text.Length && _text[_position] == '}')
        {
            _position++;
            return true;
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
                return false;
            }

            if (!names.Add(name))
            {
                _position = nameStart;
                return Failed($"the member '{name}' appears twice in one object");
            }

            SkipWhiteSpace();
            if (_position >= _text.Length || _text[_position] != ':')
            {
                return Failed("expected ':' after the member name");
            }

            _position++;
            if (ReadValue(depth + 1) is not { } value)
            {
                return false;
            }

            members.Add(Member(name, value));
            SkipWhiteSpace();
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
                continue;
            }

            if (_position < _text.Length && _text[_position] == '}')
            {
                _position++;
                return true;
            }

            return Failed("expected ',' or '}'");
        }
    }

    private string? ReadArray(int depth)
    {
        if (depth > MaxDepth)
        {
            return Fail(TooDeep);
        }

        _position++;
        var items = new List<string>();
        SkipWhiteSpace();
        if (_position < _text.Length && _text[_position] == ']')
        {
            _position++;
            return "[]";
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
                return Array(items);
            }

            return Fail("expected ',' or ']'");
        }
    }

    private string? ReadLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            return Fail("expected a value (an object, array, string, number, true, false or null)");
        }

        _position += literal.Length;
        return literal;
    }

    /// <summary>A number as written, once it is checked against JSON's grammar.</summary>
    private string? ReadNumber()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else if (Peek() is >= '1' and <= '9')
        {
            SkipDigits();
        }
        else
        {
            _position = start;
            return Fail("expected a value (an object, array, string, number, true, false or null)");
        }

        if (Peek() == '.')
        {
            _position++;
            if (Peek() is not (>= '0' and <= '9'))
            {
                return Fail("expected a digit after the decimal point");
            }

            SkipDigits();
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            if (Peek() is not (>= '0' and <= '9'))
            {
                return Fail("expected a digit in the exponent");
            }

            SkipDigits();
        }

        return _text.Substring(start, _position - start);
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipDigits()
    {
        while (Peek() is >= '0' and <= '9')
        {
            _position++;
        }
    }
}
