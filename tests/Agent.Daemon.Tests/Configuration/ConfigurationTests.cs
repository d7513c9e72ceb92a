using System.Text;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Tests.Configuration;

public sealed class ConfigurationTests
{
    private static readonly RunInvocation NoOptions = new(null, null, null, null, null);

    private static ConfigurationFile Parse(string json) => ConfigurationReader.Parse(Encoding.UTF8.GetBytes(json), "agent.json");

    private static AgentSettings Resolve(string json, RunInvocation? invocation = null) =>
        SettingsResolver.Resolve(invocation ?? NoOptions, Parse(json), "agent.json");

    private static void AssertError(string message, string json)
    {
        var exception = Assert.Throws<UsageException>(() => Resolve(json));
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void An_empty_file_gives_the_documented_defaults()
    {
        var settings = Resolve("{}");

        Assert.Equal(new AgentSettings { ConfigurationFile = "agent.json", ConfigurationFileRead = true }, settings);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.Equal("/", settings.Root);
        Assert.Equal("/var/lib/guest-agent", settings.StateDirectory);
        Assert.Equal("/var/lib/guest-agent", settings.StateDirectoryOnDisk);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(15), settings.ResponseRetention);
        Assert.Null(settings.XenStorePath);
        Assert.Null(settings.DomainPath);
        Assert.Null(settings.EnabledCommands);
        Assert.Null(settings.InjectFileDirectories);
        Assert.True(settings.InjectFileInheritUserDirectoryOwner);
        Assert.False(settings.AgentUpdateAllowHttp);
        // resetnetwork answers inside Nova's 60 s wait, two fifths of it kept for a rollback.
        Assert.Equal(TimeSpan.FromSeconds(50), settings.NetworkDeadline);
        Assert.Equal(0.4, settings.NetworkRollbackShare);
    }

    [Theory]
    [InlineData("freebsd-rcconf")]
    [InlineData("freebsd")]
    public void The_network_backend_may_be_named_as_here_or_as_in_the_sdk(string name) =>
        Assert.Equal(
            GuestAgent.Commands.Network.Detection.NetworkBackend.FreeBsdRcConf,
            Resolve($$$"""{"network":{"backend":"{{{name}}}"}}""").NetworkBackend);

    [Fact]
    public void Every_key_is_read()
    {
        using var root = new TemporaryDirectory();
        var settings = Resolve($$"""
            {
              // Comments and trailing commas are fine: operators edit this file by hand.
              "logLevel": "warning",
              "root": "{{root.Path}}",
              "stateDirectory": "/var/lib/agent-state/",
              "shutdownTimeoutSeconds": 5,
              "xenstore": { "path": "/dev/xen/xenbus", "domainPath": "/local/domain/9", "pollIntervalSeconds": 0.5, "responseRetentionSeconds": 120 },
              "commands": { "enabled": ["version", "features", "version"] },
              "injectFile": { "allowedDirectories": ["/root/.ssh", "/etc/"], "inheritUserDirectoryOwner": false },
              "agentUpdate": { "allowHttp": true, "maxSizeBytes": 1048576, "timeoutSeconds": 30 },
              "network": { "backend": "Systemd-Networkd", "resolvConf": "never", "setHostname": false, "deadlineSeconds": 40.5, "rollbackShare": 0.5 },
            }
            """);

        Assert.Equal(LogLevel.Warning, settings.LogLevel);
        Assert.Equal(root.Path, settings.Root);
        Assert.Equal("/var/lib/agent-state", settings.StateDirectory);
        Assert.Equal(Path.Combine(root.Path, "var/lib/agent-state"), settings.StateDirectoryOnDisk);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ShutdownTimeout);
        Assert.Equal("/dev/xen/xenbus", settings.XenStorePath);
        Assert.Equal("/local/domain/9", settings.DomainPath);
        Assert.Equal(TimeSpan.FromSeconds(0.5), settings.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(120), settings.ResponseRetention);
        Assert.Equal(["version", "features"], settings.EnabledCommands);
        Assert.Equal(["/root/.ssh", "/etc"], settings.InjectFileDirectories);
        Assert.False(settings.InjectFileInheritUserDirectoryOwner);
        Assert.True(settings.AgentUpdateAllowHttp);
        Assert.Equal(1048576, settings.AgentUpdateMaxSizeBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.AgentUpdateTimeout);
        Assert.Equal(GuestAgent.Commands.Network.Detection.NetworkBackend.SystemdNetworkd, settings.NetworkBackend);
        Assert.Equal(GuestAgent.Commands.Network.ResolvConfPolicy.Never, settings.ResolvConf);
        Assert.False(settings.SetHostname);
        Assert.Equal(TimeSpan.FromSeconds(40.5), settings.NetworkDeadline);
        Assert.Equal(0.5, settings.NetworkRollbackShare);
    }

    [Fact]
    public void The_command_line_wins_over_the_file_which_wins_over_the_defaults()
    {
        using var fileRoot = new TemporaryDirectory();
        using var cliRoot = new TemporaryDirectory();
        var json = $$$"""{"logLevel":"error","root":"{{{fileRoot.Path}}}","xenstore":{"path":"/file/socket","domainPath":"/local/domain/1","pollIntervalSeconds":2}}""";

        var fromFile = Resolve(json);
        var fromCommandLine = Resolve(json, new RunInvocation(null, "/cli/socket", "/local/domain/2", cliRoot.Path, LogLevel.Trace));

        Assert.Equal((LogLevel.Error, fileRoot.Path, "/file/socket", "/local/domain/1"), (fromFile.LogLevel, fromFile.Root, fromFile.XenStorePath, fromFile.DomainPath));
        Assert.Equal((LogLevel.Trace, cliRoot.Path, "/cli/socket", "/local/domain/2"), (fromCommandLine.LogLevel, fromCommandLine.Root, fromCommandLine.XenStorePath, fromCommandLine.DomainPath));
        // What the command line does not set still comes from the file.
        Assert.Equal(TimeSpan.FromSeconds(2), fromCommandLine.PollInterval);
    }

    [Fact]
    public void A_bad_value_in_the_file_is_not_reported_when_the_command_line_overrides_it()
    {
        var settings = Resolve("""{"logLevel":"loud"}""", new RunInvocation(null, null, null, null, LogLevel.Debug));

        Assert.Equal(LogLevel.Debug, settings.LogLevel);
    }

    [Theory]
    [InlineData("agent.json: key 'logLevel' is given twice", """{"logLevel":"info","logLevel":"error"}""")]
    [InlineData("agent.json: key 'network.backend' is given twice", """{"network":{"backend":"netplan","backend":"ifupdown"}}""")]
    [InlineData("agent.json: unknown key 'loglevel' (known keys: logLevel, root, stateDirectory, shutdownTimeoutSeconds, xenstore, commands, injectFile, agentUpdate, network)", """{"loglevel":"debug"}""")]
    [InlineData("agent.json: unknown key 'xenstore.socket' (known keys in 'xenstore': path, domainPath, pollIntervalSeconds, responseRetentionSeconds)", """{"xenstore":{"socket":"/x"}}""")]
    [InlineData("agent.json: unknown key 'agentUpdate.maxSize' (known keys in 'agentUpdate': allowHttp, maxSizeBytes, timeoutSeconds)", """{"agentUpdate":{"maxSize":1}}""")]
    public void Unknown_keys_are_named_with_the_keys_that_exist(string message, string json)
    {
        AssertError(message, json);
    }

    [Theory]
    [InlineData("agent.json: 'logLevel' must be a string, not the number 3", """{"logLevel":3}""")]
    [InlineData("agent.json: 'xenstore' must be an object, not the string \"/dev/xen/xenbus\"", """{"xenstore":"/dev/xen/xenbus"}""")]
    [InlineData("agent.json: 'xenstore.pollIntervalSeconds' must be a number, not the string \"1\"", """{"xenstore":{"pollIntervalSeconds":"1"}}""")]
    [InlineData("agent.json: 'agentUpdate.allowHttp' must be true or false, not the string \"yes\"", """{"agentUpdate":{"allowHttp":"yes"}}""")]
    [InlineData("agent.json: 'agentUpdate.maxSizeBytes' must be a whole number, not the number 1.5", """{"agentUpdate":{"maxSizeBytes":1.5}}""")]
    [InlineData("agent.json: 'commands.enabled' must be an array of strings, not an array", """{"commands":{"enabled":["version",1]}}""")]
    [InlineData("agent.json: 'logLevel' must be one of: trace, debug, information, warning, error, critical, none, not 'loud'", """{"logLevel":"loud"}""")]
    [InlineData("agent.json: 'xenstore.pollIntervalSeconds' must be between 0.01 and 3600 seconds, not '0'", """{"xenstore":{"pollIntervalSeconds":0}}""")]
    [InlineData("agent.json: 'xenstore.responseRetentionSeconds' must be 0 (keep every response) or between 60 and 604800 seconds, not '-1'", """{"xenstore":{"responseRetentionSeconds":-1}}""")]
    [InlineData("agent.json: 'xenstore.responseRetentionSeconds' must be 0 (keep every response) or between 60 and 604800 seconds, not '30'", """{"xenstore":{"responseRetentionSeconds":30}}""")]
    [InlineData("agent.json: 'xenstore.responseRetentionSeconds' must be 0 (keep every response) or between 60 and 604800 seconds, not '900000'", """{"xenstore":{"responseRetentionSeconds":900000}}""")]
    [InlineData("agent.json: 'xenstore.responseRetentionSeconds' must be a number, not the string \"15m\"", """{"xenstore":{"responseRetentionSeconds":"15m"}}""")]
    [InlineData("agent.json: 'xenstore.domainPath' must be an absolute XenStore path such as /local/domain/5, not 'domain/5'", """{"xenstore":{"domainPath":"domain/5"}}""")]
    [InlineData("agent.json: 'xenstore.domainPath' must be an absolute XenStore path such as /local/domain/5, not '/local/domain/5 '", """{"xenstore":{"domainPath":"/local/domain/5 "}}""")]
    [InlineData("agent.json: 'stateDirectory' must be an absolute path, not 'var/lib'", """{"stateDirectory":"var/lib"}""")]
    [InlineData("agent.json: 'injectFile.allowedDirectories' must not contain '.' or '..', not '/root/../etc'", """{"injectFile":{"allowedDirectories":["/root/../etc"]}}""")]
    [InlineData("agent.json: 'commands.enabled' must hold command names (letters, digits, '_', '.', '-'), not 'rm -rf'", """{"commands":{"enabled":["rm -rf"]}}""")]
    [InlineData("agent.json: 'agentUpdate.maxSizeBytes' must be greater than 0, not '0'", """{"agentUpdate":{"maxSizeBytes":0}}""")]
    [InlineData("agent.json: 'root' names a directory that does not exist: '/nonexistent/guest-agent-root'", """{"root":"/nonexistent/guest-agent-root"}""")]
    [InlineData("agent.json: 'root' must be an absolute directory, not 'tmp'", """{"root":"tmp"}""")]
    [InlineData("agent.json: 'network.backend' must be one of: netplan, ifupdown, systemd-networkd, network-manager, redhat-ifcfg, suse-ifcfg, netctl, gentoo-netifrc, freebsd-rcconf, not 'wicked'", """{"network":{"backend":"wicked"}}""")]
    [InlineData("agent.json: 'network.resolvConf' must be one of: auto, always, never, not 'off'", """{"network":{"resolvConf":"off"}}""")]
    [InlineData("agent.json: 'network.deadlineSeconds' must be between 1 and 3600 seconds, not '0.5'", """{"network":{"deadlineSeconds":0.5}}""")]
    [InlineData("agent.json: 'network.deadlineSeconds' must be between 1 and 3600 seconds, not '-50'", """{"network":{"deadlineSeconds":-50}}""")]
    [InlineData("agent.json: 'network.deadlineSeconds' must be a number, not the string \"50s\"", """{"network":{"deadlineSeconds":"50s"}}""")]
    [InlineData("agent.json: 'network.rollbackShare' must be between 0.1 and 0.9, not '1'", """{"network":{"rollbackShare":1}}""")]
    [InlineData("agent.json: 'network.rollbackShare' must be between 0.1 and 0.9, not '0'", """{"network":{"rollbackShare":0}}""")]
    [InlineData("agent.json: 'xenstore.path' must not be empty", """{"xenstore":{"path":""}}""")]
    [InlineData("agent.json: 'commands.enabled' must hold command names (letters, digits, '_', '.', '-'), not ''", """{"commands":{"enabled":["version",""]}}""")]
    [InlineData("agent.json: 'stateDirectory' must be an absolute path, not '/var/\0lib'", """{"stateDirectory":"/var/\u0000lib"}""")]
    [InlineData("agent.json: 'xenstore.pollIntervalSeconds' must be between 0.01 and 3600 seconds, not '3600.5'", """{"xenstore":{"pollIntervalSeconds":3600.5}}""")]
    [InlineData("agent.json: 'shutdownTimeoutSeconds' must be between 0 and 3600 seconds, not '-0.5'", """{"shutdownTimeoutSeconds":-0.5}""")]
    [InlineData("agent.json: 'network.rollbackShare' must be between 0.1 and 0.9, not '0.95'", """{"network":{"rollbackShare":0.95}}""")]
    [InlineData("agent.json: 'xenstore.pollIntervalSeconds' must be a number, not the string \"0123456789012345678901234567890123456789…\"", """{"xenstore":{"pollIntervalSeconds":"0123456789012345678901234567890123456789-and-more"}}""")]
    public void Bad_values_are_named_with_what_was_expected(string message, string json)
    {
        AssertError(message, json);
    }

    [Fact]
    public void A_file_saved_with_a_utf8_byte_order_mark_is_read()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{ \"logLevel\": \"debug\" }")]);

        var settings = SettingsResolver.Resolve(NoOptions, ConfigurationReader.Read(path, explicitlyGiven: true), path);

        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, settings.LogLevel);
    }

    [Fact]
    public void After_a_byte_order_mark_errors_still_name_the_position_in_the_text()
    {
        var exception = Assert.Throws<UsageException>(() => ConfigurationReader.Parse(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{ \"root\": , }")).ToArray(), "agent.json"));

        Assert.Equal("agent.json: not valid JSON (line 1, column 11: ',' is an invalid start of a value)", exception.Message);
    }

    [Fact]
    public void A_byte_order_mark_counts_once_only()
    {
        var exception = Assert.Throws<UsageException>(() => ConfigurationReader.Parse(new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}' }, "agent.json"));

        Assert.StartsWith("agent.json: not valid JSON", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent.json: not valid JSON (line 2, column 11: ',' is an invalid start of a value)", "{\n  \"root\": ,\n}")]
    [InlineData("agent.json: not valid JSON (line 1, column 1: '#' is an invalid start of a value)", "# the agent\n{}")]
    [InlineData("agent.json: not valid JSON (line 1, column 2: ''' is an invalid start of a property name. Expected a '\"')", "{'root': \"/\"}")]
    [InlineData("agent.json: not valid JSON (line 1, column 16: Expected end of string, but instead reached end of data)", "{\"root\": \"/srv}")]
    [InlineData("agent.json: not valid JSON (line 1, column 12: '}' is invalid after a single JSON value. Expected end of data)", "{\"root\": 1}}")]
    [InlineData("agent.json: the configuration must be a JSON object", "[]")]
    public void Broken_json_is_reported_with_its_position(string message, string json)
    {
        var exception = Assert.Throws<UsageException>(() => Parse(json));
        Assert.Equal(message, exception.Message);
    }

    [Theory]
    [InlineData("{\"xenstore\": {\"path\": hunter2}}", "'...' is an invalid start of a value")]
    [InlineData("{\"root\": \"se\"cr3t\"}", "'...' is invalid after a value. Expected either ',', '}', or ']'")]
    [InlineData("{\"root\": nul7x}", "'...' is an invalid JSON literal. Expected the literal 'null'")]
    [InlineData("{\"root\": -7x}", "'...' is an invalid end of a number. Expected a delimiter")]
    [InlineData("{\"root\": -x}", "'...' is invalid within a number, immediately after a sign character ('+' or '-'). Expected a digit (0-9)")]
    [InlineData("{\"root\": \"\\7\"}", "'...' is an invalid escapable character within a JSON string. The string should be correctly escaped")]
    [InlineData("{\"root\": 07}", "Invalid leading zero before '...'")]
    [InlineData("{\"root\": 1.}", "'}' is invalid within a number, immediately after a decimal point ('.'). Expected a digit (0-9)")]
    public void What_was_wrong_is_said_without_quoting_the_files_text(string json, string reason)
    {
        // The file may hold secrets: of the text, only JSON's own punctuation is shown.
        var exception = Assert.Throws<UsageException>(() => Parse(json));

        Assert.EndsWith(": " + reason + ")", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("7", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'h'", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'c'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_longer_than_200_characters_is_cut_and_says_so()
    {
        var reason = JsonSyntaxReason.Describe(new System.Text.Json.JsonException(string.Concat(Enumerable.Repeat("Expected a ',' here. ", 20)) + "LineNumber: 3 | BytePositionInLine: 4."));

        Assert.Equal(203, reason.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat("Expected a ',' here. ", 20))[..200] + "...", reason);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(60, 60)]
    [InlineData(604800, 604800)]
    [InlineData(90.5, 90.5)]
    public void Response_retention_is_0_to_keep_everything_or_a_minute_to_a_week(double configured, double expectedSeconds) =>
        Assert.Equal(
            TimeSpan.FromSeconds(expectedSeconds),
            Resolve($$$"""{"xenstore":{"responseRetentionSeconds":{{{configured.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}}}""").ResponseRetention);

    [Fact]
    public void The_bounds_of_every_range_are_accepted()
    {
        var low = Resolve("""{"shutdownTimeoutSeconds":0,"xenstore":{"pollIntervalSeconds":0.01},"agentUpdate":{"timeoutSeconds":1},"network":{"deadlineSeconds":1,"rollbackShare":0.1}}""");
        var high = Resolve("""{"shutdownTimeoutSeconds":3600,"xenstore":{"pollIntervalSeconds":3600},"agentUpdate":{"timeoutSeconds":3600},"network":{"deadlineSeconds":3600,"rollbackShare":0.9}}""");

        Assert.Equal(
            (TimeSpan.Zero, TimeSpan.FromSeconds(0.01), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 0.1),
            (low.ShutdownTimeout, low.PollInterval, low.AgentUpdateTimeout, low.NetworkDeadline, low.NetworkRollbackShare));
        Assert.Equal(
            (TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1), 0.9),
            (high.ShutdownTimeout, high.PollInterval, high.AgentUpdateTimeout, high.NetworkDeadline, high.NetworkRollbackShare));
    }

    [Fact]
    public void The_root_directory_as_a_path_setting_stays_the_root_directory()
    {
        // Trailing slashes go, but "/" and "//" are the root, not an empty path.
        var settings = Resolve("""{"stateDirectory":"/","injectFile":{"allowedDirectories":["/","//","/srv//"]}}""");

        Assert.Equal("/", settings.StateDirectory);
        Assert.Equal(["/", "/", "/srv"], settings.InjectFileDirectories);
    }

    [Fact]
    public void The_root_is_used_in_its_normal_form()
    {
        using var root = new TemporaryDirectory();
        Directory.CreateDirectory(root.Combine("sub"));

        var settings = Resolve($$$"""{"root":"{{{root.Path}}}/./sub/.."}""");

        Assert.Equal(root.Path, settings.Root);
        Assert.Equal(Path.Combine(root.Path, "var/lib/guest-agent"), settings.StateDirectoryOnDisk);
    }

    [Fact]
    public void Command_names_may_hold_dashes_dots_and_underscores()
    {
        Assert.Equal(["my-command", "vendor.reset_network"], Resolve("""{"commands":{"enabled":["my-command","vendor.reset_network"]}}""").EnabledCommands);
    }

    [Theory]
    [InlineData("Always", GuestAgent.Commands.Network.ResolvConfPolicy.Always)]
    [InlineData(" NEVER ", GuestAgent.Commands.Network.ResolvConfPolicy.Never)]
    [InlineData("auto", GuestAgent.Commands.Network.ResolvConfPolicy.Auto)]
    public void The_resolv_conf_policy_is_read_whatever_its_case(string name, GuestAgent.Commands.Network.ResolvConfPolicy expected) =>
        Assert.Equal(expected, Resolve($$$"""{"network":{"resolvConf":"{{{name}}}"}}""").ResolvConf);

    [Fact]
    public void Null_means_unset()
    {
        Assert.Equal(new AgentSettings { ConfigurationFile = "agent.json", ConfigurationFileRead = true }, Resolve("""{"logLevel":null,"xenstore":null,"commands":{"enabled":null}}"""));
    }

    [Fact]
    public void A_missing_default_file_is_fine_but_a_missing_explicit_file_is_an_error()
    {
        using var directory = new TemporaryDirectory();
        var missing = directory.Combine("agent.json");

        Assert.Equal(new AgentSettings { ConfigurationFile = missing }, SettingsResolver.Resolve(NoOptions, ConfigurationReader.Read(missing, explicitlyGiven: false), missing));
        var exception = Assert.Throws<UsageException>(() => SettingsResolver.Resolve(NoOptions with { ConfigFile = missing }));
        Assert.Equal($"configuration file '{missing}' does not exist", exception.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_that_is_a_link_to_nothing_is_an_error_never_the_defaults(bool explicitlyGiven)
    {
        // An agent.json linked to a file that is not there (config management's target removed, a
        // file system not mounted yet) is an operator's configuration gone missing, not "no file":
        // read as the defaults, an allow-list such as commands.enabled would silently be dropped and
        // every command served, as the empty file rule says of a half-written file.
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.json");
        File.CreateSymbolicLink(path, "/nonexistent/guest-agent/agent.json");

        var exception = Assert.Throws<UsageException>(() => ConfigurationReader.Read(path, explicitlyGiven));

        // The way to the defaults it suggests must be one: removing a file named with --config is
        // "does not exist", exit 2 again.
        Assert.Equal(
            $"configuration file '{path}' is a symbolic link to '/nonexistent/guest-agent/agent.json', which does not exist "
            + (explicitlyGiven ? "(point the link at the file, or give --config /dev/null for the defaults)" : "(point the link at the file, or remove it for the defaults)"),
            exception.Message);
    }

    [Fact]
    public void A_directory_given_as_the_file_is_named_as_such()
    {
        using var directory = new TemporaryDirectory();

        var exception = Assert.Throws<UsageException>(() => ConfigurationReader.Read(directory.Path, explicitlyGiven: true));

        Assert.Equal($"configuration file '{directory.Path}' cannot be read: it is a directory", exception.Message);
    }

    [Fact]
    public async Task A_fifo_or_a_device_given_as_the_file_is_refused_without_waiting_for_a_writer()
    {
        var mkfifo = ExternalTool.Require("mkfifo", "coreutils");
        using var directory = new TemporaryDirectory();
        var fifo = directory.Combine("agent.json");
        Assert.Equal(0, (await ExternalTool.RunAsync(mkfifo, [fifo])).ExitCode);
        var link = directory.Combine("link.json");
        File.CreateSymbolicLink(link, fifo);

        // Without the check, reading the FIFO blocks until a writer opens it: never, here.
        foreach (var path in new[] { fifo, link, "/dev/zero" })
        {
            var exception = Assert.Throws<UsageException>(() => ConfigurationReader.Read(path, explicitlyGiven: true));
            Assert.Equal($"configuration file '{path}' cannot be read: it is not a regular file (a FIFO, socket or device)", exception.Message);
        }
    }

    [Fact]
    public void Dev_null_as_the_file_means_no_file_and_the_defaults()
    {
        var settings = SettingsResolver.Resolve(NoOptions with { ConfigFile = "/dev/null", LogLevel = LogLevel.Debug });

        // What is at /var/lib/guest-agent is this machine's: looked at, but not part of the defaults.
        Assert.Equal(new AgentSettings { ConfigurationFile = "/dev/null", LogLevel = LogLevel.Debug }, settings with { StateDirectoryAccess = null, StateDirectoryIsNotADirectory = false });
        Assert.False(settings.ConfigurationFileRead);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\r\n")]
    [InlineData("\uFEFF")]
    public void An_empty_file_is_refused_saying_how_to_ask_for_the_defaults(string text)
    {
        var exception = Assert.Throws<UsageException>(() => Parse(text));

        Assert.Equal("agent.json: the file is empty (write {} for the defaults, or give --config /dev/null)", exception.Message);
    }

    [Theory]
    [InlineData("agent.json: 'logLevel' is not valid UTF-8 text (save the file as UTF-8)", "{\"logLevel\":\"d\u00FFbug\"}")]
    [InlineData("agent.json: 'injectFile.allowedDirectories' is not valid UTF-8 text (save the file as UTF-8)", "{\"injectFile\":{\"allowedDirectories\":[\"/root\",\"/caf\u00E9\"]}}")]
    [InlineData("agent.json: a key is not valid UTF-8 text (save the file as UTF-8)", "{\"log\u00FFLevel\":\"debug\"}")]
    public void Text_that_is_not_utf8_is_named_as_such(string message, string latin1)
    {
        // Latin-1 bytes, as an editor set to another encoding saves them.
        var exception = Assert.Throws<UsageException>(() => ConfigurationReader.Parse(Encoding.Latin1.GetBytes(latin1), "agent.json"));

        Assert.Equal(message, exception.Message);
    }

    [Theory]
    [InlineData("agent.json: 'network.deadlineSeconds' is out of range: the number 1e400", """{"network":{"deadlineSeconds":1e400}}""")]
    [InlineData("agent.json: 'shutdownTimeoutSeconds' is out of range: the number -1e309", """{"shutdownTimeoutSeconds":-1e309}""")]
    [InlineData("agent.json: 'agentUpdate.maxSizeBytes' is out of range: the number 99999999999999999999", """{"agentUpdate":{"maxSizeBytes":99999999999999999999}}""")]
    [InlineData("agent.json: 'agentUpdate.maxSizeBytes' must be a whole number, not the number 1.5", """{"agentUpdate":{"maxSizeBytes":1.5}}""")]
    public void A_number_too_large_for_its_setting_is_out_of_range(string message, string json)
    {
        var exception = Assert.Throws<UsageException>(() => Parse(json));

        Assert.Equal(message, exception.Message);
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("1E30")]
    [InlineData("1e-3")]
    [InlineData("2.5e+2")]
    public void A_whole_number_setting_written_with_an_exponent_is_refused_as_such_whatever_its_value(string number)
    {
        // 1e3 is whole and 1e30 too large, but neither is "out of range": the exponent is what is refused.
        var exception = Assert.Throws<UsageException>(() => Parse($$$"""{"agentUpdate":{"maxSizeBytes":{{{number}}}}}"""));

        Assert.Equal($"agent.json: 'agentUpdate.maxSizeBytes' must be a whole number written without an exponent, not the number {number}", exception.Message);
    }

    [Fact]
    public void An_explicit_file_is_read_from_disk()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.json");
        File.WriteAllText(path, """{"logLevel":"debug","xenstore":{"pollIntervalSeconds":"fast"}}""");

        var exception = Assert.Throws<UsageException>(() => SettingsResolver.Resolve(NoOptions with { ConfigFile = path }));
        Assert.Equal($"{path}: 'xenstore.pollIntervalSeconds' must be a number, not the string \"fast\"", exception.Message);
    }
}
