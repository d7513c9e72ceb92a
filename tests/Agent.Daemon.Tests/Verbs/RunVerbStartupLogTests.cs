using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Verbs;

/// <summary>
/// The first lines <c>run</c> logs: which configuration file it read (or that there was none), its
/// root and state directory, and a warning for root mode and for inconsistent timeouts. They come
/// before XenStore is needed (here it is unreachable, so the run ends right after).
/// </summary>
public sealed class RunVerbStartupLogTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("guest-agent-startlog-");

    public RunVerbStartupLogTests() => FixtureDirectories.Create(Root);

    private string Root => _directory.Combine("root");

    [Fact]
    public async Task The_configuration_file_root_and_state_directory_are_logged_then_root_mode_is_warned_about()
    {
        var config = _directory.Combine("agent.json");
        File.WriteAllText(config, """{ "stateDirectory": "/var/lib/ga-state" }""");

        var lines = await RunAsync("--config", config);

        Assert.Equal($"<6>guest-agent: Configuration file: {config}; root {Root}, state directory {Root}/var/lib/ga-state", lines[0]);
        Assert.Equal(
            $"<4>guest-agent: Root mode: the root is {Root}, not /: every file is read and written under it, and no program (netplan, ifup, hostnamectl, systemctl …) is run; "
            + $"each is only appended to {Root}/var/lib/guest-agent/actions.log. For development and tests only: on a guest, remove --root or 'root' from {config}",
            lines[1]);
        Assert.StartsWith("guest-agent: XenStore is unreachable", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configuration_file_the_line_says_the_defaults_apply_and_timeouts_are_checked_too()
    {
        var lines = await RunAsync("--config", "/dev/null", "--log-level", "warning");

        // Information is below the level asked for; the warnings are not.
        Assert.DoesNotContain(lines, line => line.Contains("Configuration file:", StringComparison.Ordinal));
        Assert.StartsWith("<4>guest-agent: Root mode:", lines[0], StringComparison.Ordinal);

        var withDefaults = await RunAsync("--config", "/dev/null");
        Assert.Equal($"<6>guest-agent: Configuration file: none (--config /dev/null; defaults apply); root {Root}, state directory {Root}/var/lib/guest-agent", withDefaults[0]);
    }

    [Fact]
    public async Task A_network_deadline_the_shutdown_timeout_does_not_cover_is_warned_about_at_start()
    {
        var config = _directory.Combine("agent.json");
        File.WriteAllText(config, """{ "network": { "deadlineSeconds": 100 } }""");

        var lines = await RunAsync("--config", config);

        Assert.Contains(lines, line => line.StartsWith("<4>guest-agent: 'shutdownTimeoutSeconds' (55 s) is not above 'network.deadlineSeconds' + 2 (102 s)", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("<4>guest-agent: 'network.deadlineSeconds' (100 s) needs the unit's TimeoutStartSec to be at least 170 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_state_directory_others_can_write_is_warned_about_at_start_as_check_config_does()
    {
        var state = Path.Combine(Root, "var/lib/guest-agent");
        Directory.CreateDirectory(state);
        File.SetUnixFileMode(state, (UnixFileMode)Convert.ToInt32("777", 8));

        var lines = await RunAsync("--config", "/dev/null");

        Assert.Contains(
            $"<4>guest-agent: The state directory {state} can be changed by users other than root (mode 0777: every user may write it), and the agent, running as root, trusts what it finds there "
            + $"(the journal of answered requests, agentupdate's staging, the record resetnetwork restores files from): chown root:root {PathAccess.ShellWord(state)} && chmod 0700 {PathAccess.ShellWord(state)}",
            lines);
    }

    [Fact]
    public async Task A_state_directory_that_is_a_file_is_logged_as_an_error_at_start()
    {
        var state = Path.Combine(Root, "var/lib/guest-agent");
        FixtureDirectories.Create(Path.GetDirectoryName(state)!);
        File.WriteAllText(state, "");

        var lines = await RunAsync("--config", "/dev/null");

        Assert.Contains(lines, line => line.StartsWith($"<3>guest-agent: The state directory {state} is not a directory: ", StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Dispose();

    private async Task<string[]> RunAsync(params string[] options)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(
            ["run", "--root", Root, "--xenstore", _directory.Combine("no-xenstore.sock"), .. options],
            new StandardStreams(TextReader.Null, output, error),
            TestContext.Current.CancellationToken);
        Assert.Equal(ExitCodes.Failure, code);
        return error.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }
}
