namespace GuestAgent.Generators.Parsing;

/// <summary>Numbers of <see cref="CompactJson"/>: checked against JSON's grammar and kept as written.</summary>
internal sealed partial class CompactJson
{
    /// <summary>Whether <paramref name="text"/>, all of it, is a number by JSON's grammar (RFC 8259): no '+', no leading zeros, digits on both sides of a point.</summary>
    public static bool IsNumber(string text)
    {
        var reader = new CompactJson(text);
        return reader.ReadNumber() is not null && reader._position == text.Length;
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
