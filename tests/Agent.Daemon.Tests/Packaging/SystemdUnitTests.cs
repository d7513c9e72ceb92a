using System.Globalization;
using GuestAgent.Commands.Network;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>The unit file in packaging/systemd, checked by systemd's own parser.</summary>
public sealed class SystemdUnitTests
{
    private static string UnitPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "packaging", "systemd", "guest-agent.service");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("packaging/systemd/guest-agent.service not found above the test directory");
    }

    [Fact]
    public async Task Systemd_analyze_accepts_every_directive_of_the_unit()
    {
        var analyze = ExternalTool.Require("systemd-analyze", "systemd");
        using var directory = new TemporaryDirectory();
        // verify also checks that ExecStart and ExecStartPre/ExecStopPost exist; the binary and the
        // rollback script are not installed here, /bin/true stands in.
        var unit = directory.Combine("guest-agent.service");
        var text = await File.ReadAllTextAsync(UnitPath(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(unit, text.Replace("ExecStart=/usr/sbin/guest-agent run", "ExecStart=/bin/true run", StringComparison.Ordinal).Replace("/usr/lib/guest-agent/update-rollback", "/bin/true", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        // 0644 as installed (systemd warns of a unit others can write, as the tests' umask 000 would leave it).
        File.SetUnixFileMode(unit, (UnixFileMode)Convert.ToInt32("0644", 8));

        var result = await ExternalTool.RunAsync(analyze, ["verify", unit]);

        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, result.StandardError);
    }

    [Fact]
    public async Task A_stop_waits_for_a_whole_resetnetwork_and_systemd_waits_for_the_stop()
    {
        var settings = new AgentSettings();
        var lines = await File.ReadAllLinesAsync(UnitPath(), TestContext.Current.CancellationToken);
        var stopSeconds = double.Parse(lines.Single(line => line.StartsWith("TimeoutStopSec=", StringComparison.Ordinal))["TimeoutStopSec=".Length..].TrimEnd('s'), CultureInfo.InvariantCulture);

        // A killed step may answer up to about 2 s after the deadline; the answer then gets 5 s to be delivered.
        Assert.True(settings.ShutdownTimeout >= settings.NetworkDeadline + TimeSpan.FromSeconds(2), $"shutdown timeout {settings.ShutdownTimeout} < resetnetwork deadline {settings.NetworkDeadline} + 2 s");
        Assert.Equal(NetworkOptions.DefaultDeadline, settings.NetworkDeadline);
        Assert.True(TimeSpan.FromSeconds(stopSeconds) >= settings.ShutdownTimeout + TimeSpan.FromSeconds(5), $"TimeoutStopSec={stopSeconds}s leaves no time to deliver the answer after {settings.ShutdownTimeout}");
    }

    [Fact]
    public async Task The_directories_systemd_makes_are_the_ones_the_agent_uses_by_default()
    {
        // ExecStart gives no --config and the agent.json has no stateDirectory: the unit's directories
        // (made by systemd before the start, the state one private) must be the code's defaults.
        var lines = await File.ReadAllLinesAsync(UnitPath(), TestContext.Current.CancellationToken);

        Assert.Equal(GuestAgent.Platform.AgentPaths.DefaultStateDirectory, "/var/lib/" + Value(lines, "StateDirectory"));
        Assert.Equal("0700", Value(lines, "StateDirectoryMode"));
        Assert.Equal(Path.GetDirectoryName(AgentSettings.DefaultConfigFile), "/etc/" + Value(lines, "ConfigurationDirectory"));
    }

    [Fact]
    public async Task The_update_rollback_reads_the_record_where_the_daemon_writes_it_by_default()
    {
        var lines = await File.ReadAllLinesAsync(UnitPath(), TestContext.Current.CancellationToken);
        var record = new AgentSettings().StateDirectory + "/update-pending";
        var composition = GuestAgent.Daemon.Hosting.AgentComposition.Create(new AgentSettings { Root = "/" }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        Assert.Equal(record, ((GuestAgent.Commands.Update.AgentUpdateOptions)composition.Services.GetService(typeof(GuestAgent.Commands.Update.AgentUpdateOptions))!).PendingUpdatePath);
        Assert.Equal("-/usr/lib/guest-agent/update-rollback arm " + record, Value(lines, "ExecStartPre"));
        Assert.Equal("-/usr/lib/guest-agent/update-rollback stopped " + record, Value(lines, "ExecStopPost"));
    }

    private static string Value(string[] lines, string directive) =>
        Assert.Single(lines, line => line.StartsWith(directive + "=", StringComparison.Ordinal))[(directive.Length + 1)..];

    [Theory]
    [InlineData("Type=notify")]
    [InlineData("NotifyAccess=main")]
    [InlineData("ExecStart=/usr/sbin/guest-agent run")]
    [InlineData("Before=network-online.target")]
    [InlineData("After=NetworkManager.service systemd-networkd.service networking.service network.service wicked.service")]
    [InlineData("Restart=on-failure")]
    [InlineData("RestartPreventExitStatus=2")]
    [InlineData("UMask=0022")]
    [InlineData("LimitCORE=0")]
    public async Task The_unit_keeps_the_documented_contract(string directive)
    {
        var lines = await File.ReadAllLinesAsync(UnitPath(), TestContext.Current.CancellationToken);

        Assert.Contains(directive, lines);
    }
}
