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
internal static class DocumentationSummary
{
    private static readonly Regex Summary = new("<summary>(.*?)</summary>", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    private static readonly Regex Reference = new("<(?:see|seealso|paramref|typeparamref)\\s+(?:cref|name|langword|href)\\s*=\\s*\"(?:[A-Z]:)?([^\"]*)\"\\s*/>", RegexOptions.CultureInvariant);
    private static readonly Regex Tag = new("<[^>]+>", RegexOptions.CultureInvariant);
    private static readonly Regex Space = new("\\s+", RegexOptions.CultureInvariant);

    public static string Read(IMethodSymbol method)
    {
        var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        if (syntax is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var line in syntax.GetLeadingTrivia().ToFullString().Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("///", System.StringComparison.Ordinal))
            {
                text.Append(trimmed.Substring(3)).Append(' ');
            }
        }

        var match = Summary.Match(text.ToString());
        if (!match.Success)
        {
            return string.Empty;
        }

        var plain = Reference.Replace(match.Groups[1].Value, "$1");
        plain = Tag.Replace(plain, string.Empty);
        plain = plain.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\"").Replace("&apos;", "'").Replace("&amp;", "&");
        return Space.Replace(plain, " ").Trim();
    }
}
