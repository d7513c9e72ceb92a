using GuestAgent.Daemon.Configuration;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Tests.Configuration;

/// <summary>
/// The error <c>run</c> and <c>check-config</c> log when the state directory is not a directory names the file
/// where 'stateDirectory' is set, as agentupdate's http hint names it (<c>AgentCompositionTests</c>): the file read,
/// the default file to create when it is missing, and no file at all under <c>--config /dev/null</c>.
/// </summary>
public sealed class SettingsLogTests
{
    [Theory]
    [InlineData("/srv/agent.json", true, "in /srv/agent.json")]
    [InlineData(AgentSettings.DefaultConfigFile, false, "in /etc/guest-agent/agent.json")]
    [InlineData("/dev/null", false, "in a configuration file (this agent reads none: it was started with --config /dev/null)")]
    public void A_state_directory_that_is_not_a_directory_names_the_file_to_set_it_in(string file, bool read, string where)
    {
        var logger = new RecordingLogger<SettingsLogTests>();
        var settings = new AgentSettings { ConfigurationFile = file, ConfigurationFileRead = read, StateDirectoryIsNotADirectory = true };

        SettingsLog.Write(logger, settings);

        Assert.EndsWith($"or set 'stateDirectory' {where} to a directory", Assert.Single(logger.At(LogLevel.Error)), StringComparison.Ordinal);
    }
}
