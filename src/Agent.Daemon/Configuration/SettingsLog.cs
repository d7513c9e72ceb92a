using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// What <c>run</c> logs about its settings at start: one information line naming the configuration
/// file (or that there was none), the root and the state directory, an error when the state
/// directory is not a directory, then every <see cref="SettingsWarnings"/> line. <c>check-config</c>
/// logs the same lines.
/// </summary>
internal static partial class SettingsLog
{
    public static void Write(ILogger logger, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        LogConfiguration(logger, EffectiveSettings.Source(settings), settings.Root, settings.StateDirectoryOnDisk);
        if (settings.StateDirectoryIsNotADirectory)
        {
            LogStateDirectoryNotADirectory(logger, settings.StateDirectoryOnDisk, "in " + settings.ConfigurationFileToEdit);
        }

        foreach (var warning in SettingsWarnings.Of(settings))
        {
            LogWarning(logger, warning);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The state directory {StateDirectory} is not a directory: the agent cannot keep its instance lock, its journal of answered requests, agentupdate's staging or resetnetwork's record there; remove it, or set 'stateDirectory' {Where} to a directory")]
    private static partial void LogStateDirectoryNotADirectory(ILogger logger, string stateDirectory, string where);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration file: {Source}; root {Root}, state directory {StateDirectory}")]
    private static partial void LogConfiguration(ILogger logger, string source, string root, string stateDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);
}
