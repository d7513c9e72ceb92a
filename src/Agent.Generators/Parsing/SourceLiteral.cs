using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Maps a character of a string literal's value back to the source, for the literals whose value is
/// their source characters: a regular literal without escapes, a single-line raw literal, and a
/// multi-line raw literal (whose lines lose the closing delimiter's indentation). Any other literal
/// (escapes, verbatim) has no such map here; the caller then reports at the whole literal.
/// </summary>
internal static class SourceLiteral
{
    /// <summary>The source position of <paramref name="value"/>[<paramref name="offset"/>] in <paramref name="token"/>, or <c>null</c>.</summary>
    public static int? PositionOf(SyntaxToken token, string value, int offset)
    {
        var source = token.Text;
        var inSource = token.Kind() switch
        {
            SyntaxKind.StringLiteralToken when source.Length >= 2 && source[0] == '"' && source.IndexOf('\\') < 0 => 1 + offset,
            SyntaxKind.SingleLineRawStringLiteralToken => Quotes(source) + offset,
            SyntaxKind.MultiLineRawStringLiteralToken => InMultiLine(source, offset),
            _ => -1,
        };

        // Checked, not trusted: the map holds only if the character found is the value's.
        return inSource >= 0 && inSource < source.Length && source[inSource] == value[offset]
            ? token.SpanStart + inSource
            : null;
    }

    private static int Quotes(string source)
    {
        var count = 0;
        while (count < source.Length && source[count] == '"')
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// The value's lines are the source's between the opening and the closing line, each without the
    /// closing line's indentation (a blank line may have less), joined by the source's line breaks.
    /// </summary>
    private static int InMultiLine(string source, int offset)
    {
        var lastBreak = source.LastIndexOf('\n');
        var firstBreak = source.IndexOf('\n');
        if (firstBreak < 0 || lastBreak <= firstBreak)
        {
            return -1;
        }

        // The closing delimiter has as many quotes as the opening one.
        var indentation = source.Length - Quotes(source) - (lastBreak + 1);
        var lineStart = firstBreak + 1;
        var valueStart = 0;
        while (lineStart <= lastBreak)
        {
            var lineEnd = source.IndexOf('\n', lineStart);
            var stripped = 0;
            while (stripped < indentation && lineStart + stripped < lineEnd && source[lineStart + stripped] is ' ' or '\t')
            {
                stripped++;
            }

            // The line's value, with its line break unless it is the last content line.
            var length = lineEnd - (lineStart + stripped) + (lineEnd == lastBreak ? 0 : 1);
            if (lineEnd == lastBreak && length > 0 && source[lineEnd - 1] == '\r')
            {
                length--;
            }

            if (offset < valueStart + length)
            {
                return lineStart + stripped + (offset - valueStart);
            }

            valueStart += length;
            lineStart = lineEnd + 1;
        }

        return -1;
    }
}
