using System.Globalization;
using System.Text;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Daemon.Logging;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Verbs;

/// <summary>
/// <c>guest-agent check-config</c>: what an image builder runs after editing agent.json. The settings
/// are resolved by <see cref="SettingsResolver"/> and composed by <see cref="AgentComposition"/>, as
/// <c>run</c> does (so a name in <c>commands.enabled</c> no command has fails here too), but nothing
/// is recovered, connected, locked or served. A bad configuration is the one-line error and exit 2
/// (<see cref="Program"/>), exactly as <c>run</c> reports it.
/// </summary>
/// <remarks>
/// A separate verb rather than <c>run --check</c>: every option of this command line takes a value
/// (<see cref="VerbOptions"/>), and a verb has its own help, man entry and exit codes (0 or 2, never
/// 1, since nothing it does can fail at run time).
/// </remarks>
internal static class CheckConfigVerb
{
    public static async Task<int> RunAsync(CheckConfigInvocation invocation, StandardStreams streams)
    {
        var settings = SettingsResolver.Resolve(invocation.Options, VerbCatalog.CheckConfig.Name);
        // The warnings exactly as run logs them (its own and the composition's), whatever the configured
        // level: this is where they are looked for. Collected first, so that they can be counted.
        using var logged = new StringWriter(CultureInfo.InvariantCulture);
        AgentComposition composition;
        using (var loggers = new JournalLoggerFactory(new JournalWriter(logged, LogLevel.Warning)))
        {
            SettingsLog.Write(loggers.CreateLogger("guest-agent"), settings);
            composition = AgentComposition.Create(settings, loggers);
        }

        var warnings = logged.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var warning in warnings)
        {
            await streams.Error.WriteLineAsync(warning.TrimEnd('\r')).ConfigureAwait(false);
        }

        await streams.Out.WriteAsync(Report(settings, composition.Registry.Commands.Select(command => command.Name).ToArray(), warnings.Length)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>What <c>check-config</c> prints on stdout: the source, every key with its value (<c>(default)</c> where it is one), the commands served.</summary>
    internal static string Report(AgentSettings settings, IReadOnlyList<string> commands, int warnings)
    {
        var defaults = EffectiveSettings.Of(new AgentSettings()).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        var lines = EffectiveSettings.Of(settings);
        var width = lines.Max(pair => pair.Key.Length) + 2;
        var text = new StringBuilder()
            .Append("Configuration file: ").Append(EffectiveSettings.Source(settings)).Append('\n')
            .Append("Effective settings (the command line over the file over the defaults):\n");
        foreach (var (key, value) in lines)
        {
            text.Append("  ").Append(key.PadRight(width)).Append(value);
            if (defaults[key] == value)
            {
                text.Append("  (default)");
            }

            text.Append('\n');
        }

        text.Append("Commands served (").Append(commands.Count.ToString(CultureInfo.InvariantCulture)).Append("): ")
            .Append(commands.Count == 0 ? "none" : string.Join(", ", commands)).Append('\n');
        text.Append(warnings == 0
            ? "The configuration is valid.\n"
            : $"The configuration is valid, with {warnings.ToString(CultureInfo.InvariantCulture)} warning(s) (on stderr).\n");
        return text.ToString();
    }
}
