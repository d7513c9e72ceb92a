using System.Globalization;
using System.Text;

namespace GuestAgent.Generators.Parsing;

/// <summary>Strings of <see cref="CompactJson"/>: escapes decoded, control characters and lone surrogates refused.</summary>
internal sealed partial class CompactJson
{
    /// <summary>The string at the current '"', unescaped; <c>null</c> on an error.</summary>
    private string? ReadString()
    {
        _position++;
        var builder = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                return WithoutLoneSurrogate(builder.ToString(), _position - 1);
            }

            if (c < ' ')
            {
                return Fail("a control character inside a string must be escaped (\\n, \\t, \\u0001, ...)");
            }

            if (c != '\\')
            {
                builder.Append(c);
                _position++;
                continue;
            }

            var escape = _position + 1 < _text.Length ? _text[_position + 1] : '\0';
            var unescaped = escape switch
            {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => (char?)null,
            };
            if (unescaped is { } simple)
            {
                builder.Append(simple);
                _position += 2;
            }
            else if (escape == 'u' && _position + 6 <= _text.Length
                && int.TryParse(_text.Substring(_position + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                _position += 6;
            }
            else
            {
                return Fail("invalid escape sequence in a string");
            }
        }

        return Fail("a string is not closed");
    }

    /// <summary>A surrogate without its pair is no Unicode text: the run time's JSON reader refuses it.</summary>
    private string? WithoutLoneSurrogate(string value, int end)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                _position = end;
                return Fail("a string holds a lone surrogate (half of a UTF-16 pair)");
            }
        }

        return value;
    }
}
