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

    private static string RepositoryRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));
}
