using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Reads the <c>&lt;summary&gt;</c> of a method's XML documentation, and its
/// <c>&lt;param&gt;</c> texts, as plain text. It reads the <c>///</c> comment from the syntax, so
/// it works whether or not the project generates a documentation file.
/// </summary>
/// <remarks>
/// The generator reads every command's summary again on each new compilation, so the common case
/// (a summary of plain text) avoids regular expressions; they run only on a summary with markup,
/// and the one for parameters only on a comment that has a <c>&lt;param</c>.
/// </remarks>
internal static class DocumentationSummary
{
    private const string Open = "<summary>";
    private const string Close = "</summary>";

    private static readonly Regex Reference = new("<(?:see|seealso|paramref|typeparamref)\\s+(?:cref|name|langword|href)\\s*=\\s*\"(?:[A-Z]:)?([^\"]*)\"\\s*/>", RegexOptions.CultureInvariant);
    private static readonly Regex Tag = new("<[^>]+>", RegexOptions.CultureInvariant);
    private static readonly Regex Param = new("<param\\s+name\\s*=\\s*[\"']([^\"']*)[\"']\\s*>(.*?)</param\\s*>", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    public static string Read(IMethodSymbol method) => Summary(Comment(method));

    public static string Read(SyntaxNode declaration) => Summary(Comment(declaration));

    /// <summary>The text of the method's <c>///</c> comment, without the slashes (empty when it has none).</summary>
    public static string Comment(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } syntax ? Comment(syntax) : string.Empty;

    private static string Comment(SyntaxNode declaration)
    {
        var text = new StringBuilder();
        foreach (var line in declaration.GetLeadingTrivia().ToFullString().Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("///", System.StringComparison.Ordinal))
            {
                text.Append(trimmed, 3, trimmed.Length - 3).Append(' ');
            }
        }

        return text.ToString();
    }

    /// <summary>The first <c>&lt;summary&gt;</c> of a comment as plain text, or empty.</summary>
    public static string Summary(string comment)
    {
        var start = comment.IndexOf(Open, System.StringComparison.Ordinal);
        var end = start < 0 ? -1 : comment.IndexOf(Close, start + Open.Length, System.StringComparison.Ordinal);
        return end < 0 ? string.Empty : Plain(comment.Substring(start + Open.Length, end - start - Open.Length));
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

    private static string Plain(string markup)
    {
        var plain = markup;
        if (plain.IndexOf('<') >= 0)
        {
            plain = Tag.Replace(Reference.Replace(plain, "$1"), string.Empty);
        }

        if (plain.IndexOf('&') >= 0)
        {
            plain = plain.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\"").Replace("&apos;", "'").Replace("&amp;", "&");
        }

        return CollapseWhiteSpace(plain);
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
