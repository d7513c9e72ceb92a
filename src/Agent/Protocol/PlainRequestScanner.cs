using System.Buffers;
using System.Runtime.CompilerServices;

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

    /// <summary>What the <c>Skip</c> methods return when the text is not plain JSON.</summary>
    private const int NotPlain = -1;

    /// <summary>Splits a plain-JSON request object.</summary>
    /// <param name="data">The request bytes.</param>
    /// <param name="name">The range of the <c>name</c> string's text (quotes excluded), when <paramref name="hasName"/>.</param>
    /// <param name="hasName">Whether the object has a <c>name</c> property.</param>
    /// <param name="value">The range of the <c>value</c>'s JSON text, when <paramref name="hasValue"/>.</param>
    /// <param name="hasValue">Whether the object has a <c>value</c> property.</param>
    /// <returns><c>false</c> when the request is not plain JSON and needs the general path.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, out Range name, out bool hasName, out Range value, out bool hasValue)
    {
        if (TryReadTwoMembers(data, out name, out value))
        {
            hasName = hasValue = true;
            return true;
        }

        hasName = hasValue = false;
        var position = SkipWhitespace(data, 0);
        if (!At(data, position, (byte)'{'))
        {
            return false;
        }

        position = SkipWhitespace(data, position + 1);
        if (At(data, position, (byte)'}'))
        {
            return IsEnd(data, position + 1);
        }

        while (true)
        {
            var keyEnd = SkipString(data, position);
            var valueStart = keyEnd == NotPlain ? NotPlain : SkipColon(data, keyEnd);
            var valueEnd = valueStart == NotPlain ? NotPlain : SkipValue(data, valueStart, depth: 1);
            if (valueEnd == NotPlain)
            {
                return false;
            }

            var key = data[(position + 1)..(keyEnd - 1)];
            if (key.SequenceEqual("name"u8))
            {
                // A name that is not a string gets the general path's treatment (an unknown command).
                if (data[valueStart] != (byte)'"')
                {
                    return false;
                }

                name = new Range(valueStart + 1, valueEnd - 1);
                hasName = true;
            }
            else if (key.SequenceEqual("value"u8))
            {
                value = new Range(valueStart, valueEnd);
                hasValue = true;
            }

            position = SkipSeparator(data, valueEnd, (byte)'}', out var closed);
            if (closed)
            {
                return IsEnd(data, position);
            }

            if (position == NotPlain)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// The request as hosts write it: exactly the members <c>name</c> (a string) and <c>value</c>, in
    /// either order, compact (<c>{"name":"x","value":"y"}</c>) or spaced as Python's <c>json.dumps</c>
    /// writes it (<c>{"name": "x", "value": "y"}</c>). Its fixed bytes are compared in place instead
    /// of walked through; any other layout returns <c>false</c> and takes the general walk.
    /// </summary>
    internal static bool TryReadTwoMembers(ReadOnlySpan<byte> data, out Range name, out Range value)
    {
        name = value = default;
        if (data.Length < 2 || data[0] != (byte)'{')
        {
            return false;
        }

        var nameFirst = data[1..].StartsWith("\"name\":"u8);
        if (!nameFirst && !data[1..].StartsWith("\"value\":"u8))
        {
            return false;
        }

        // The keys are compared as literals, which the JIT unrolls into a couple of wide loads; the
        // same literals behind properties or a shared local cost 2.5x the whole split (measured).
        var position = nameFirst ? 8 : 9; // 1 + the length of "name": or "value":
        var spaced = At(data, position, (byte)' ');
        var gap = spaced ? 1 : 0;
        var firstEnd = nameFirst ? SkipString(data, position + gap) : SkipValue(data, position + gap, depth: 1);
        if (firstEnd == NotPlain || !At(data, firstEnd, (byte)',') || (spaced && !At(data, firstEnd + 1, (byte)' ')))
        {
            return false;
        }

        var secondKey = firstEnd + 1 + gap;
        var rest = data[secondKey..];
        if (!(nameFirst ? rest.StartsWith("\"value\":"u8) : rest.StartsWith("\"name\":"u8)) ||
            (spaced && !At(data, secondKey + (nameFirst ? 8 : 7), (byte)' '))) // the length of "value": or "name":
        {
            return false;
        }

        var secondStart = secondKey + (nameFirst ? 8 : 7) + gap;
        var secondEnd = nameFirst ? SkipValue(data, secondStart, depth: 1) : SkipString(data, secondStart);
        if (secondEnd != data.Length - 1 || data[secondEnd] != (byte)'}')
        {
            return false;
        }

        var nameStart = nameFirst ? position + gap : secondStart;
        var nameEnd = nameFirst ? firstEnd : secondEnd;
        name = new Range(nameStart + 1, nameEnd - 1);
        value = nameFirst ? new Range(secondStart, secondEnd) : new Range(position + gap, firstEnd);
        return true;
    }

    private static int SkipValue(ReadOnlySpan<byte> data, int position, int depth) => position >= data.Length
        ? NotPlain
        : data[position] switch
        {
            (byte)'"' => SkipString(data, position),
            (byte)'{' => SkipObject(data, position, depth + 1),
            (byte)'[' => SkipArray(data, position, depth + 1),
            (byte)'t' => SkipLiteral(data, position, "true"u8),
            (byte)'f' => SkipLiteral(data, position, "false"u8),
            (byte)'n' => SkipLiteral(data, position, "null"u8),
            _ => SkipNumber(data, position),
        };

    private static int SkipObject(ReadOnlySpan<byte> data, int position, int depth)
    {
        if (depth > MaxDepth)
        {
            return NotPlain;
        }

        position = SkipWhitespace(data, position + 1);
        if (At(data, position, (byte)'}'))
        {
            return position + 1;
        }

        while (true)
        {
            position = SkipString(data, position);
            position = position == NotPlain ? NotPlain : SkipColon(data, position);
            position = position == NotPlain ? NotPlain : SkipValue(data, position, depth);
            if (position == NotPlain)
            {
                return NotPlain;
            }

            position = SkipSeparator(data, position, (byte)'}', out var closed);
            if (closed || position == NotPlain)
            {
                return position;
            }
        }
    }

    private static int SkipArray(ReadOnlySpan<byte> data, int position, int depth)
    {
        if (depth > MaxDepth)
        {
            return NotPlain;
        }

        position = SkipWhitespace(data, position + 1);
        if (At(data, position, (byte)']'))
        {
            return position + 1;
        }

        while (true)
        {
            position = SkipValue(data, position, depth);
            if (position == NotPlain)
            {
                return NotPlain;
            }

            position = SkipSeparator(data, position, (byte)']', out var closed);
            if (closed || position == NotPlain)
            {
                return position;
            }
        }
    }

    /// <summary>
    /// After a member: past the container's closing byte (<paramref name="closed"/>), or at the next
    /// member after a comma.
    /// </summary>
    private static int SkipSeparator(ReadOnlySpan<byte> data, int position, byte close, out bool closed)
    {
        position = SkipWhitespace(data, position);
        closed = At(data, position, close);
        if (closed)
        {
            return position + 1;
        }

        return At(data, position, (byte)',') ? SkipWhitespace(data, position + 1) : NotPlain;
    }

    /// <summary>After a key: white space, a colon and white space, to the member's value.</summary>
    private static int SkipColon(ReadOnlySpan<byte> data, int position)
    {
        position = SkipWhitespace(data, position);
        return At(data, position, (byte)':') ? SkipWhitespace(data, position + 1) : NotPlain;
    }

    /// <summary>A string of printable ASCII without escapes, to just after its closing quote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipString(ReadOnlySpan<byte> data, int position)
    {
        if (!At(data, position, (byte)'"'))
        {
            return NotPlain;
        }

        // Names and keys are short: a table lookup per byte is cheaper than setting up a vector
        // search. Values (keys, passwords, files in base64) can be kilobytes: past 16 bytes, search.
        var index = position + 1;
        var shortEnd = Math.Min(data.Length, index + 16);
        var plain = PlainStringBytes;
        while (index < shortEnd && plain[data[index]] != 0)
        {
            index++;
        }

        if (index == shortEnd && index < data.Length)
        {
            var run = data[index..].IndexOfAnyExcept(PlainStringRun);
            index = run < 0 ? data.Length : index + run;
        }

        return At(data, index, (byte)'"') ? index + 1 : NotPlain;
    }

    /// <summary>1 for the bytes a plain string holds as they are: printable ASCII except quote and backslash.</summary>
    private static ReadOnlySpan<byte> PlainStringBytes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>The bytes of <see cref="PlainStringBytes"/>, for vector searches.</summary>
    private static readonly SearchValues<byte> PlainStringRun = SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x5F).Select(b => (byte)b).Where(b => b is not ((byte)'"' or (byte)'\\'))]);

    private static int SkipLiteral(ReadOnlySpan<byte> data, int position, ReadOnlySpan<byte> literal) =>
        data[position..].StartsWith(literal) ? position + literal.Length : NotPlain;

    /// <summary>
    /// <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>. What follows is checked by the caller,
    /// which accepts only white space or a separator there, so <c>01</c> or <c>1x</c> go to the general path.
    /// </summary>
    private static int SkipNumber(ReadOnlySpan<byte> data, int position)
    {
        if (At(data, position, (byte)'-'))
        {
            position++;
        }

        position = At(data, position, (byte)'0') ? position + 1 : SkipDigits(data, position);
        if (position != NotPlain && At(data, position, (byte)'.'))
        {
            position = SkipDigits(data, position + 1);
        }

        if (position != NotPlain && (At(data, position, (byte)'e') || At(data, position, (byte)'E')))
        {
            position++;
            if (At(data, position, (byte)'+') || At(data, position, (byte)'-'))
            {
                position++;
            }

            position = SkipDigits(data, position);
        }

        return position;
    }

    /// <summary>One or more decimal digits.</summary>
    private static int SkipDigits(ReadOnlySpan<byte> data, int position)
    {
        var start = position;
        while (position < data.Length && char.IsAsciiDigit((char)data[position]))
        {
            position++;
        }

        return position > start ? position : NotPlain;
    }

    private static bool IsEnd(ReadOnlySpan<byte> data, int position) => SkipWhitespace(data, position) == data.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> data, int position)
    {
        while (position < data.Length && data[position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            position++;
        }

        return position;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool At(ReadOnlySpan<byte> data, int position, byte expected) =>
        (uint)position < (uint)data.Length && data[position] == expected;
}
