using System.Globalization;
using GuestAgent.Commands.Network;
using GuestAgent.Daemon.Logging;

namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// The effective settings as an operator reads them: one line per configuration key, spelled and
/// ordered as in agent.json and docs/daemon.md, each value as the file would write it. Nothing in
/// the settings is secret, so every value is shown.
/// </summary>
internal static class EffectiveSettings
{
    /// <summary>
    /// The configuration file the settings came from, for the start-up log line and <c>check-config</c>:
    /// its path, or <c>none (… does not exist; defaults apply)</c>.
    /// </summary>
    public static string Source(AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ConfigurationFileRead
            ? settings.ConfigurationFile
            : settings.ConfigurationFile == ConfigurationReader.NoFile
                ? $"none (--config {ConfigurationReader.NoFile}; defaults apply)"
                : $"none ({settings.ConfigurationFile} does not exist; defaults apply)";
    }

    /// <summary>Every key with its effective value, in the documented order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Of(AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return
        [
            new("logLevel", LogLevelNames.Name(settings.LogLevel)),
            new("root", settings.Root),
            new("stateDirectory", settings.StateDirectory),
            new("shutdownTimeoutSeconds", Seconds(settings.ShutdownTimeout)),
            new("xenstore.path", settings.XenStorePath ?? "(as libxenstore picks it)"),
            new("xenstore.domainPath", settings.DomainPath ?? "(the connection's own home)"),
            new("xenstore.pollIntervalSeconds", Seconds(settings.PollInterval)),
            new("xenstore.responseRetentionSeconds", Seconds(settings.ResponseRetention)),
            new("commands.enabled", List(settings.EnabledCommands, "(all)")),
            new("injectFile.allowedDirectories", List(settings.InjectFileDirectories, "(anywhere)")),
            new("injectFile.inheritUserDirectoryOwner", Boolean(settings.InjectFileInheritUserDirectoryOwner)),
            new("agentUpdate.allowHttp", Boolean(settings.AgentUpdateAllowHttp)),
            new("agentUpdate.maxSizeBytes", settings.AgentUpdateMaxSizeBytes.ToString(CultureInfo.InvariantCulture)),
            new("agentUpdate.timeoutSeconds", Seconds(settings.AgentUpdateTimeout)),
            new("network.backend", settings.NetworkBackend is { } backend ? NetworkNames.LongNameOf(backend) : "(detected)"),
            new("network.resolvConf", ResolvConf(settings.ResolvConf)),
            new("network.setHostname", Boolean(settings.SetHostname)),
            new("network.deadlineSeconds", Seconds(settings.NetworkDeadline)),
            new("network.rollbackShare", settings.NetworkRollbackShare.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    private static string Boolean(bool value) => value ? "true" : "false";

    private static string List(IReadOnlyList<string>? items, string unset) =>
        items is null ? unset : items.Count == 0 ? "(none)" : string.Join(", ", items);

    private static string ResolvConf(ResolvConfPolicy policy) => policy switch
    {
        ResolvConfPolicy.Always => "always",
        ResolvConfPolicy.Never => "never",
        _ => "auto",
    };
}
