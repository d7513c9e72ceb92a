using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Tests.Packaging;

namespace GuestAgent.Daemon.Tests.Cli;

/// <summary>
/// docs/daemon.md's "Command line" says what <c>guest-agent --help</c> says: the same usage line
/// for every verb (so a new option or verb cannot be left out of the operator's page), and a row
/// of the verb table for each.
/// </summary>
public sealed class HelpDocumentationTests
{
    [Fact]
    public void The_command_line_block_shows_every_verb_as_the_help_does()
    {
        var block = CommandLineBlock().Split('\n');
        var usage = HelpText.Overview.Split('\n')
            .SkipWhile(line => line != "Usage:").Skip(1)
            .TakeWhile(line => !line.StartsWith("  guest-agent --", StringComparison.Ordinal))
            .Select(line => line[2..])
            .ToList();

        Assert.Equal(VerbCatalog.All.Count, usage.Count(line => line.StartsWith("guest-agent ", StringComparison.Ordinal)));
        Assert.All(usage, line => Assert.Contains(line, block));
    }

    [Fact]
    public void Every_option_the_page_shows_for_the_command_line_is_one_the_parser_takes()
    {
        var known = Enum.GetValues<VerbOption>().Where(option => option != VerbOption.None)
            .Select(option => OptionDescriptions.Syntax(option).Split(' ')[0])
            .Concat(["--help", "--version"])
            .ToHashSet(StringComparer.Ordinal);

        var shown = System.Text.RegularExpressions.Regex.Matches(CommandLineBlock(), "--[a-z-]+").Select(match => match.Value).ToList();

        Assert.NotEmpty(shown);
        Assert.All(shown, option => Assert.Contains(option, known));
    }

    [Fact]
    public void The_verb_table_has_a_row_for_every_verb()
    {
        var page = File.ReadAllText(RepositoryFiles.Path("docs", "daemon.md"));

        Assert.All(VerbCatalog.All, verb => Assert.Contains($"\n| `{verb.Name}` | ", page, StringComparison.Ordinal));
    }

    /// <summary>The first code block of the page's "Command line" section.</summary>
    private static string CommandLineBlock()
    {
        var page = File.ReadAllText(RepositoryFiles.Path("docs", "daemon.md"));
        var section = page.IndexOf("\n## Command line\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "docs/daemon.md has no '## Command line' section");
        var start = page.IndexOf("```\n", section, StringComparison.Ordinal) + 4;
        return page[start..page.IndexOf("```", start, StringComparison.Ordinal)];
    }
}
