using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Maps characters of a string literal's value back to the source: for a regular literal (escapes
/// included: <c>\"</c> is one character of the value, two of the source), a verbatim one
/// (<c>""</c>), and single- and multi-line raw literals (whose lines lose the closing delimiter's
/// indentation). The map is built by decoding the literal and is used only when the decoded text
/// is the value; otherwise (or for any other token) there is none, and the caller reports at the
/// whole expression.
/// </summary>
internal sealed class SourceLiteral
{
    private readonly StringBuilder _decoded = new();
    private readonly List<int> _starts = [];
    private readonly List<int> _ends = [];
    private int _tokenStart;

    /// <summary>The source position of <paramref name="value"/>[<paramref name="offset"/>] in <paramref name="token"/>, or <c>null</c>.</summary>
    public static int? PositionOf(SyntaxToken token, string value, int offset) =>
        SpanOf(token, value, offset, 1)?.Start;

    /// <summary>
    /// The source span of the <paramref name="length"/> characters of <paramref name="value"/> from
    /// <paramref name="offset"/> (one escape sequence or more, where the literal has them), or
    /// <c>null</c> when the token's characters cannot be mapped onto the value.
    /// </summary>
    public static TextSpan? SpanOf(SyntaxToken token, string value, int offset, int length) =>
        Of(token, value)?.SpanOf(offset, length);

    /// <summary>
    /// The map of <paramref name="token"/>'s characters onto <paramref name="value"/>, built once to
    /// answer many spans (decoding a literal costs its length; a schema may draw a warning per
    /// property), or <c>null</c> when they cannot be mapped.
    /// </summary>
    public static SourceLiteral? Of(SyntaxToken token, string value)
    {
        var map = new SourceLiteral { _tokenStart = token.SpanStart };
        var source = token.Text;
        var decoded = token.Kind() switch
        {
            SyntaxKind.StringLiteralToken when source.StartsWith("@\"", System.StringComparison.Ordinal) => map.Verbatim(source),
            SyntaxKind.StringLiteralToken when source.StartsWith("\"", System.StringComparison.Ordinal) => map.Regular(source),
            SyntaxKind.SingleLineRawStringLiteralToken => map.SingleLineRaw(source),
            SyntaxKind.MultiLineRawStringLiteralToken => map.MultiLineRaw(source),
            _ => false,
        };

        // Checked, not trusted: the map holds only if the decoded text is the value.
        return decoded && map._decoded.ToString() == value ? map : null;
    }

    /// <summary>The source span of the <paramref name="length"/> characters of the value from <paramref name="offset"/>, or <c>null</c> when they are not all in it.</summary>
    public TextSpan? SpanOf(int offset, int length)
    {
        if (offset < 0 || length < 1 || offset + length > _starts.Count)
        {
            return null;
        }

        var start = _starts[offset];
        return new TextSpan(_tokenStart + start, _ends[offset + length - 1] - start);
    }

    private void Add(char c, int start, int end)
    {
        _decoded.Append(c);
        _starts.Add(start);
        _ends.Add(end);
    }

    private bool Regular(string source)
    {
        var end = source.Length - 1;
        if (end < 1 || source[end] != '"')
        {
            return false;
        }

        var i = 1;
        while (i < end)
        {
            if (source[i] != '\\')
            {
                Add(source[i], i, i + 1);
                i++;
                continue;
            }

            if (!Escape(source, i, end, out var next))
            {
                return false;
            }

            i = next;
        }

        return true;
    }

    /// <summary>The escape sequence at <paramref name="at"/> (a backslash), as C# reads it.</summary>
    private bool Escape(string source, int at, int end, out int next)
    {
        next = at + 2;
        if (next > end)
        {
            return false;
        }

        char? simple = source[at + 1] switch
        {
            '\'' => '\'',
            '"' => '"',
            '\\' => '\\',
            '0' => '\0',
            'a' => '\a',
            'b' => '\b',
            'e' => '\u001b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\v',
            _ => null,
        };
        if (simple is { } c)
        {
            Add(c, at, next);
            return true;
        }

        // \x takes one to four hex digits, \u exactly four, \U exactly eight (maybe a surrogate pair).
        var (least, most) = source[at + 1] switch
        {
            'x' => (1, 4),
            'u' => (4, 4),
            'U' => (8, 8),
            _ => (0, 0),
        };
        var digits = 0;
        while (digits < most && next + digits < end && IsHexDigit(source[next + digits]))
        {
            digits++;
        }

        if (least == 0 || digits < least
            || !int.TryParse(source.Substring(next, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF)
        {
            return false;
        }

        next += digits;
        if (code > 0xFFFF)
        {
            var text = char.ConvertFromUtf32(code);
            Add(text[0], at, next);
            Add(text[1], at, next);
        }
        else
        {
            Add((char)code, at, next);
        }

        return true;
    }

    private bool Verbatim(string source)
    {
        var end = source.Length - 1;
        if (end < 2 || source[end] != '"')
        {
            return false;
        }

        var i = 2;
        while (i < end)
        {
            var width = source[i] == '"' ? 2 : 1;
            Add(source[i], i, i + width);
            i += width;
        }

        return i == end;
    }

    private bool SingleLineRaw(string source)
    {
        var quotes = Quotes(source);
        for (var i = quotes; i < source.Length - quotes; i++)
        {
            Add(source[i], i, i + 1);
        }

        return source.Length >= 2 * quotes;
    }

    /// <summary>
    /// The value's lines are the source's between the opening and the closing line, each without the
    /// closing line's indentation (a blank line may have less), joined by the source's line breaks.
    /// </summary>
    private bool MultiLineRaw(string source)
    {
        var lastBreak = source.LastIndexOf('\n');
        var firstBreak = source.IndexOf('\n');
        if (firstBreak < 0 || lastBreak <= firstBreak)
        {
            return false;
        }

        // The closing delimiter has as many quotes as the opening one.
        var indentation = source.Length - Quotes(source) - (lastBreak + 1);
        var lineStart = firstBreak + 1;
        while (lineStart <= lastBreak)
        {
            var lineEnd = source.IndexOf('\n', lineStart);
            var stripped = 0;
            while (stripped < indentation && lineStart + stripped < lineEnd && source[lineStart + stripped] is ' ' or '\t')
            {
                stripped++;
            }

            // The line's value, with its line break unless it is the last content line.
            var end = lineEnd == lastBreak ? lineEnd : lineEnd + 1;
            if (lineEnd == lastBreak && end > lineStart + stripped && source[end - 1] == '\r')
            {
                end--;
            }

            for (var i = lineStart + stripped; i < end; i++)
            {
                Add(source[i], i, i + 1);
            }

            lineStart = lineEnd + 1;
        }

        return true;
    }

    private static bool IsHexDigit(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int Quotes(string source)
    {
        var count = 0;
        while (count < source.Length && source[count] == '"')
        {
            count++;
        }

        return count;
    }
}
