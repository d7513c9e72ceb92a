using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using GuestAgent.Generators.Diagnostics;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// Every diagnostic links to its page under the declared home (GuestAgentRepositoryUrl in
/// Directory.Build.props, written into the generator at build time with the docs ref, main by
/// default), and the page exists.
/// </summary>
public sealed class HelpLinkTests
{
    [Fact]
    public void Help_links_follow_the_declared_repository_and_name_existing_pages()
    {
        var root = RepositoryRoot();
        var repository = XDocument.Load(Path.Combine(root, "Directory.Build.props"))
            .Descendants().Single(e => e.Name.LocalName == "GuestAgentRepositoryUrl").Value;

        Assert.Equal(Descriptors.HelpBase, repository + "/blob/main/docs/diagnostics/");
        var descriptors = new CommandAnalyzer().SupportedDiagnostics;
        Assert.NotEmpty(descriptors);
        Assert.All(descriptors, d =>
        {
            Assert.Equal(Descriptors.HelpBase + d.Id + ".md", d.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(root, "docs", "diagnostics", d.Id + ".md")), d.Id);
        });
    }

    [Fact]
    public void Each_diagnostic_page_belongs_to_a_descriptor_and_states_its_title_severity_and_category()
    {
        var root = RepositoryRoot();
        var byId = new CommandAnalyzer().SupportedDiagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.ToList());
        var pages = Directory.EnumerateFiles(Path.Combine(root, "docs", "diagnostics"), "*.md")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();

        // No page for an id that no longer exists (the other direction is the test above).
        Assert.Equal(byId.Keys.Order(StringComparer.Ordinal), pages);
        var reference = File.ReadAllText(Path.Combine(root, "docs", "authoring-commands.md"));
        Assert.All(byId, pair =>
        {
            var descriptor = Assert.Single(pair.Value.DistinctBy(d => (d.Title.ToString(CultureInfo.InvariantCulture), d.DefaultSeverity, d.Category)));
            var lines = File.ReadAllLines(Path.Combine(root, "docs", "diagnostics", pair.Key + ".md"));
            Assert.Equal($"# {pair.Key}: {descriptor.Title.ToString(CultureInfo.InvariantCulture)}", lines[0]);
            Assert.StartsWith(
                $"**Severity:** {descriptor.DefaultSeverity.ToString().ToLowerInvariant()} · **Category:** {descriptor.Category} ·",
                lines.First(line => line.StartsWith("**Severity:**", StringComparison.Ordinal)),
                StringComparison.Ordinal);
            // The rule table of authoring-commands.md links every page.
            Assert.Contains($"| [{pair.Key}](diagnostics/{pair.Key}.md) |", reference, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Each_descriptor_has_the_category_and_severity_of_its_release_line_and_is_on_by_default()
    {
        // The release tracking analyzer checks these lines only in a build with warnings as errors;
        // this holds whatever the build.
        var directory = Path.Combine(RepositoryRoot(), "src", "Agent.Generators", "Diagnostics");
        var lines = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(directory, file)))
            .Where(line => line.StartsWith("GA", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .ToDictionary(cells => cells[0], cells => (Category: cells[1], Severity: cells[2]));
        var descriptors = new CommandAnalyzer().SupportedDiagnostics;

        Assert.Equal(lines.Keys.Order(StringComparer.Ordinal), descriptors.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal));
        Assert.All(descriptors, d =>
        {
            Assert.Equal(lines[d.Id], (d.Category, d.DefaultSeverity.ToString()));
            Assert.True(d.IsEnabledByDefault, d.Id);
        });
    }

    private static string RepositoryRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));
}
