using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Verbs;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Verbs;

/// <summary>
/// <c>guest-agent check-config</c>: the settings <c>run</c> would use, resolved the same way (command
/// line, then file, then defaults), printed with the warnings and errors <c>run</c> would log; exit 0, 1 (errors) or 2, and
/// XenStore is never contacted (here it does not exist at all).
/// </summary>
public sealed class CheckConfigVerbTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("guest-agent-check-");

    private string Config => _directory.Combine("agent.json");

    /// <summary>Writes <see cref="Config"/> 0644, as an image's is: left to the tests' umask 000, others could write it, and check-config warns so.</summary>
    private void WriteConfig(string json)
    {
        File.WriteAllText(Config, json);
        File.SetUnixFileMode(Config, (UnixFileMode)Convert.ToInt32("0644", 8));
    }

    private string NoXenStore => _directory.Combine("no-xenstore.sock");

    [Fact]
    public async Task A_valid_file_prints_every_effective_setting_with_the_command_line_over_the_file()
    {
        var root = _directory.Combine("root");
        FixtureDirectories.Create(root);
        WriteConfig("""
            // An image's configuration.
            { "logLevel": "error", "commands": { "enabled": ["version", "features", "password", "keyinit"] },
              "network": { "backend": "ifupdown", "resolvConf": "never" }, "xenstore": { "pollIntervalSeconds": 2 } }
            """);

        var (code, output, error) = await RunAsync("check-config", "--config", Config, "--log-level", "debug", "--root", root, "--xenstore", NoXenStore);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(
            [
                $"Configuration file: {Config}",
                "Effective settings (the command line over the file over the defaults):",
                "  logLevel                              debug",
                $"  root                                  {root}",
                "  stateDirectory                        /var/lib/guest-agent  (default)",
                "  shutdownTimeoutSeconds                55  (default)",
                $"  xenstore.path                         {NoXenStore}",
                "  xenstore.domainPath                   (the connection's own home)  (default)",
                "  xenstore.pollIntervalSeconds          2",
                "  xenstore.responseRetentionSeconds     900  (default)",
                "  commands.enabled                      version, features, password, keyinit",
                "  injectFile.allowedDirectories         (anywhere)  (default)",
                "  injectFile.inheritUserDirectoryOwner  true  (default)",
                "  agentUpdate.allowHttp                 false  (default)",
                "  agentUpdate.maxSizeBytes              67108864  (default)",
                "  agentUpdate.timeoutSeconds            25  (default)",
                "  network.backend                       ifupdown",
                "  network.resolvConf                    never",
                "  network.setHostname                   true  (default)",
                "  network.deadlineSeconds               50  (default)",
                "  network.rollbackShare                 0.4  (default)",
                "Commands served (4): features, keyinit, password, version",
                "The configuration is valid, with 2 warning(s) (on stderr).",
            ],
            output.TrimEnd('\n').Split('\n'));
        // The root is not /: the warning run logs, as run logs it (whatever logLevel says); and
        // --xenstore names nothing that exists (check-config's own).
        var warnings = error.TrimEnd('\n').Split('\n');
        Assert.Equal(2, warnings.Length);
        Assert.StartsWith($"warning: guest-agent: Root mode: the root is {root}, not /", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith($"warning: guest-agent: The XenStore endpoint {NoXenStore} (option '--xenstore') does not exist", warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_xenstore_path_that_does_not_exist_is_warned_about_naming_where_it_was_configured()
    {
        // xenstored may start after the image is checked: a warning (exit 0), not an error.
        WriteConfig($$"""{ "xenstore": { "path": "{{NoXenStore}}" } }""");

        var (code, output, error) = await RunAsync("check-config", "--config", Config);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(
            $"warning: guest-agent: The XenStore endpoint {NoXenStore} ('xenstore.path' in {Config}) does not exist: run cannot connect until it does "
            + "(it exits 1 at start, and the unit restarts it); fine if xenstored creates it later, otherwise check the path",
            error.TrimEnd('\n'));
        Assert.EndsWith("The configuration is valid, with 1 warning(s) (on stderr).\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_xenstore_path_that_is_a_regular_file_is_warned_about_as_run_would_refuse_it()
    {
        var typo = _directory.Combine("socket.txt");
        File.WriteAllText(typo, "");

        var (code, _, error) = await RunAsync("check-config", "--config", "/dev/null", "--xenstore", typo);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(
            $"warning: guest-agent: The XenStore endpoint {typo} (option '--xenstore') is a regular file, not a unix socket or a character device: "
            + "run refuses it at start (exit 1) and never writes to it; check the path",
            error.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_xenstore_path_that_is_a_socket_or_a_character_device_gives_no_warning()
    {
        // Nothing is connected to or opened: check-config never contacts XenStore.
        var socketPath = _directory.Combine("xs.sock");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));

        var onSocket = await RunAsync("check-config", "--config", "/dev/null", "--xenstore", socketPath);
        var onDevice = await RunAsync("check-config", "--config", "/dev/null", "--xenstore", "/dev/null");

        Assert.Equal((ExitCodes.Success, ""), (onSocket.Code, onSocket.Error));
        Assert.Equal((ExitCodes.Success, ""), (onDevice.Code, onDevice.Error));
    }

    [Fact]
    public void XENSTORED_PATH_is_looked_at_only_when_it_is_the_endpoint_and_libxenstores_defaults_never_are()
    {
        var missing = _directory.Combine("env.sock");
        Func<string, string?> variable = name => name == "XENSTORED_PATH" ? missing : null;
        var none = new RunInvocation(null, null, null, null, null);

        Assert.StartsWith($"The XenStore endpoint {missing} (environment variable XENSTORED_PATH) does not exist", Assert.Single(XenStorePathCheck.Of(none, new AgentSettings(), variable)), StringComparison.Ordinal);
        Assert.StartsWith("XENSTORED_PATH is set but empty", Assert.Single(XenStorePathCheck.Of(none, new AgentSettings(), name => name == "XENSTORED_PATH" ? "" : null)), StringComparison.Ordinal);
        Assert.Empty(XenStorePathCheck.Of(none with { XenStorePath = "/dev/null" }, new AgentSettings { XenStorePath = "/dev/null" }, variable));
        // Not configured anywhere: libxenstore's defaults are absent wherever an image is checked before it boots on Xen.
        Assert.Empty(XenStorePathCheck.Of(none, new AgentSettings(), _ => null));
    }

    [Fact]
    public async Task A_directory_or_a_FIFO_as_the_endpoint_is_warned_about_naming_what_it_is()
    {
        var fifo = _directory.Combine("xs.fifo");
        var made = await ExternalTool.RunAsync(ExternalTool.Require("mkfifo", "coreutils"), [fifo]);
        Assert.True(made.ExitCode == 0, made.StandardError);
        var none = new RunInvocation(null, null, null, null, null);
        string Warning(string path) => Assert.Single(XenStorePathCheck.Of(none with { XenStorePath = path }, new AgentSettings { XenStorePath = path }, _ => null));

        Assert.Equal(
            $"The XenStore endpoint {_directory.Path} (option '--xenstore') is a directory, not a unix socket or a character device: run refuses it at start (exit 1) and never writes to it; check the path",
            Warning(_directory.Path));
        Assert.Equal(
            $"The XenStore endpoint {fifo} (option '--xenstore') is a FIFO or a block device, not a unix socket or a character device: run refuses it at start (exit 1) and never writes to it; check the path",
            Warning(fifo));
    }

    [Fact]
    public void A_relative_XENSTORED_PATH_is_named_as_run_opens_it_against_the_working_directory()
    {
        var none = new RunInvocation(null, null, null, null, null);

        var warning = Assert.Single(XenStorePathCheck.Of(none, new AgentSettings(), name => name == "XENSTORED_PATH" ? "no-such-xs.sock" : null));

        Assert.Equal(
            $"The XenStore endpoint {Path.Join(Environment.CurrentDirectory, "no-such-xs.sock")} (environment variable XENSTORED_PATH) does not exist: run cannot connect until it does "
            + "(it exits 1 at start, and the unit restarts it); fine if xenstored creates it later, otherwise check the path",
            warning);
    }

    [Fact]
    public async Task The_warnings_run_would_log_are_printed_and_the_exit_code_is_still_0()
    {
        WriteConfig("""{ "network": { "deadlineSeconds": 100 }, "commands": { "enabled": [] } }""");

        var (code, output, error) = await RunAsync("check-config", "--config", Config);

        Assert.Equal(ExitCodes.Success, code);
        var warnings = error.TrimEnd('\n').Split('\n');
        Assert.Equal(3, warnings.Length);
        Assert.StartsWith("warning: guest-agent: 'shutdownTimeoutSeconds' (55 s) is not above 'network.deadlineSeconds' + 2 (102 s)", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("warning: guest-agent: 'network.deadlineSeconds' (100 s) needs the unit's TimeoutStartSec to be at least 170 s", warnings[1], StringComparison.Ordinal);
        Assert.StartsWith("warning: AgentComposition: No command is enabled", warnings[2], StringComparison.Ordinal);
        Assert.Contains("\n  network.deadlineSeconds               100\n", output, StringComparison.Ordinal);
        Assert.Contains("\nCommands served (0): none\n", output, StringComparison.Ordinal);
        Assert.EndsWith("The configuration is valid, with 3 warning(s) (on stderr).\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "xenstore": { "pollIntervalSeconds": "fast" } }""", "'xenstore.pollIntervalSeconds' must be a number, not the string \"fast\"")]
    [InlineData("""{ "loglevel": "debug" }""", "unknown key 'loglevel' (known keys: logLevel, root, stateDirectory, shutdownTimeoutSeconds, xenstore, commands, injectFile, agentUpdate, network)")]
    [InlineData("""{ "commands": { "enabled": ["version", "reboot"] } }""", "'commands.enabled' names no command 'reboot' (registered: agentupdate, features, file_inject, injectfile, keyinit, kmsactivate, password, resetnetwork, version)")]
    public async Task An_invalid_file_exits_2_with_the_line_run_would_print_and_nothing_on_stdout(string json, string problem)
    {
        WriteConfig(json);

        var (code, output, error) = await RunAsync("check-config", "--config", Config);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Equal($"guest-agent: {Config}: {problem}\n", error);
        // run ends with the same line, word for word, before it would reach XenStore.
        var run = await RunAsync("run", "--config", Config, "--xenstore", NoXenStore);
        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.EndsWith(error, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_xenstore_path_too_long_for_a_unix_socket_exits_2_as_for_run_naming_the_key()
    {
        // Before, the length was checked for --xenstore only: run failed at connect (exit 1, "cannot
        // open XenStore"), and check-config called the file valid.
        WriteConfig($$"""{ "xenstore": { "path": "/{{new string('s', 107)}}" } }""");
        var expected = $"guest-agent: {Config}: 'xenstore.path' names a path of 108 bytes, too long for a unix socket (at most 107 bytes; choose a shorter path)\n";

        var (code, output, error) = await RunAsync("check-config", "--config", Config);
        var run = await RunAsync("run", "--config", Config);

        Assert.Equal((ExitCodes.Usage, "", expected), (code, output, error));
        Assert.Equal((ExitCodes.Usage, expected), (run.Code, run.Error));
    }

    [Fact]
    public async Task A_missing_file_named_with_config_exits_2()
    {
        var (code, output, error) = await RunAsync("check-config", "--config", Config);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Equal($"guest-agent: configuration file '{Config}' does not exist\n", error);
    }

    [Fact]
    public async Task Dev_null_checks_the_defaults_alone()
    {
        var (code, output, error) = await RunAsync("check-config", "--config", "/dev/null");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("Configuration file: none (--config /dev/null; defaults apply)", lines[0]);
        Assert.All(lines[2..^2], line => Assert.EndsWith("  (default)", line, StringComparison.Ordinal));
        Assert.Equal("The configuration is valid.", lines[^1]);
    }

    [Fact]
    public void Error_lines_are_counted_apart_from_warnings_and_the_configuration_is_then_not_called_valid()
    {
        // No error can be provoked in-process here (libssl is installed, the daemon's commands find
        // their services): the summary and the classification are checked directly.
        Assert.True(CheckConfigVerb.IsError("<3>OpenSslLibrary: libssl was not found on this system"));
        Assert.True(CheckConfigVerb.IsError("<2>guest-agent: critical"));
        Assert.False(CheckConfigVerb.IsError("<4>guest-agent: Root mode: the root is /tmp/x, not /"));
        Assert.False(CheckConfigVerb.IsError("<6>guest-agent: information"));
        Assert.False(CheckConfigVerb.IsError("<3"));

        var settings = new AgentSettings();
        Assert.EndsWith(
            "\nThe settings are valid, but the agent would start with 1 error(s) and 2 warning(s) (on stderr): the commands they name would not work.\n",
            CheckConfigVerb.Report(settings, ["version"], warnings: 2, errors: 1),
            StringComparison.Ordinal);
        Assert.EndsWith(
            "\nThe settings are valid, but the agent would start with 2 error(s) (on stderr): the commands they name would not work.\n",
            CheckConfigVerb.Report(settings, ["version"], warnings: 0, errors: 2),
            StringComparison.Ordinal);
        Assert.DoesNotContain("configuration is valid", CheckConfigVerb.Report(settings, ["version"], warnings: 0, errors: 1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_journald_the_warnings_keep_the_priority_prefix_run_logs()
    {
        WriteConfig("""{ "commands": { "enabled": [] } }""");

        var (code, _, error) = await RunAsync(journal: true, "check-config", "--config", Config);

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("<4>AgentComposition: No command is enabled", Assert.Single(error.TrimEnd('\n').Split('\n')), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<3>OpenSslLibrary: libssl was not found", "error: OpenSslLibrary: libssl was not found")]
    [InlineData("<4>guest-agent: Root mode", "warning: guest-agent: Root mode")]
    [InlineData("<2>x: y", "critical: x: y")]
    [InlineData("<6>x: y", "info: x: y")]
    [InlineData("<7>x: y", "debug: x: y")]
    [InlineData("no prefix", "no prefix")]
    [InlineData("<9>x", "<9>x")]
    public void On_a_terminal_the_priority_prefix_becomes_the_level_word(string logged, string shown) =>
        Assert.Equal(shown, CheckConfigVerb.ForTerminal(logged));

    [Fact]
    public async Task A_bad_option_is_named_with_the_verb()
    {
        var (code, _, error) = await RunAsync("check-config", "--root", "relative/root");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("guest-agent: check-config: option '--root' must be an absolute directory, not 'relative/root'\n", error);
    }

    [Fact]
    public async Task A_state_directory_that_is_a_file_is_an_error_run_would_log()
    {
        var state = _directory.Combine("state");
        File.WriteAllText(state, "");
        WriteConfig($$"""{ "stateDirectory": "{{state}}" }""");

        var (code, output, error) = await RunAsync("check-config", "--config", Config);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal(
            $"error: guest-agent: The state directory {state} is not a directory: the agent cannot keep its instance lock, its journal of answered requests, "
            + $"agentupdate's staging or resetnetwork's record there; remove it, or set 'stateDirectory' in {Config} to a directory",
            error.TrimEnd('\n'));
        Assert.EndsWith("The settings are valid, but the agent would start with 1 error(s) (on stderr): the commands they name would not work.\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0777", "mode 0777: every user may write it")]
    [InlineData("1777", "mode 1777: every user may write it")]
    public async Task A_state_directory_others_can_write_is_warned_about_with_the_fix(string mode, string why)
    {
        var state = _directory.Combine("state");
        Directory.CreateDirectory(state);
        File.SetUnixFileMode(state, (UnixFileMode)Convert.ToInt32(mode, 8));
        WriteConfig($$"""{ "stateDirectory": "{{state}}" }""");

        var (code, output, error) = await RunAsync("check-config", "--config", Config);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(
            $"warning: guest-agent: The state directory {state} can be changed by users other than root ({why}), and the agent, running as root, trusts what it finds there "
            + $"(the journal of answered requests, agentupdate's staging, the record resetnetwork restores files from): chown root:root {PathAccess.ShellWord(state)} && chmod 0700 {PathAccess.ShellWord(state)}",
            error.TrimEnd('\n'));
        Assert.EndsWith("The configuration is valid, with 1 warning(s) (on stderr).\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_others_can_write_two_levels_above_the_file_is_named_with_its_fix()
    {
        // Before, only the file's own directory (conf, 0755) was looked at: the file was called safe
        // although every user could rename conf away and put their own agent.json in its place.
        var open = Directory.CreateDirectory(_directory.Combine("open")).FullName;
        var conf = Directory.CreateDirectory(Path.Combine(open, "conf")).FullName;
        File.SetUnixFileMode(open, (UnixFileMode)Convert.ToInt32("0777", 8));
        File.SetUnixFileMode(conf, (UnixFileMode)Convert.ToInt32("0755", 8));
        var config = Path.Combine(conf, "agent.json");
        File.WriteAllText(config, "{}");
        File.SetUnixFileMode(config, (UnixFileMode)Convert.ToInt32("0644", 8));

        var (code, output, error) = await RunAsync("check-config", "--config", config);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(
            $"warning: guest-agent: {config} can be changed by users other than root (the directory {open} above it is mode 0777: every user may replace what is below it), "
            + $"and the agent, running as root, does what it says (which XenStore to obey, where files may be injected): chown root:root {PathAccess.ShellWord(open)} && chmod 0755 {PathAccess.ShellWord(open)}",
            error.TrimEnd('\n'));
        Assert.EndsWith("The configuration is valid, with 1 warning(s) (on stderr).\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_state_directory_gives_no_warning()
    {
        var state = _directory.Combine("state");
        Directory.CreateDirectory(state);
        File.SetUnixFileMode(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        WriteConfig($$"""{ "stateDirectory": "{{state}}" }""");

        var (code, _, error) = await RunAsync("check-config", "--config", Config);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(error);
    }

    public void Dispose() => _directory.Dispose();

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] arguments) => RunAsync(journal: false, arguments);

    private static async Task<(int Code, string Output, string Error)> RunAsync(bool journal, params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var streams = new StandardStreams(TextReader.Null, output, error) { ErrorIsJournal = journal };
        var code = await Program.RunAsync(arguments, streams, TestContext.Current.CancellationToken);
        return (code, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }
}
