using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The verbs an operator types leave the terminal as they found it. .NET's console, once used,
/// writes the terminal's <c>keypad_xmit</c> (<c>ESC [ ? 1 h ESC =</c> on an xterm) and never its
/// opposite, so after any verb the shell's cursor and keypad keys sent other codes (PuTTY's keypad
/// stopped working in bash: dotnet/runtime#25735, dotnet/corefx#32805).
/// </summary>
public sealed class TerminalModeTests
{
    /// <summary>Where .NET (and ncurses) look for a terminal's description, after <c>$TERMINFO</c> and <c>~/.terminfo</c>.</summary>
    private static readonly string[] TerminfoDirectories = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/share/misc/terminfo"];

    [Theory]
    [InlineData("version", "guest-agent ", 0)]
    [InlineData("--help", "Usage", 0)]
    [InlineData("check-config --config /dev/null", "(default)", 0)]
    [InlineData("schema", "\"commands\"", 0)]
    [InlineData("version --bogus", "--bogus", 2)]
    public async Task A_verb_on_a_terminal_writes_nothing_the_terminal_acts_on(string arguments, string expected, int exitCode)
    {
        var output = await RunOnTerminalAsync($"'{DaemonBinary.Require()}' {arguments}", exitCode);

        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_only_standard_input_a_terminal_nothing_reaches_it()
    {
        // .NET's console sends keypad_xmit to standard input's terminal even when the output goes elsewhere.
        var output = await RunOnTerminalAsync($"'{DaemonBinary.Require()}' version >/dev/null 2>&1", 0);

        Assert.Equal(string.Empty, output.Trim());
    }

    /// <summary>What the terminal received: <c>script(1)</c> runs the command with a pseudo-terminal as its standard streams.</summary>
    private static async Task<string> RunOnTerminalAsync(string command, int exitCode)
    {
        var script = ExternalTool.Require("script", "bsdutils");

        // Without a description of the terminal .NET writes no mode at all, and the test would prove nothing.
        Assert.True(
            TerminfoDirectories.Any(directory => File.Exists(Path.Combine(directory, "x", "xterm"))),
            "no terminfo description of 'xterm' (apt-get install ncurses-base)");
        var result = await ExternalTool.RunAsync(
            script, ["-qec", command, "/dev/null"],
            environment: new Dictionary<string, string> { ["TERM"] = "xterm", ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" });

        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}: {result.StandardOutput}{result.StandardError}");
        return result.StandardOutput;
    }
}
