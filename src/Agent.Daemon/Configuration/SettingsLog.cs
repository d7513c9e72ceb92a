using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// What <c>run</c> logs about its settings at start: one information line naming the configuration
/// file (or that there was none), the root and the state directory, then every
/// <see cref="SettingsWarnings"/> line. <c>check-config</c> logs the same warnings.
/// </summary>
internal static partial class SettingsLog
{
    public static void Write(ILogger logger, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        LogConfiguration(logger, EffectiveSettings.Source(settings), settings.Root, settings.StateDirectoryOnDisk);
        foreach (var warning in SettingsWarnings.Of(settings))
        {
            LogWarning(logger, warning);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration file: {Source}; root {Root}, state directory {StateDirectory}")]
    private static partial void LogConfiguration(ILogger logger, string source, string root, string stateDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);
}
