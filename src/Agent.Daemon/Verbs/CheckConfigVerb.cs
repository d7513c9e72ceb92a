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
/// (<see cref="VerbOptions"/>), and a verb has its own help, man entry and exit codes: 0 for a valid
/// configuration (warnings or not), 2 for a bad one, and 1 when the settings are valid but run would
/// log errors at start (libssl missing, a command's service not registered): the agent would start,
/// with some commands answering <c>"500"</c>, so an image build should not take it for "valid".
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
            var logger = loggers.CreateLogger("guest-agent");
            SettingsLog.Write(logger, settings);
            // check-config's own: run finds out by connecting.
            XenStorePathCheck.Write(logger, invocation.Options, settings);
            composition = AgentComposition.Create(settings, loggers);
        }

        var lines = logged.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd('\r');
            await streams.Error.WriteLineAsync(streams.ErrorIsJournal ? trimmed : ForTerminal(trimmed)).ConfigureAwait(false);
        }

        var errors = lines.Count(IsError);
        await streams.WriteOutputAsync(Report(settings, composition.Registry.Commands.Select(command => command.Name).ToArray(), lines.Length - errors, errors)).ConfigureAwait(false);
        return errors == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Whether a logged line is an Error or worse: its journal priority prefix is <c>&lt;0&gt;</c> to <c>&lt;3&gt;</c>.</summary>
    internal static bool IsError(string line) =>
        line.Length > 2 && line[0] == '<' && line[1] is >= '0' and <= '3' && line[2] == '>';

    /// <summary>
    /// A logged line as a person at a terminal reads it: the journal's priority prefix
    /// (<c>&lt;4&gt;</c>) becomes the level's word (<c>warning: </c>), as compilers and linters print theirs.
    /// Under journald (an image build run as a unit) the line stays as <c>run</c> logs it.
    /// </summary>
    internal static string ForTerminal(string line)
    {
        if (line.Length < 3 || line[0] != '<' || line[1] is < '0' or > '7' || line[2] != '>')
        {
            return line;
        }

        var word = line[1] switch
        {
            <= '2' => "critical",
            '3' => "error",
            '4' or '5' => "warning",
            '6' => "info",
            _ => "debug",
        };
        return word + ": " + line[3..];
    }

    /// <summary>What <c>check-config</c> prints on stdout: the source, every key with its value (<c>(default)</c> where it is one), the commands served.</summary>
    internal static string Report(AgentSettings settings, IReadOnlyList<string> commands, int warnings, int errors)
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
        var warned = warnings.ToString(CultureInfo.InvariantCulture) + " warning(s)";
        text.Append(
            errors > 0 ? $"The settings are valid, but the agent would start with {errors.ToString(CultureInfo.InvariantCulture)} error(s){(warnings > 0 ? " and " + warned : "")} (on stderr): the commands they name would not work.\n"
            : warnings > 0 ? $"The configuration is valid, with {warned} (on stderr).\n"
            : "The configuration is valid.\n");
        return text.ToString();
    }
}
