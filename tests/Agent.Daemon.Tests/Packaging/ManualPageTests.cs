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
}
