using System.Text.RegularExpressions;

namespace GuestAgent.Packages.Tests;

/// <summary>
/// The shell blocks of docs/packages.md, followed one after the other from one folder as a reader
/// does: the folders they create and change into add up (a block that forgot to leave the previous
/// project's folder nested the agent inside the library, and its `dotnet add reference` named
/// nothing).
/// </summary>
public sealed partial class DocumentationShellTests
{
    private const string Start = "/walk";

    [Fact]
    public void The_walk_from_section_1_leaves_the_agent_beside_the_library_and_references_it()
    {
        var text = File.ReadAllText(Path.Combine(PackedFeed.RepositoryRoot, "docs", "packages.md"));
        // Section 0's pack runs in the checkout; the walk starts with section 1, in the reader's own folder.
        var lines = ShellBlock().Matches(text[text.IndexOf("\n## 1. ", StringComparison.Ordinal)..])
            .SelectMany(match => match.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var folder = Start;
        var created = new List<string>();
        var referenced = new List<string>();
        foreach (var words in lines.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            switch (words)
            {
                case ["cd", var target]:
                    folder = Path.GetFullPath(Path.Combine(folder, target));
                    Assert.True(folder == Start || created.Contains(folder), $"`cd {target}` goes to {folder}, which no block created");
                    break;
                case ["dotnet", "new", _, ..]:
                    created.Add(Path.Combine(folder, words[Array.IndexOf(words, "-n") + 1]));
                    break;
                case ["dotnet", "add", "reference", var target]:
                    var project = Path.GetFullPath(Path.Combine(folder, target));
                    Assert.True(created.Contains(project), $"`dotnet add reference {target}` in {folder} names {project}, which no block created");
                    referenced.Add(project);
                    break;
            }
        }

        Assert.Equal([$"{Start}/Contoso.AgentCommands", $"{Start}/Contoso.Agent"], created);
        Assert.Equal([$"{Start}/Contoso.AgentCommands"], referenced);
    }

    [Fact]
    public void The_walk_adds_every_package_but_the_SDKs_at_the_version_the_repository_builds_with()
    {
        // Without --version, `dotnet add package` takes the newest release, which belongs to a later
        // .NET once one is out (Microsoft.Extensions.Logging.Console 11.0.0 on net10.0): the page's
        // walk pins what it adds to the .NET line GuestAgent depends on, the one the tests build with.
        var text = File.ReadAllText(Path.Combine(PackedFeed.RepositoryRoot, "docs", "packages.md"));
        var pinned = System.Xml.Linq.XDocument.Load(Path.Combine(PackedFeed.RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(element => (string)element.Attribute("Include")!, element => (string)element.Attribute("Version")!);
        var added = ShellBlock().Matches(text[text.IndexOf("\n## 1. ", StringComparison.Ordinal)..])
            .SelectMany(match => match.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words is ["dotnet", "add", "package", ..])
            .ToList();

        var others = added.Where(words => !words[3].StartsWith("GuestAgent", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, words =>
        {
            Assert.True(pinned.ContainsKey(words[3]), $"{words[3]} has no version in Directory.Packages.props");
            Assert.Equal(["dotnet", "add", "package", words[3], "--version", pinned[words[3]]], words);
        });
    }

    [GeneratedRegex("```sh\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
