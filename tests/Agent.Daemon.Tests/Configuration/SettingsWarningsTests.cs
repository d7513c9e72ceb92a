using System.Globalization;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Tests.Packaging;

namespace GuestAgent.Daemon.Tests.Configuration;

/// <summary>
/// What is legal but likely a mistake is warned about, never refused: root mode, and the timeouts
/// docs/daemon.md says must stay consistent with each other and with the shipped unit.
/// </summary>
public sealed class SettingsWarningsTests
{
    private static AgentSettings Settings(double shutdown = 55, double deadline = 50, string root = "/") => new()
    {
        ConfigurationFile = "/etc/guest-agent/agent.json",
        ConfigurationFileRead = true,
        ShutdownTimeout = TimeSpan.FromSeconds(shutdown),
        NetworkDeadline = TimeSpan.FromSeconds(deadline),
        Root = root,
    };

    [Fact]
    public void The_defaults_give_no_warning() => Assert.Empty(SettingsWarnings.Of(new AgentSettings()));

    [Fact]
    public void A_root_other_than_slash_is_root_mode_where_programs_are_only_recorded()
    {
        var warning = Assert.Single(SettingsWarnings.Of(Settings(root: "/srv/guest")));

        Assert.Equal(
            "Root mode: the root is /srv/guest, not /: every file is read and written under it, and no program (netplan, ifup, hostnamectl, systemctl …) is run; "
            + "each is only appended to /srv/guest/var/lib/guest-agent/actions.log. For development and tests only: on a guest, remove --root or 'root' from /etc/guest-agent/agent.json",
            warning);
    }

    [Fact]
    public void Without_a_configuration_file_root_mode_can_only_come_from_the_command_line() =>
        Assert.EndsWith(
            "For development and tests only: on a guest, remove --root",
            Assert.Single(SettingsWarnings.Of(Settings(root: "/srv/guest") with { ConfigurationFile = "/dev/null", ConfigurationFileRead = false })),
            StringComparison.Ordinal);

    [Theory]
    [InlineData(52, 50)]
    [InlineData(0, 50)]
    [InlineData(30, 40)]
    public void A_shutdown_timeout_not_above_the_network_deadline_and_2_s_is_warned_about(double shutdown, double deadline)
    {
        var warning = Assert.Single(SettingsWarnings.Of(Settings(shutdown, deadline)));

        var limit = (deadline + 2).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(
            $"'shutdownTimeoutSeconds' ({shutdown.ToString(CultureInfo.InvariantCulture)} s) is not above 'network.deadlineSeconds' + 2 ({limit} s): "
            + $"a resetnetwork running at SIGTERM is cut off (its files are restored, and applied again only at the next start); set shutdownTimeoutSeconds above {limit} s in /etc/guest-agent/agent.json",
            warning);
    }

    [Theory]
    [InlineData(null, "every injectfile and file_inject request", "both commands")]
    [InlineData("version,features,file_inject", "every file_inject request", "that command")]
    public void An_empty_injection_allow_list_with_injection_served_is_warned_about(string? enabled, string refused, string offered)
    {
        // Every injection is refused, but features still offers the commands, so Nova sends them.
        var settings = Settings() with { InjectFileDirectories = [], EnabledCommands = enabled?.Split(',') };

        Assert.Equal(
            $"'injectFile.allowedDirectories' in /etc/guest-agent/agent.json is empty: {refused} is answered '500' "
            + $"(File path is outside the directories allowed for injection), while features still offers the host {offered}; "
            + "to serve no injection, leave injectfile and file_inject out of 'commands.enabled' instead",
            Assert.Single(SettingsWarnings.Of(settings)));
    }

    [Theory]
    [InlineData("version,features,password")]
    [InlineData("")]
    public void An_empty_injection_allow_list_with_no_injection_served_is_fine(string enabled) =>
        Assert.Empty(SettingsWarnings.Of(Settings() with { InjectFileDirectories = [], EnabledCommands = enabled.Split(',', StringSplitOptions.RemoveEmptyEntries) }));

    [Fact]
    public void An_injection_allow_list_naming_a_directory_is_fine() =>
        Assert.Empty(SettingsWarnings.Of(Settings() with { InjectFileDirectories = ["/root/.ssh"] }));

    [Fact]
    public void A_shutdown_timeout_just_above_the_network_deadline_and_2_s_is_fine() =>
        Assert.Empty(SettingsWarnings.Of(Settings(shutdown: 52.5, deadline: 50)));

    [Fact]
    public void A_network_deadline_the_shipped_unit_cannot_wait_for_is_warned_about_with_what_it_needs()
    {
        // The hunt's case: the deadline raised alone, the shutdown timeout left at 55.
        var warnings = SettingsWarnings.Of(Settings(deadline: 100));

        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("'shutdownTimeoutSeconds' (55 s) is not above 'network.deadlineSeconds' + 2 (102 s)", warnings[0], StringComparison.Ordinal);
        Assert.Equal(
            "'network.deadlineSeconds' (100 s) needs the unit's TimeoutStartSec to be at least 170 s, and the shipped unit has 120 s: "
            + "a start may first roll back an unfinished resetnetwork, then wait for a queued one before READY=1; "
            + "raise it in a drop-in (systemctl edit guest-agent) unless done already, and Nova's agent_resetnetwork_timeout with the deadline",
            warnings[1]);
    }

    [Fact]
    public void A_shutdown_timeout_the_shipped_unit_does_not_wait_for_is_warned_about_with_what_it_needs()
    {
        var warning = Assert.Single(SettingsWarnings.Of(Settings(shutdown: 60)));

        Assert.Equal(
            "'shutdownTimeoutSeconds' (60 s) needs the unit's TimeoutStopSec to be at least 70 s, and the shipped unit has 65 s: "
            + "systemd would kill the agent before the request in progress is answered; raise it in a drop-in (systemctl edit guest-agent) unless done already",
            warning);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/srv/guest", "/srv/guest")]
    public void A_state_directory_that_is_the_root_directory_is_warned_about(string root, string onDisk)
    {
        var warning = Assert.Single(SettingsWarnings.Of(Settings(root: root) with { StateDirectory = "/" }), w => !w.StartsWith("Root mode:", StringComparison.Ordinal));

        Assert.Equal(
            $"'stateDirectory' in /etc/guest-agent/agent.json is the root directory ({onDisk}): the agent keeps its lock (run.lock), the journal of answered requests, "
            + "agentupdate's staging (updates/) and resetnetwork's record (resetnetwork/) directly in it, among the system's own files; set it to a directory of its own, such as /var/lib/guest-agent",
            warning);
    }

    [Theory]
    [InlineData("/var")]
    [InlineData("/srv/guest-agent")]
    public void A_state_directory_below_the_root_directory_gives_no_warning(string state) =>
        Assert.Empty(SettingsWarnings.Of(Settings() with { StateDirectory = state }));

    [Fact]
    public void The_largest_values_the_shipped_unit_allows_give_no_warning() =>
        Assert.Empty(SettingsWarnings.Of(Settings(shutdown: 55, deadline: 50)));

    [Fact]
    public async Task The_limits_are_the_shipped_unit_own()
    {
        var lines = await File.ReadAllLinesAsync(RepositoryFiles.Path("packaging", "systemd", "guest-agent.service"), TestContext.Current.CancellationToken);

        Assert.Contains($"TimeoutStartSec={SettingsWarnings.ShippedTimeoutStartSeconds}s", lines);
        Assert.Contains($"TimeoutStopSec={SettingsWarnings.ShippedTimeoutStopSeconds}s", lines);
    }

    [Theory]
    [InlineData(0u, 0u, "0666", "mode 0666: every user may write it")]
    [InlineData(0u, 4u, "0664", "mode 0664: group 4 may write it")]
    [InlineData(4242u, 0u, "0644", "it belongs to uid 4242")]
    public void A_configuration_file_users_other_than_root_can_change_is_warned_about_with_the_fix(uint owner, uint group, string mode, string why)
    {
        // The agent runs as root and obeys the file (xenstore.path, injectFile.allowedDirectories):
        // a file another user can write hands that user the agent.
        var access = new PathAccess(owner, group, (UnixFileMode)Convert.ToInt32(mode, 8));

        var warning = Assert.Single(SettingsWarnings.Of(Settings() with { ConfigurationFileAccess = access }));

        Assert.Equal(
            $"/etc/guest-agent/agent.json can be changed by users other than root ({why}), and the agent, running as root, does what it says "
            + "(which XenStore to obey, where files may be injected): chown root:root /etc/guest-agent/agent.json && chmod 0644 /etc/guest-agent/agent.json",
            warning);
    }

    [Theory]
    [InlineData(0u, 4u, "0770", "mode 0770: group 4 may write it")]
    [InlineData(4242u, 0u, "0700", "it belongs to uid 4242")]
    public void A_state_directory_users_other_than_root_can_change_is_warned_about_as_the_file_is(uint owner, uint group, string mode, string why)
    {
        var access = new PathAccess(owner, group, (UnixFileMode)Convert.ToInt32(mode, 8));

        var warning = Assert.Single(SettingsWarnings.Of(Settings() with { StateDirectoryAccess = access }));

        Assert.StartsWith($"The state directory /var/lib/guest-agent can be changed by users other than root ({why}), ", warning, StringComparison.Ordinal);
        Assert.EndsWith(": chown root:root /var/lib/guest-agent && chmod 0700 /var/lib/guest-agent", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0644")]
    [InlineData("0600")]
    [InlineData("0664")] // group root: root's own
    public void A_configuration_file_only_root_can_change_gives_no_warning(string mode) =>
        Assert.Empty(SettingsWarnings.Of(Settings() with { ConfigurationFileAccess = new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32(mode, 8)) }));

    [Theory]
    [InlineData(0u, 0u, "0777", "its directory /etc/guest-agent is mode 0777: every user may replace the file in it")]
    [InlineData(0u, 4u, "0775", "its directory /etc/guest-agent is mode 0775: group 4 may replace the file in it")]
    [InlineData(4242u, 0u, "0755", "its directory /etc/guest-agent belongs to uid 4242")]
    public void A_directory_users_other_than_root_can_write_lets_them_replace_the_file_and_is_warned_about(uint owner, uint group, string mode, string why)
    {
        // Who can write the directory can rename another file over the configuration, whatever its own mode.
        var access = new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32("0644", 8))
        {
            Directories = [new HoldingDirectoryAccess("/etc/guest-agent", new PathAccess(owner, group, (UnixFileMode)Convert.ToInt32(mode, 8))), RootOwned("/etc"), RootOwned("/")],
        };

        Assert.Equal(
            $"/etc/guest-agent/agent.json can be changed by users other than root ({why}), and the agent, running as root, does what it says "
            + "(which XenStore to obey, where files may be injected): chown root:root /etc/guest-agent && chmod 0755 /etc/guest-agent",
            Assert.Single(SettingsWarnings.Of(Settings() with { ConfigurationFileAccess = access })));
    }

    [Theory]
    [InlineData("0755")]
    [InlineData("1777")] // sticky: only the file's owner (root) may rename or remove it
    [InlineData("0775")] // group root
    public void A_directory_only_root_can_replace_the_file_in_gives_no_warning(string mode) =>
        Assert.Empty(SettingsWarnings.Of(Settings() with
        {
            ConfigurationFileAccess = new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32("0644", 8))
            {
                Directories = [new HoldingDirectoryAccess("/etc/guest-agent", new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32(mode, 8))), RootOwned("/etc"), RootOwned("/")],
            },
        }));

    [Theory]
    [InlineData(0u, 0u, "0777", "the directory /etc above it is mode 0777: every user may replace what is below it")]
    [InlineData(0u, 4u, "0775", "the directory /etc above it is mode 0775: group 4 may replace what is below it")]
    [InlineData(4242u, 0u, "0755", "the directory /etc above it belongs to uid 4242")]
    public void Every_directory_up_to_the_root_is_judged_and_the_first_open_one_is_named_with_its_fix(uint owner, uint group, string mode, string why)
    {
        // As sshd's StrictModes: whoever can write /etc can rename /etc/guest-agent away and put
        // their own in its place, whatever the modes below. Only the first offender is named (/ is one too).
        var access = new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32("0644", 8))
        {
            Directories =
            [
                RootOwned("/etc/guest-agent"),
                new HoldingDirectoryAccess("/etc", new PathAccess(owner, group, (UnixFileMode)Convert.ToInt32(mode, 8))),
                new HoldingDirectoryAccess("/", new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32("0777", 8))),
            ],
        };

        Assert.Equal(
            $"/etc/guest-agent/agent.json can be changed by users other than root ({why}), and the agent, running as root, does what it says "
            + "(which XenStore to obey, where files may be injected): chown root:root /etc && chmod 0755 /etc",
            Assert.Single(SettingsWarnings.Of(Settings() with { ConfigurationFileAccess = access })));
    }

    [Fact]
    public void A_sticky_directory_above_is_not_open_as_only_an_entrys_owner_may_rename_it() =>
        Assert.Empty(SettingsWarnings.Of(Settings() with
        {
            ConfigurationFileAccess = new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32("0644", 8))
            {
                Directories = [RootOwned("/tmp/agent"), new HoldingDirectoryAccess("/tmp", new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32("1777", 8))), RootOwned("/")],
            },
        }));

    [Fact]
    public void The_state_directory_is_judged_up_to_the_root_too()
    {
        var access = new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32("0700", 8))
        {
            Directories = [new HoldingDirectoryAccess("/var/lib", new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32("0777", 8))), RootOwned("/var"), RootOwned("/")],
        };

        var warning = Assert.Single(SettingsWarnings.Of(Settings() with { StateDirectoryAccess = access }));

        Assert.StartsWith("The state directory /var/lib/guest-agent can be changed by users other than root (its directory /var/lib is mode 0777: every user may replace the state directory in it), ", warning, StringComparison.Ordinal);
        Assert.EndsWith(": chown root:root /var/lib && chmod 0755 /var/lib", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fix_quotes_a_path_the_shell_would_split()
    {
        var access = new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32("0666", 8));

        var warning = Assert.Single(SettingsWarnings.Of(Settings() with { ConfigurationFile = "/srv/it's mine/agent.json", ConfigurationFileAccess = access }));

        Assert.EndsWith(@": chown root:root '/srv/it'\''s mine/agent.json' && chmod 0644 '/srv/it'\''s mine/agent.json'", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_state_directory_fix_quotes_a_path_the_shell_would_split_as_the_file_fix_does()
    {
        // Pasted as printed, an unquoted "/srv/it's state" is an unterminated quote (or two words).
        var access = new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32("0777", 8));

        var warning = Assert.Single(SettingsWarnings.Of(Settings() with { StateDirectory = "/srv/it's state", StateDirectoryAccess = access }));

        Assert.StartsWith("The state directory /srv/it's state can be changed", warning, StringComparison.Ordinal);
        Assert.EndsWith(@": chown root:root '/srv/it'\''s state' && chmod 0700 '/srv/it'\''s state'", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fix_quotes_a_path_with_a_space_which_the_shell_would_split_in_two()
    {
        var access = new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32("0666", 8));

        var warning = Assert.Single(SettingsWarnings.Of(Settings() with { ConfigurationFile = "/srv/guest agent/agent.json", ConfigurationFileAccess = access }));

        Assert.EndsWith(": chown root:root '/srv/guest agent/agent.json' && chmod 0644 '/srv/guest agent/agent.json'", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_of_only_ordinary_characters_is_left_unquoted_in_the_fix() =>
        Assert.Equal("/etc/guest-agent_1.2/a+b,c:d@e.json", PathAccess.ShellWord("/etc/guest-agent_1.2/a+b,c:d@e.json"));

    [Fact]
    public void Fractional_seconds_are_printed_as_they_are_not_rounded()
    {
        var warning = Assert.Single(SettingsWarnings.Of(Settings(shutdown: 50.5, deadline: 49.25)));

        Assert.StartsWith("'shutdownTimeoutSeconds' (50.5 s) is not above 'network.deadlineSeconds' + 2 (51.25 s): ", warning, StringComparison.Ordinal);
        Assert.EndsWith("set shutdownTimeoutSeconds above 51.25 s in /etc/guest-agent/agent.json", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10.5, "10.5 s")]
    [InlineData(3600, "3600 s")]
    public void A_poll_interval_above_10_s_is_warned_about(double seconds, string shown)
    {
        // Without watches a request waits up to an interval before it is seen, of Nova's 30 s in all.
        var warning = Assert.Single(SettingsWarnings.Of(Settings() with { PollInterval = TimeSpan.FromSeconds(seconds) }));

        Assert.Equal(
            $"'xenstore.pollIntervalSeconds' ({shown}) is above 10 s: when XenStore watches are unavailable, a request may be seen only that long after the host wrote it, "
            + "and Nova waits 30 s in all for most commands (agent_timeout), so they may time out; set it to 10 s or less in /etc/guest-agent/agent.json (the default is 1 s)",
            warning);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(0.01)]
    public void A_poll_interval_of_10_s_or_less_is_fine(double seconds) =>
        Assert.Empty(SettingsWarnings.Of(Settings() with { PollInterval = TimeSpan.FromSeconds(seconds) }));

    [Fact]
    public void A_file_of_the_agents_own_user_is_not_open_to_others_when_the_agent_is_not_root()
    {
        var access = new PathAccess(1000, 1000, (UnixFileMode)Convert.ToInt32("0644", 8));

        Assert.Null(access.OpenToOthers("/home/dev/agent.json", agentUserId: 1000));
        Assert.Equal("it belongs to uid 1000", access.OpenToOthers("/home/dev/agent.json", agentUserId: 0)?.Why);
    }

    private static HoldingDirectoryAccess RootOwned(string path) => new(path, new PathAccess(0, 0, (UnixFileMode)Convert.ToInt32("0755", 8)));
}
