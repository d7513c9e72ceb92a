using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Demo;

/// <summary>
/// How demo prints: XenStore paths relative to the guest's home, a file with its mode and at most
/// 24 of its lines, colours only when asked for and always reset.
/// </summary>
public sealed class DemoTranscriptTests
{
    private const string Home = "/local/domain/7";

    [Fact]
    public void Paths_under_the_guests_home_are_shown_relative_to_it_and_others_whole()
    {
        using var output = new StringWriter { NewLine = "\n" };
        var transcript = new DemoTranscript(Streams(output), color: false, Home);

        transcript.Request($"{Home}/data/host/1", """{"name":"version"}""");
        transcript.Response($"{Home}/data/guest/1", """{"returncode":"0"}""");
        transcript.Request("/local/domain/70/data/host/2", "{}");
        transcript.Request(Home, "{}");

        Assert.Equal(
            """
               host  → data/host/1  {"name":"version"}
               agent ← data/guest/1  {"returncode":"0"}
               host  → /local/domain/70/data/host/2  {}
               host  → /local/domain/7  {}

            """,
            output.ToString());
    }

    [Theory]
    [InlineData(3, 3, null)]
    [InlineData(24, 24, null)]
    [InlineData(25, 24, "1 more lines")]
    [InlineData(40, 24, "16 more lines")]
    public void A_file_shows_its_mode_and_at_most_24_lines(int lineCount, int shown, string? more)
    {
        using var directory = new TemporaryDirectory("gademo-file-");
        var file = directory.Combine("netplan.yaml");
        File.WriteAllText(file, string.Concat(Enumerable.Range(1, lineCount).Select(line => $"line {line}\n")));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        using var output = new StringWriter { NewLine = "\n" };

        new DemoTranscript(Streams(output), color: false, Home).File("/etc/netplan/90-guest-agent.yaml", file);

        var lines = output.ToString().Split('\n')[..^1];
        Assert.Equal("   /etc/netplan/90-guest-agent.yaml (mode 0640)", lines[0]);
        Assert.Equal(Enumerable.Range(1, shown).Select(line => $"     │ line {line}"), lines[1..(shown + 1)]);
        Assert.Equal(more is null ? [] : [$"     │ … {more}"], lines[(shown + 1)..]);
    }

    [Fact]
    public void Colours_are_written_only_when_asked_for_and_each_is_reset()
    {
        using var plain = new StringWriter { NewLine = "\n" };
        using var colored = new StringWriter { NewLine = "\n" };

        new DemoTranscript(Streams(plain), color: false, Home).Request($"{Home}/data/host/1", "{}");
        new DemoTranscript(Streams(colored), color: true, Home).Request($"{Home}/data/host/1", "{}");

        Assert.Equal("   host  → data/host/1  {}\n", plain.ToString());
        Assert.Equal("   \u001b[36mhost  →\u001b[0m \u001b[2mdata/host/1\u001b[0m  {}\n", colored.ToString());
    }

    private static StandardStreams Streams(TextWriter output) => new(TextReader.Null, output, TextWriter.Null);
}
