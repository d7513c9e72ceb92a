using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// The effective settings of <c>guest-agent run</c>: command line over configuration file over
/// defaults (<see cref="SettingsResolver"/>). Every value here has been validated.
/// </summary>
internal sealed record AgentSettings
{
    /// <summary>Where the configuration is read from when <c>--config</c> is not given.</summary>
    public const string DefaultConfigFile = "/etc/guest-agent/agent.json";

    /// <summary>The configuration file these settings were read from (named in logs that point the operator to a key).</summary>
    public string ConfigurationFile { get; init; } = DefaultConfigFile;

    /// <summary>
    /// Whether <see cref="ConfigurationFile"/> was read. <c>false</c>: there was none (the default
    /// file is missing, or <c>--config /dev/null</c>), so everything not on the command line is a default.
    /// </summary>
    public bool ConfigurationFileRead { get; init; }

    /// <summary>
    /// Where an operator sets a key, for hints that name one: the file this agent read, or the default file it found
    /// missing (creating it is the fix). Under <c>--config /dev/null</c> no file is read, and "in /dev/null" would send
    /// the operator to edit a device.
    /// </summary>
    public string ConfigurationFileToEdit =>
        ConfigurationFile == ConfigurationReader.NoFile
            ? $"a configuration file (this agent reads none: it was started with --config {ConfigurationReader.NoFile})"
            : ConfigurationFile;

    /// <summary>
    /// The owner and mode of <see cref="ConfigurationFile"/> when it was read (<c>null</c> otherwise),
    /// for the warning about a file someone other than root can change (<see cref="SettingsWarnings"/>).
    /// </summary>
    public PathAccess? ConfigurationFileAccess { get; init; }

    /// <summary>
    /// The owner and mode of the state directory as found at start (<c>null</c> when nothing was
    /// there, as <c>run</c> then creates it 0700, or when something other than a directory was), for
    /// the same warning: the agent, as root, trusts what it finds there.
    /// </summary>
    public PathAccess? StateDirectoryAccess { get; init; }

    /// <summary>Whether something other than a directory (a file) was at the state directory's path at start.</summary>
    public bool StateDirectoryIsNotADirectory { get; init; }

    /// <summary>The minimum level logged. Default information.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The XenStore socket or device; <c>null</c> = picked the way libxenstore picks it.</summary>
    public string? XenStorePath { get; init; }

    /// <summary>The domain home served (<c>/local/domain/N</c>); <c>null</c> = relative paths (the connection's own home).</summary>
    public string? DomainPath { get; init; }

    /// <summary>The directory every file lives under. Default <c>/</c>.</summary>
    public string Root { get; init; } = "/";

    /// <summary>The agent's state directory, as a path inside <see cref="Root"/>. Default <see cref="AgentPaths.DefaultStateDirectory"/>.</summary>
    public string StateDirectory { get; init; } = AgentPaths.DefaultStateDirectory;

    /// <summary>How often <c>data/host</c> is scanned where watches fail. Default 1 s, as the original agent.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an answered response stays in <c>data/guest</c> before the exchange removes it;
    /// <see cref="TimeSpan.Zero"/> keeps every response. Default 15 minutes, as <see cref="GuestAgent.Exchanges.XenStoreExchangeOptions"/>.
    /// </summary>
    public TimeSpan ResponseRetention { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a request in progress may finish after shutdown begins. Default 55 s: a
    /// <c>resetnetwork</c> may take its whole deadline (50 s, and a killed step's last 2 s), and one
    /// cut off has its files restored but applied again only at the agent's next start.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(55);

    /// <summary>The commands that answer; <c>null</c> = every registered command.</summary>
    public IReadOnlyList<string>? EnabledCommands { get; init; }

    /// <summary>Where files may be injected; <c>null</c> = anywhere.</summary>
    public IReadOnlyList<string>? InjectFileDirectories { get; init; }

    /// <summary>
    /// Whether files and directories injected into a directory a user owns (a home) become that
    /// user's, as <see cref="GuestAgent.Commands.Files.InjectFileOptions.InheritUserDirectoryOwner"/>. Default yes.
    /// </summary>
    public bool InjectFileInheritUserDirectoryOwner { get; init; } = true;

    /// <summary>Whether <c>agentupdate</c> accepts plain http URLs. Default no.</summary>
    public bool AgentUpdateAllowHttp { get; init; }

    /// <summary>The largest <c>agentupdate</c> download. Default 64 MiB.</summary>
    public long AgentUpdateMaxSizeBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long an <c>agentupdate</c> download may take. Default 25 s, inside Nova's 30 s timeout.</summary>
    public TimeSpan AgentUpdateTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>The network system <c>resetnetwork</c> writes for; <c>null</c> = detected from the guest.</summary>
    public NetworkBackend? NetworkBackend { get; init; }

    /// <summary>Whether <c>resetnetwork</c> writes <c>/etc/resolv.conf</c>. Default auto.</summary>
    public ResolvConfPolicy ResolvConf { get; init; } = ResolvConfPolicy.Auto;

    /// <summary>Whether <c>resetnetwork</c> sets the hostname. Default yes.</summary>
    public bool SetHostname { get; init; } = true;

    /// <summary>How long one <c>resetnetwork</c> may take in all, rollback included. Default 50 s, inside Nova's 60 s wait.</summary>
    public TimeSpan NetworkDeadline { get; init; } = NetworkOptions.DefaultDeadline;

    /// <summary>The share of <see cref="NetworkDeadline"/> kept for a rollback. Default 0.4.</summary>
    public double NetworkRollbackShare { get; init; } = NetworkOptions.DefaultRollbackShare;

    /// <summary>The state directory as a real path (under the root).</summary>
    public string StateDirectoryOnDisk => Path.Combine(Root, StateDirectory.TrimStart('/'));
}
