using System.Text.Json.Serialization;

namespace GuestAgent.Daemon.Configuration;

// The shape of /etc/guest-agent/agent.json. Every key is optional: a missing key keeps the default,
// an unknown key is a start-up error (ConfigurationReader). docs/daemon.md documents each key.

/// <summary>The configuration file's top-level object.</summary>
internal sealed class ConfigurationFile
{
    /// <summary>trace, debug, information, warning, error, critical or none.</summary>
    public string? LogLevel { get; set; }

    /// <summary>The directory every file the agent reads or writes lives under; <c>/</c> in production.</summary>
    public string? Root { get; set; }

    /// <summary>Where the agent keeps its own state (the journal of answered requests), inside the root.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>How long a request in progress may still run once shutdown begins.</summary>
    public double? ShutdownTimeoutSeconds { get; set; }

    /// <summary>The XenStore connection.</summary>
    [JsonPropertyName("xenstore")]
    public XenStoreSection? XenStore { get; set; }

    /// <summary>Which commands answer.</summary>
    public CommandsSection? Commands { get; set; }

    /// <summary>Limits of <c>injectfile</c> and <c>file_inject</c>.</summary>
    public InjectFileSection? InjectFile { get; set; }

    /// <summary>Limits of <c>agentupdate</c>.</summary>
    public AgentUpdateSection? AgentUpdate { get; set; }

    /// <summary>How <c>resetnetwork</c> configures the guest.</summary>
    public NetworkSection? Network { get; set; }
}

/// <summary>The <c>xenstore</c> section.</summary>
internal sealed class XenStoreSection
{
    /// <summary>The socket or device; unset = picked like libxenstore.</summary>
    public string? Path { get; set; }

    /// <summary>The domain home to serve under (<c>/local/domain/N</c>); unset = the connection's own home.</summary>
    public string? DomainPath { get; set; }

    /// <summary>How often <c>data/host</c> is scanned when watches are unavailable.</summary>
    public double? PollIntervalSeconds { get; set; }

    /// <summary>How long an answered response stays in <c>data/guest</c> before it is removed; 0 keeps every response.</summary>
    public double? ResponseRetentionSeconds { get; set; }
}

/// <summary>The <c>commands</c> section.</summary>
internal sealed class CommandsSection
{
    /// <summary>The commands that answer; unset = all. Any other answers <c>"404"</c>.</summary>
    public string[]? Enabled { get; set; }
}

/// <summary>The <c>injectFile</c> section.</summary>
internal sealed class InjectFileSection
{
    /// <summary>Directories files may be injected into (with their subdirectories); unset = anywhere.</summary>
    public string[]? AllowedDirectories { get; set; }

    /// <summary>Whether new files and directories in a directory a user owns become that user's; unset = yes.</summary>
    public bool? InheritUserDirectoryOwner { get; set; }
}

/// <summary>The <c>agentUpdate</c> section.</summary>
internal sealed class AgentUpdateSection
{
    /// <summary>Whether plain <c>http://</c> URLs are accepted (https always is).</summary>
    public bool? AllowHttp { get; set; }

    /// <summary>The largest download accepted, in bytes.</summary>
    public long? MaxSizeBytes { get; set; }

    /// <summary>How long the download may take.</summary>
    public double? TimeoutSeconds { get; set; }
}

/// <summary>The <c>network</c> section.</summary>
internal sealed class NetworkSection
{
    /// <summary>The network system to write for (for example <c>netplan</c>); unset = detected.</summary>
    public string? Backend { get; set; }

    /// <summary><c>auto</c>, <c>always</c> or <c>never</c>: whether the agent writes <c>/etc/resolv.conf</c>.</summary>
    public string? ResolvConf { get; set; }

    /// <summary>Whether <c>resetnetwork</c> sets the hostname from <c>vm-data/hostname</c>.</summary>
    public bool? SetHostname { get; set; }

    /// <summary>How long one <c>resetnetwork</c> may take in all, rollback included.</summary>
    public double? DeadlineSeconds { get; set; }

    /// <summary>The share of the deadline kept for a rollback (0.1–0.9).</summary>
    public double? RollbackShare { get; set; }
}
