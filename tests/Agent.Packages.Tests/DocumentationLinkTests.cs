using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GuestAgent.Packages.Tests;

/// <summary>
/// Every link between the repository's Markdown pages leads somewhere: a relative link names a file
/// or folder that exists, an anchor names a heading of the page it points into (as GitHub makes
/// anchors of headings), and a link into the declared repository URL (the package READMEs) names
/// a file of this tree. Needs no packing.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    public static TheoryData<string> Pages()
    {
        var root = PackedFeed.RepositoryRoot;
        var pages = new List<string> { "README.md", "AGENTS.md", "samples/README.md", "src/Agent/PACKAGE.md", "src/Agent.Commands/PACKAGE.md" };
        pages.AddRange(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Select(page => Path.GetRelativePath(root, page).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));
        return new TheoryData<string>(pages);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_link_of_the_page_names_an_existing_file_and_heading(string page)
    {
        var path = Path.Combine(PackedFeed.RepositoryRoot, page);
        var text = WithoutCodeBlocks(File.ReadAllText(path));
        var broken = new List<string>();
        foreach (var target in Link().Matches(text).Select(match => match.Groups[1].Value))
        {
            var local = LocalPath(target);
            if (local is null)
            {
                continue;
            }

            var (file, anchor) = Split(local);
            var resolved = file.Length == 0 ? path
                : file.StartsWith('/') ? Path.Combine(PackedFeed.RepositoryRoot, file.TrimStart('/'))
                : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, file));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                broken.Add($"{target}: no such file");
            }
            else if (anchor is not null && (!resolved.EndsWith(".md", StringComparison.Ordinal) || !Anchors(resolved).Contains(anchor)))
            {
                broken.Add($"{target}: no heading '#{anchor}' in {Path.GetFileName(resolved)}");
            }
        }

        Assert.True(broken.Count == 0, $"{page} has broken links:\n{string.Join('\n', broken)}");
    }

    [Fact]
    public void Anchors_are_made_as_GitHub_makes_them()
    {
        Assert.Equal("3-an-agent-that-serves-your-commands-and-the-built-in-ones", Slug("3. An agent that serves your commands and the built-in ones"));
        Assert.Equal("netplan-installed-is-not-netplan-in-use", Slug("netplan installed is not netplan in use"));
        Assert.Equal("injectfile-and-file_inject", Slug("`injectfile` and `file_inject`"));
        Assert.Equal("netplan-ubuntu--1804-debian-13", Slug("netplan (Ubuntu ≥ 18.04, Debian 13)"));
    }

    /// <summary>The repository path a link names, with its anchor; <c>null</c> for a link outside the repository.</summary>
    private static string? LocalPath(string target)
    {
        var repository = PackedFeed.RepositoryUrl + "/blob/main/";
        if (target.StartsWith(repository, StringComparison.Ordinal))
        {
            return "/" + target[repository.Length..];
        }

        return target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal) ? null : target;
    }

    private static (string File, string? Anchor) Split(string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (target, null) : (target[..hash], target[(hash + 1)..]);
    }

    /// <summary>The anchors of a page's headings: GitHub's slugs, a repeated one numbered <c>-1</c>, <c>-2</c>….</summary>
    private static HashSet<string> Anchors(string page)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(WithoutCodeBlocks(File.ReadAllText(page))))
        {
            var slug = Slug(heading.Groups[1].Value);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : string.Create(CultureInfo.InvariantCulture, $"{slug}-{count}"));
        }

        return anchors;
    }

    /// <summary>GitHub's anchor of a heading: lower case, punctuation dropped (letters, digits, <c>_</c> and <c>-</c> kept), each space a <c>-</c>.</summary>
    private static string Slug(string heading)
    {
        var slug = new StringBuilder();
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '-')
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    private static string WithoutCodeBlocks(string text) => CodeBlock().Replace(text, "");

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}[ \t]+(.+?)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex("^[ \t]*```.*?^[ \t]*```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CodeBlock();
}
