using System.Buffers;

namespace GuestAgent.Protocol;

/// <summary>
/// The fast path of <see cref="NovaRequestReader"/>: validates and splits a request written in
/// <i>plain</i> JSON, the form Nova and every real host send: ASCII strings without escape
/// sequences, at most <see cref="MaxDepth"/> levels of nesting. It never rejects anything; whatever
/// falls outside that subset (including every malformed request) is left to the general
/// <c>Utf8JsonReader</c> path, which decides and words the error. So the scanner only has to accept
/// nothing but valid JSON and to find the same <c>name</c> and <c>value</c> as the general path.
/// </summary>
internal static class PlainRequestScanner
{
    /// <summary>Deeper documents go to the general path, whose limit is 64.</summary>
    private const int MaxDepth = 32;

    /// <summary>The bytes that end a plain string's run: quote, backslash, control and non-ASCII bytes.</summary>
    private static readonly SearchValues<byte> StringRunEnd = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', .. Enumerable.Range(0x7F, 0x81).Select(b => (byte)b)]);

    /// <summary>Splits a plain-JSON request object.</summary>
    /// <param name="data">The request bytes.</param>
    /// <param name="name">The range of the <c>name</c> string's text (quotes excluded), when <paramref name="hasName"/>.</param>
    /// <param name="hasName">Whether the object has a <c>name</c> property.</param>
    /// <param name="value">The range of the <c>value</c>'s JSON text, when <paramref name="hasValue"/>.</param>
    /// <param name="hasValue">Whether the object has a <c>value</c> property.</param>
    /// <returns><c>false</c> when the request is not plain JSON and needs the general path.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, out Range name, out bool hasName, out Range value, out bool hasValue)
    {
        name = value = default;
        hasName = hasValue = false;
        var position = SkipWhitespace(data, 0);
        if (!At(data, position, (byte)'{'))
        {
            return false;
        }

        position = SkipWhitespace(data, position + 1);
        if (At(data, position, (byte)'}'))
        {
            return SkipWhitespace(data, position + 1) == data.Length;
        }

        while (true)
        {
            var keyStart = position;
            if (!TrySkipString(data, ref position))
            {
                return false;
            }

            var key = data[(keyStart + 1)..(position - 1)];
            position = SkipWhitespace(data, position);
            if (!At(data, position, (byte)':'))
            {
                return false;
            }

            position = SkipWhitespace(data, position + 1);
            var valueStart = position;
            if (!TrySkipValue(data, ref position, depth: 1))
            {
                return false;
            }

            if (key.SequenceEqual("name"u8))
            {
                // A name that is not a string gets the general path's treatment (an unknown command).
                if (data[valueStart] != (byte)'"')
                {
                    return false;
                }

                name = new Range(valueStart + 1, position - 1);
                hasName = true;
            }
            else if (key.SequenceEqual("value"u8))
            {
                value = new Range(valueStart, position);
                hasValue = true;
            }

            position = SkipWhitespace(data, position);
            if (At(data, position, (byte)'}'))
            {
                return SkipWhitespace(data, position + 1) == data.Length;
            }

            if (!At(data, position, (byte)','))
            {
                return false;
            }

            position = SkipWhitespace(data, position + 1);
        }
    }

    private static bool TrySkipValue(ReadOnlySpan<byte> data, ref int position, int depth)
    {
        if (position >= data.Length)
        {
            return false;
        }

        return data[position] switch
        {
            (byte)'"' => TrySkipString(data, ref position),
            (byte)'{' => TrySkipObject(data, ref position, depth + 1),
            (byte)'[' => TrySkipArray(data, ref position, depth + 1),
            (byte)'t' => TrySkipLiteral(data, ref position, "true"u8),
            (byte)'f' => TrySkipLiteral(data, ref position, "false"u8),
            (byte)'n' => TrySkipLiteral(data, ref position, "null"u8),
            _ => TrySkipNumber(data, ref position),
        };
    }

    private static bool TrySkipObject(ReadOnlySpan<byte> data, ref int position, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        position = SkipWhitespace(data, position + 1);
        if (At(data, position, (byte)'}'))
        {
            position++;
            return true;
        }

        while (true)
        {
            if (!TrySkipString(data, ref position))
            {
                return false;
            }

            position = SkipWhitespace(data, position);
            if (!At(data, position, (byte)':'))
            {
                return false;
            }

            position = SkipWhitespace(data, position + 1);
            if (!TrySkipValue(data, ref position, depth) || !TrySkipSeparator(data, ref position, (byte)'}', out var closed))
            {
                return false;
            }

            if (closed)
            {
                return true;
            }
        }
    }

    private static bool TrySkipArray(ReadOnlySpan<byte> data, ref int position, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        position = SkipWhitespace(data, position + 1);
        if (At(data, position, (byte)']'))
        {
            position++;
            return true;
        }

        while (true)
        {
            if (!TrySkipValue(data, ref position, depth) || !TrySkipSeparator(data, ref position, (byte)']', out var closed))
            {
                return false;
            }

            if (closed)
            {
                return true;
            }
        }
    }

    /// <summary>After a member: either the container's closing byte, or a comma and the next member.</summary>
    private static bool TrySkipSeparator(ReadOnlySpan<byte> data, ref int position, byte close, out bool closed)
    {
        position = SkipWhitespace(data, position);
        closed = At(data, position, close);
        if (closed)
        {
            position++;
            return true;
        }

        if (!At(data, position, (byte)','))
        {
            return false;
        }

        position = SkipWhitespace(data, position + 1);
        return true;
    }

    /// <summary>A string of printable ASCII without escapes; <paramref name="position"/> ends after its closing quote.</summary>
    private static bool TrySkipString(ReadOnlySpan<byte> data, ref int position)
    {
        if (!At(data, position, (byte)'"'))
        {
            return false;
        }

        var run = data[(position + 1)..].IndexOfAny(StringRunEnd);
        if (run < 0 || data[position + 1 + run] != (byte)'"')
        {
            return false;
        }

        position += run + 2;
        return true;
    }

    private static bool TrySkipLiteral(ReadOnlySpan<byte> data, ref int position, ReadOnlySpan<byte> literal)
    {
        if (!data[position..].StartsWith(literal))
        {
            return false;
        }

        position += literal.Length;
        return true;
    }

    /// <summary>
    /// <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>. What follows is checked by the caller,
    /// which accepts only white space or a separator there, so <c>01</c> or <c>1x</c> go to the general path.
    /// </summary>
    private static bool TrySkipNumber(ReadOnlySpan<byte> data, ref int position)
    {
        var index = position;
        if (At(data, index, (byte)'-'))
        {
            index++;
        }

        if (At(data, index, (byte)'0'))
        {
            index++;
        }
        else if (!TrySkipDigits(data, ref index))
        {
            return false;
        }

        if (At(data, index, (byte)'.'))
        {
            index++;
            if (!TrySkipDigits(data, ref index))
            {
                return false;
            }
        }

        if (At(data, index, (byte)'e') || At(data, index, (byte)'E'))
        {
            index++;
            if (At(data, index, (byte)'+') || At(data, index, (byte)'-'))
            {
                index++;
            }

            if (!TrySkipDigits(data, ref index))
            {
                return false;
            }
        }

        position = index;
        return true;
    }

    /// <summary>One or more decimal digits.</summary>
    private static bool TrySkipDigits(ReadOnlySpan<byte> data, ref int position)
    {
        var start = position;
        while (position < data.Length && char.IsAsciiDigit((char)data[position]))
        {
            position++;
        }

        return position > start;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> data, int position)
    {
        while (position < data.Length && data[position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            position++;
        }

        return position;
    }

    private static bool At(ReadOnlySpan<byte> data, int position, byte expected) =>
        position < data.Length && data[position] == expected;
}
