using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Tests.EndToEnd;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>The manual page the packages install (packaging/man/guest-agent.8) against the binary's own help.</summary>
public sealed class ManualPageTests
{
    [Fact]
    public async Task The_synopsis_has_every_verb_the_help_lists()
    {
        var binary = DaemonBinary.Require();
        var help = await ExternalTool.RunAsync(binary, ["--help"]);
        var manual = (await File.ReadAllTextAsync(RepositoryFiles.Path("packaging", "man", "guest-agent.8"), TestContext.Current.CancellationToken))
            .Replace("\\-", "-", StringComparison.Ordinal);

        var verbs = help.StandardOutput.Split('\n')
            .Where(line => line.StartsWith("  guest-agent ", StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])
            .Where(verb => !verb.StartsWith('-') && verb != "VERB")
            .ToArray();

        Assert.Contains("run", verbs);
        Assert.All(verbs, verb => Assert.Contains($"\n.B guest-agent {verb}", manual, StringComparison.Ordinal));
        Assert.All(verbs, verb => Assert.Contains($"\n.TP\n.B {verb}\n", manual, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_verb_of_the_synopsis_shows_every_option_the_verb_takes()
    {
        var manual = File.ReadAllText(RepositoryFiles.Path("packaging", "man", "guest-agent.8")).Replace("\\-", "-", StringComparison.Ordinal);
        var synopsis = manual[manual.IndexOf("\n.SH SYNOPSIS\n", StringComparison.Ordinal)..manual.IndexOf("\n.SH DESCRIPTION\n", StringComparison.Ordinal)];

        Assert.All(VerbCatalog.All, verb =>
        {
            // The verb's lines of the synopsis: from its ".B guest-agent VERB" to the next ".br".
            var start = synopsis.IndexOf($"\n.B guest-agent {verb.Name}", StringComparison.Ordinal);
            Assert.True(start >= 0, $"the synopsis has no line for '{verb.Name}'");
            var lines = synopsis[start..synopsis.IndexOf("\n.br\n", start, StringComparison.Ordinal)];
            Assert.All(OptionDescriptions.Each(verb.Options), option =>
                Assert.Contains(OptionDescriptions.Syntax(option).Split(' ')[0], lines, StringComparison.Ordinal));
        });
    }
}
