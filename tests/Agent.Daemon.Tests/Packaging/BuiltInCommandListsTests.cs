// GuestAgent.Commands shows its internals to these tests too, and has a generated AgentCommands of its own.
extern alias daemon;

using System.Text.RegularExpressions;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// The places that name every built-in command by hand (documentation, manual page, package
/// descriptions) against the commands the daemon actually serves: a new command missing from one of
/// them is found here, not by a reader.
/// </summary>
public sealed class BuiltInCommandListsTests
{
    public static TheoryData<string, string> Lists() => new()
    {
        { "docs/commands.md (a section per command)", Headings(Read("docs", "commands.md")) },
        { "docs/commands.md (the features answer)", Read("docs", "commands.md").Split('\n').Single(line => line.StartsWith("| response | `{\"returncode\":\"0\",\"message\":\"agentupdate,", StringComparison.Ordinal)) },
        { "docs/daemon.md (the first paragraph)", Paragraph(Read("docs", "daemon.md"), "`guest-agent` is one NativeAOT executable") },
        { "docs/packages.md (the GuestAgent.Commands row)", Read("docs", "packages.md").Split('\n').Single(line => line.StartsWith("| `GuestAgent.Commands` |", StringComparison.Ordinal)) },
        { "src/Agent.Commands/PACKAGE.md (the first paragraph)", Paragraph(Read("src", "Agent.Commands", "PACKAGE.md"), "The commands a cloud host") },
        { "src/Agent.Commands/Agent.Commands.csproj (Description)", Between(Read("src", "Agent.Commands", "Agent.Commands.csproj"), "<Description>", "</Description>") },
        { "packaging/man/guest-agent.8 (DESCRIPTION)", Between(Read("packaging", "man", "guest-agent.8"), "\n.SH DESCRIPTION\n", "\n.SH ") },
        { "packaging/debian/control.in (Description)", Between(Read("packaging", "debian", "control.in"), "\nDescription:", "\n .\n") },
        { "packaging/rpm/guest-agent.spec (%description)", Between(Read("packaging", "rpm", "guest-agent.spec"), "\n%description\n", "\n%") },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void Every_served_command_is_named(string place, string text)
    {
        var served = daemon::GuestAgent.Generated.AgentCommands.CreateRegistry(new GuestAgent.Hosting.ServiceMap()).Commands.Select(c => c.Name);

        var missing = served.Where(name => !Regex.IsMatch(text, $"(?<![A-Za-z0-9_.-]){Regex.Escape(name)}(?![A-Za-z0-9_-])")).ToArray();

        Assert.True(missing.Length == 0, $"{place} does not name: {string.Join(", ", missing)}");
    }

    private static string Read(params string[] parts) => File.ReadAllText(RepositoryFiles.Path(parts));

    private static string Headings(string markdown) =>
        string.Join('\n', markdown.Split('\n').Where(line => line.StartsWith("## ", StringComparison.Ordinal)));

    private static string Paragraph(string text, string start)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' is not in the file");
        var to = text.IndexOf("\n\n", from, StringComparison.Ordinal);
        return text[from..(to < 0 ? text.Length : to)];
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' is not in the file");
        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"'{end}' does not follow '{start}'");
        return text[from..to];
    }
}
