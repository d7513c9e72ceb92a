using System.Text.RegularExpressions;
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
        var shown = Regex.Matches(CommandLineBlock(), "--[a-z-]+").Select(match => match.Value).ToList();

        Assert.NotEmpty(shown);
        Assert.All(shown, option => Assert.Contains(option, KnownOptions()));
    }

    /// <summary>Every option some verb takes, and the two every command line takes.</summary>
    private static HashSet<string> KnownOptions() =>
        Enum.GetValues<VerbOption>().Where(option => option != VerbOption.None)
            .Select(option => OptionDescriptions.Syntax(option).Split(' ')[0])
            .Concat(["--help", "--version"])
            .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_option_the_page_names_is_one_the_parser_takes()
    {
        var page = File.ReadAllText(RepositoryFiles.Path("docs", "daemon.md"));
        var named = Regex.Matches(page, "`(--[a-z-]+)").Select(match => match.Groups[1].Value)
            .Where(option => option != "--bogus") // the page's example of a mistake
            .ToList();

        Assert.NotEmpty(named);
        Assert.All(named, option => Assert.Contains(option, KnownOptions()));
    }

    [Fact]
    public void Every_command_line_the_pages_quote_names_a_verb_and_options_it_takes()
    {
        // A verb starts with a letter: `guest-agent --help` or `--version` quotes no verb.
        var quoted = Directory.EnumerateFiles(RepositoryFiles.Path("docs"), "*.md")
            .Append(RepositoryFiles.Path("README.md"))
            .SelectMany(page => Regex.Matches(File.ReadAllText(page), "`guest-agent ([a-z][a-z-]*)([^`]*)`").Select(match => (Page: Path.GetFileName(page), Verb: match.Groups[1].Value, Arguments: match.Groups[2].Value)))
            .ToList();

        Assert.NotEmpty(quoted);
        Assert.All(quoted, line =>
        {
            var verb = VerbCatalog.Find(line.Verb);
            Assert.True(verb is not null, $"{line.Page} quotes 'guest-agent {line.Verb}', which is no verb");
            var takes = OptionDescriptions.Each(verb.Options).Select(option => OptionDescriptions.Syntax(option).Split(' ')[0]).Append("--help").ToList();
            Assert.All(Regex.Matches(line.Arguments, "--[a-z-]+").Select(match => match.Value), option =>
                Assert.True(takes.Contains(option), $"{line.Page} quotes 'guest-agent {line.Verb}' with {option}, which it does not take"));
        });
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
