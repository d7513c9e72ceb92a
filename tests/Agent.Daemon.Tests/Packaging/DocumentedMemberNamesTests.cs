using System.Reflection;
using System.Text.RegularExpressions;
using GuestAgent.Commands;
using GuestAgent.Daemon.Cli;
using GuestAgent.Platform;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// A <c>`Type.Member`</c> the pages name, where <c>Type</c> is one of the agent's own (the SDK, the
/// built-in commands, the daemon), is a member that type has, or the partial file <c>Type.Member.cs</c>
/// of it: a reader who looks it up finds it (xenstore.md once sent them to a
/// <c>NodeTree.FirstAccess</c> that was <c>AccessOrder</c>). Names of other types (System.Text.Json's, a
/// page's own example's, a test's) are not judged.
/// </summary>
public sealed partial class DocumentedMemberNamesTests
{
    private const BindingFlags Every = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
        | BindingFlags.Static | BindingFlags.FlattenHierarchy;

    [Fact]
    public void Every_member_a_page_names_on_one_of_the_agents_types_exists()
    {
        var types = new[] { typeof(AgentSystem).Assembly, typeof(BuiltInCommands).Assembly, typeof(HelpText).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .ToLookup(type => type.Name.Split('`')[0], StringComparer.Ordinal);
        var partialFiles = Directory.EnumerateFiles(RepositoryFiles.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension)
            .ToHashSet(StringComparer.Ordinal);

        var named = Pages()
            .SelectMany(page => CodeSpan().Matches(File.ReadAllText(page))
                .SelectMany(span => TypeAndMember().Matches(span.Value))
                .Select(match => (Page: Path.GetRelativePath(RepositoryFiles.Root(), page), Type: match.Groups[1].Value, Member: match.Groups[2].Value)))
            .Where(name => types.Contains(name.Type))
            .ToList();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.True(
            types[name.Type].Any(type => type.GetMember(name.Member, Every).Length > 0) || partialFiles.Contains($"{name.Type}.{name.Member}"),
            $"{name.Page} names {name.Type}.{name.Member}, which {name.Type} does not have"));
    }

    /// <summary>The pages an operator, a command author or a contributor reads (the founding specs aside: they quote other code).</summary>
    private static IEnumerable<string> Pages() =>
        Directory.EnumerateFiles(RepositoryFiles.Path("docs"), "*.md")
            .Concat(Directory.EnumerateFiles(RepositoryFiles.Path("docs", "diagnostics"), "*.md"))
            .Append(RepositoryFiles.Path("README.md"))
            .Append(RepositoryFiles.Path("samples", "README.md"))
            .Append(RepositoryFiles.Path("src", "Agent", "PACKAGE.md"))
            .Append(RepositoryFiles.Path("src", "Agent.Commands", "PACKAGE.md"));

    [GeneratedRegex("`[^`\n]+`")]
    private static partial Regex CodeSpan();

    /// <summary><c>Type.Member</c>, not the end of a longer dotted name (a namespace's <c>System.IO</c> part).</summary>
    [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.([A-Z]\w*)\b")]
    private static partial Regex TypeAndMember();
}
