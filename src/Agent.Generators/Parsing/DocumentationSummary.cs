using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Reads the <c>&lt;summary&gt;</c> of a method's XML documentation as plain text. It reads the
/// <c>///</c> comment from the syntax, so it works whether or not the project generates a
/// documentation file.
/// </summary>
/// <remarks>
/// The generator reads every command's summary again on each new compilation, so the common case
/// (a summary of plain text) avoids regular expressions; they run only on a summary with markup.
/// </remarks>
internal static class DocumentationSummary
{
    private const string Open = "<summary>";
    private const string Close = "</summary>";

    private static readonly Regex Reference = new("<(?:see|seealso|paramref|typeparamref)\\s+(?:cref|name|langword|href)\\s*=\\s*\"(?:[A-Z]:)?([^\"]*)\"\\s*/>", RegexOptions.CultureInvariant);
    private static readonly Regex Tag = new("<[^>]+>", RegexOptions.CultureInvariant);

    public static string Read(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } syntax ? Read(syntax) : string.Empty;

    public static string Read(SyntaxNode declaration)
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

        var comment = text.ToString();
        var start = comment.IndexOf(Open, System.StringComparison.Ordinal);
        var end = start < 0 ? -1 : comment.IndexOf(Close, start + Open.Length, System.StringComparison.Ordinal);
        if (end < 0)
        {
            return string.Empty;
        }

        var plain = comment.Substring(start + Open.Length, end - start - Open.Length);
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
