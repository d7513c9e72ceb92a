using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Reads the <c>&lt;summary&gt;</c> of a method's XML documentation, and its
/// <c>&lt;param&gt;</c> texts, as plain text. It reads the <c>///</c> or <c>/** */</c> comment from the
/// syntax, so it works whether or not the project generates a documentation file.
/// </summary>
/// <remarks>
/// The generator reads every command's summary again on each new compilation, so the common case
/// (a summary of plain text) avoids regular expressions; they run only on a summary with markup,
/// and the one for parameters only on a comment that has a <c>&lt;param</c>.
/// </remarks>
internal static class DocumentationSummary
{
    private const string Close = "</summary>";
    private const string CdataOpen = "<![CDATA[";
    private const string CdataClose = "]]>";

    private static readonly Regex Reference = new("<(?:see|seealso|paramref|typeparamref)\\s+(?:cref|name|langword|href)\\s*=\\s*\"(?:[A-Z]:)?([^\"]*)\"\\s*/>", RegexOptions.CultureInvariant);
    private static readonly Regex Tag = new("<[^>]+>", RegexOptions.CultureInvariant);
    private static readonly Regex Param = new("<param\\s+name\\s*=\\s*[\"']([^\"']*)[\"']\\s*>(.*?)</param\\s*>", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    private static readonly Regex CharacterReference = new("&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));", RegexOptions.CultureInvariant);

    public static string Read(IMethodSymbol method, Compilation compilation) => Summary(DocumentationComments.Read(method, compilation));

    public static string Read(SyntaxNode declaration) => Summary(Comment(declaration));

    /// <summary>The documentation comment in a declaration's leading trivia, without its delimiters.</summary>
    public static string Comment(SyntaxNode declaration)
    {
        var text = new StringBuilder();
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            var comment = trivia.ToFullString();
            if (comment.StartsWith("/*", System.StringComparison.Ordinal))
            {
                // A block comment is documentation only when delimited by /** (not the empty /**/).
                if (comment.StartsWith("/**", System.StringComparison.Ordinal) && !comment.StartsWith("/**/", System.StringComparison.Ordinal))
                {
                    AppendDelimited(text, comment);
                }

                continue;
            }

            foreach (var line in comment.Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith("///", System.StringComparison.Ordinal))
                {
                    text.Append(trimmed, 3, trimmed.Length - 3).Append(' ');
                }
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A <c>/** */</c> comment's text: the compiler drops the asterisk that starts each line after the
    /// first (after white space) when every such line has one.
    /// </summary>
    private static void AppendDelimited(StringBuilder text, string comment)
    {
        var end = comment.EndsWith("*/", System.StringComparison.Ordinal) ? comment.Length - 2 : comment.Length;
        var lines = comment.Substring(3, end - 3).Split('\n');
        var starred = lines.Skip(1).All(line => line.Trim().Length == 0 || line.TrimStart().StartsWith("*", System.StringComparison.Ordinal));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart();
            text.Append(i > 0 && starred && line.StartsWith("*", System.StringComparison.Ordinal) ? line.Substring(1) : line).Append(' ');
        }
    }

    /// <summary>The first <c>&lt;summary&gt;</c> of a comment as plain text, or empty.</summary>
    public static string Summary(string comment)
    {
        var start = ContentStart(comment, "<summary");
        var end = start < 0 ? -1 : comment.IndexOf(Close, start, System.StringComparison.Ordinal);
        return end < 0 ? string.Empty : Plain(comment.Substring(start, end - start));
    }

    /// <summary>
    /// Where the content of the first <paramref name="opening"/> element starts (after its attributes,
    /// <c>&lt;summary xml:lang="en"&gt;</c>), or -1 when there is none or it is empty (<c>&lt;summary/&gt;</c>).
    /// </summary>
    public static int ContentStart(string comment, string opening)
    {
        for (var at = comment.IndexOf(opening, System.StringComparison.Ordinal); at >= 0; at = comment.IndexOf(opening, at + 1, System.StringComparison.Ordinal))
        {
            var next = at + opening.Length;
            if (next < comment.Length && (comment[next] is '>' or '/' || char.IsWhiteSpace(comment[next])))
            {
                var close = comment.IndexOf('>', next);
                return close < 0 || comment[close - 1] == '/' ? -1 : close + 1;
            }
        }

        return -1;
    }

    /// <summary>The first <c>&lt;param name="…"&gt;</c> text for <paramref name="name"/> as plain text, or empty.</summary>
    public static string Parameter(string comment, string name)
    {
        if (comment.IndexOf("<param", System.StringComparison.Ordinal) < 0)
        {
            return string.Empty;
        }

        foreach (Match match in Param.Matches(comment))
        {
            if (match.Groups[1].Value.Trim() == name)
            {
                return Plain(match.Groups[2].Value);
            }
        }

        return string.Empty;
    }

    /// <summary>Markup as plain text: a CDATA section's text as it is, the rest without tags and with its references decoded.</summary>
    private static string Plain(string markup)
    {
        var cdata = markup.IndexOf(CdataOpen, System.StringComparison.Ordinal);
        if (cdata < 0)
        {
            return CollapseWhiteSpace(Decode(markup));
        }

        var text = new StringBuilder(markup.Length);
        var at = 0;
        for (; cdata >= 0; cdata = markup.IndexOf(CdataOpen, at, System.StringComparison.Ordinal))
        {
            var end = markup.IndexOf(CdataClose, cdata + CdataOpen.Length, System.StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            text.Append(Decode(markup.Substring(at, cdata - at))).Append(markup, cdata + CdataOpen.Length, end - cdata - CdataOpen.Length);
            at = end + CdataClose.Length;
        }

        return CollapseWhiteSpace(text.Append(Decode(markup.Substring(at))).ToString());
    }

    private static string Decode(string markup)
    {
        var plain = markup;
        if (plain.IndexOf('<') >= 0)
        {
            plain = Tag.Replace(Reference.Replace(plain, "$1"), string.Empty);
        }

        if (plain.IndexOf('&') >= 0)
        {
            // One pass: what a reference stands for is never read as the start of another ("&amp;lt;" is "&lt;").
            plain = CharacterReference.Replace(plain, DecodeReference);
        }

        return plain;
    }

    private static string DecodeReference(Match reference)
    {
        if (reference.Groups[3].Success)
        {
            return reference.Groups[3].Value switch { "lt" => "<", "gt" => ">", "amp" => "&", "quot" => "\"", _ => "'" };
        }

        var code = reference.Groups[1].Success
            ? int.Parse(reference.Groups[1].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : int.Parse(reference.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture);

        // One XML does not allow (NUL, a surrogate, past U+10FFFF) stays as written.
        return code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(code) : reference.Value;
    }

    /// <summary>Every run of white space as one space, none at either end.</summary>
    private static string CollapseWhiteSpace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
