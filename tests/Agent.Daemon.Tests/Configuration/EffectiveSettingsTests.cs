using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Daemon.Configuration;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Tests.Configuration;

/// <summary>
/// The lines <c>check-config</c> (and run's start-up log) show for settings: each value as
/// agent.json would write it, an unset one said in words, and where the settings came from.
/// </summary>
public sealed class EffectiveSettingsTests
{
    [Fact]
    public void A_missing_default_file_is_named_as_missing()
    {
        var settings = new AgentSettings { ConfigurationFile = "/etc/guest-agent/agent.json", ConfigurationFileRead = false };

        Assert.Equal("none (/etc/guest-agent/agent.json does not exist; defaults apply)", EffectiveSettings.Source(settings));
    }

    [Fact]
    public void A_file_read_is_named_by_its_path()
    {
        var settings = new AgentSettings { ConfigurationFile = "/srv/agent.json", ConfigurationFileRead = true };

        Assert.Equal("/srv/agent.json", EffectiveSettings.Source(settings));
    }

    [Fact]
    public void Unset_values_are_said_in_words_and_an_empty_list_is_none()
    {
        var lines = Lines(new AgentSettings { EnabledCommands = [], InjectFileDirectories = null });

        Assert.Equal("(as libxenstore picks it)", lines["xenstore.path"]);
        Assert.Equal("(the connection's own home)", lines["xenstore.domainPath"]);
        Assert.Equal("(none)", lines["commands.enabled"]);
        Assert.Equal("(anywhere)", lines["injectFile.allowedDirectories"]);
        Assert.Equal("(detected)", lines["network.backend"]);
        Assert.Equal("(none)", Lines(new AgentSettings { InjectFileDirectories = [] })["injectFile.allowedDirectories"]);
    }

    [Fact]
    public void Values_are_written_as_the_file_would_write_them()
    {
        var lines = Lines(new AgentSettings
        {
            LogLevel = LogLevel.Information,
            XenStorePath = "/run/xs",
            PollInterval = TimeSpan.FromSeconds(0.25),
            ShutdownTimeout = TimeSpan.FromSeconds(1.5),
            InjectFileDirectories = ["/root", "/etc/app"],
            SetHostname = false,
            NetworkBackend = NetworkBackend.SystemdNetworkd,
        });

        Assert.Equal("information", lines["logLevel"]);
        Assert.Equal("/run/xs", lines["xenstore.path"]);
        Assert.Equal("0.25", lines["xenstore.pollIntervalSeconds"]);
        Assert.Equal("1.5", lines["shutdownTimeoutSeconds"]);
        Assert.Equal("/root, /etc/app", lines["injectFile.allowedDirectories"]);
        Assert.Equal("false", lines["network.setHostname"]);
        Assert.Equal("systemd-networkd", lines["network.backend"]);
    }

    [Theory]
    [InlineData(ResolvConfPolicy.Auto, "auto")]
    [InlineData(ResolvConfPolicy.Always, "always")]
    [InlineData(ResolvConfPolicy.Never, "never")]
    public void Each_resolv_conf_policy_is_written_by_its_name(ResolvConfPolicy policy, string name)
    {
        Assert.Equal(name, Lines(new AgentSettings { ResolvConf = policy })["network.resolvConf"]);
        Assert.True(NetworkNames.TryParseResolvConf(name, out var read));
        Assert.Equal(policy, read);
    }

    private static Dictionary<string, string> Lines(AgentSettings settings) =>
        EffectiveSettings.Of(settings).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
