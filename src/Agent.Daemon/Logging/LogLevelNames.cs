using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Logging;

/// <summary>The log level names accepted on the command line and in the configuration file.</summary>
internal static class LogLevelNames
{
    /// <summary>The names, as documented (<c>info</c> and <c>warn</c> are accepted too).</summary>
    public const string Accepted = "trace, debug, information, warning, error, critical, none";

    /// <summary>Parses a level name, case-insensitively.</summary>
    public static bool TryParse(string? text, out LogLevel level)
    {
        level = text?.Trim().ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "information" or "info" => LogLevel.Information,
            "warning" or "warn" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "critical" => LogLevel.Critical,
            "none" => LogLevel.None,
            _ => (LogLevel)(-1),
        };
        return level >= LogLevel.Trace;
    }

    /// <summary>The canonical name of a level.</summary>
    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "information",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };
}
