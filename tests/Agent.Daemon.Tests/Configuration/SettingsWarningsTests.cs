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
        var access = new ConfigurationFileAccess(owner, group, (UnixFileMode)Convert.ToInt32(mode, 8));

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
        var access = new ConfigurationFileAccess(owner, group, (UnixFileMode)Convert.ToInt32(mode, 8));

        var warning = Assert.Single(SettingsWarnings.Of(Settings() with { StateDirectoryAccess = access }));

        Assert.StartsWith($"The state directory /var/lib/guest-agent can be changed by users other than root ({why}), ", warning, StringComparison.Ordinal);
        Assert.EndsWith(": chown root:root /var/lib/guest-agent && chmod 0700 /var/lib/guest-agent", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0644")]
    [InlineData("0600")]
    [InlineData("0664")] // group root: root's own
    public void A_configuration_file_only_root_can_change_gives_no_warning(string mode) =>
        Assert.Empty(SettingsWarnings.Of(Settings() with { ConfigurationFileAccess = new ConfigurationFileAccess(0, 0, (UnixFileMode)Convert.ToInt32(mode, 8)) }));
}
