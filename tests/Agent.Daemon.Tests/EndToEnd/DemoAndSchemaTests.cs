using GuestAgent.Testing;
using System.Text.Json;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>The README's "run it" command and the contract dump, from the published binary.</summary>
public sealed class DemoAndSchemaTests
{
    [Fact]
    public async Task Demo_runs_novas_first_boot_to_completion_and_cleans_up()
    {
        // A temporary directory of its own (TMPDIR, as the test below shows it is honoured): in the
        // shared /tmp the in-process demo or another run of the tests could come and go meanwhile.
        using var temporary = new TemporaryDirectory("guest-agent-demo-tmpdir-");

        var result = await AgentUnderTest.RunBinaryAsync(["demo"], environment: new Dictionary<string, string> { ["TMPDIR"] = temporary.Path });

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("""{"name": "version", "value": "agent"}""", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("""{"returncode":"D0",""", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("# The following ssh key was injected by Nova", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("/etc/shadow", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("every answer is one Nova accepts", result.StandardOutput, StringComparison.Ordinal);
        // Into a pipe: no colours (nor anything else a terminal acts on).
        Assert.DoesNotContain("\u001b", result.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temporary.Path));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("1", false)]
    public async Task On_a_terminal_the_demo_is_in_colour_unless_NO_COLOR_is_set(string noColor, bool colours)
    {
        var script = ExternalTool.Require("script", "bsdutils");
        using var temporary = new TemporaryDirectory("guest-agent-demo-tmpdir-");

        // script(1) runs the demo with a pseudo-terminal as its stdout.
        var result = await ExternalTool.RunAsync(
            script, ["-qec", $"'{DaemonBinary.Require()}' demo", "/dev/null"],
            environment: new Dictionary<string, string> { ["TMPDIR"] = temporary.Path, ["NO_COLOR"] = noColor, ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "", ["TERM"] = "xterm" });

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("every answer is one Nova accepts", result.StandardOutput, StringComparison.Ordinal);
        // Colours are SGR sequences (ESC [ … m), and nothing else reaches the terminal: no mode the operator's shell would keep.
        var sgr = System.Text.RegularExpressions.Regex.Matches(result.StandardOutput, "\u001b\\[[0-9;]*m").Select(match => match.Value).ToList();
        Assert.Equal(sgr.Count, result.StandardOutput.Count(character => character == '\u001b'));
        if (colours)
        {
            Assert.Contains("\u001b[36mhost  →\u001b[0m", result.StandardOutput, StringComparison.Ordinal);
            // Each colour is reset, so the operator's prompt comes back uncoloured.
            Assert.Equal(sgr.Count(code => code != "\u001b[0m"), sgr.Count(code => code == "\u001b[0m"));
        }
        else
        {
            Assert.Empty(sgr);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(temporary.Path));
    }

    [Fact]
    public async Task Schema_is_one_json_document_with_a_contract_per_command()
    {
        var result = await AgentUnderTest.RunBinaryAsync(["schema"]);

        Assert.Equal(0, result.ExitCode);
        using var schema = JsonDocument.Parse(result.StandardOutput);
        var commands = schema.RootElement.GetProperty("commands").EnumerateArray().ToArray();
        Assert.Contains(commands, c => c.GetProperty("name").GetString() == "password");
        Assert.All(commands, command =>
        {
            Assert.Equal(JsonValueKind.Object, command.GetProperty("request").ValueKind);
            Assert.Equal(JsonValueKind.Object, command.GetProperty("result").ValueKind);
            Assert.False(string.IsNullOrEmpty(command.GetProperty("method").GetString()));
        });
    }

    [Fact]
    public async Task A_missing_temporary_directory_is_named_with_the_reason()
    {
        var result = await ExternalTool.RunAsync(DaemonBinary.Require(), ["demo"], environment: new Dictionary<string, string> { ["TMPDIR"] = "/nonexistent-ga-tmp" });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("guest-agent: demo: cannot create a temporary directory in '/nonexistent-ga-tmp/' (from TMPDIR, else /tmp): it does not exist\n", result.StandardError);
    }
}
