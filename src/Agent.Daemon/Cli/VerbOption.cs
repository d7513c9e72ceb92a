namespace GuestAgent.Daemon.Cli;

/// <summary>The options a verb may take; <see cref="VerbOptions.Read"/> reads and checks each of them the same way for every verb.</summary>
[Flags]
internal enum VerbOption
{
    /// <summary>No options (<c>schema</c>, <c>demo</c>).</summary>
    None = 0,

    /// <summary><c>--config FILE</c>.</summary>
    Config = 1 << 0,

    /// <summary><c>--xenstore PATH</c>.</summary>
    XenStore = 1 << 1,

    /// <summary><c>--domain-path /local/domain/N</c>.</summary>
    DomainPath = 1 << 2,

    /// <summary><c>--root DIR</c>.</summary>
    Root = 1 << 3,

    /// <summary><c>--log-level LEVEL</c>.</summary>
    LogLevel = 1 << 4,

    /// <summary><c>--socket PATH</c>.</summary>
    Socket = 1 << 5,

    /// <summary><c>--guest-domid N</c>.</summary>
    GuestDomainId = 1 << 6,

    /// <summary><c>--domid N</c>.</summary>
    DomainId = 1 << 7,

    /// <summary><c>--timeout SECONDS</c>.</summary>
    Timeout = 1 << 8,

    /// <summary><c>--guest-socket PATH</c>.</summary>
    GuestSocket = 1 << 9,

    /// <summary><c>--max-queued-bytes BYTES</c>.</summary>
    MaxQueuedBytes = 1 << 10,

    /// <summary><c>--guest-max-nodes N</c>.</summary>
    GuestMaxNodes = 1 << 11,

    /// <summary><c>--guest-max-node-size BYTES</c>.</summary>
    GuestMaxNodeSize = 1 << 12,

    /// <summary><c>--guest-max-watches N</c>.</summary>
    GuestMaxWatches = 1 << 13,

    /// <summary><c>--guest-max-transactions N</c>.</summary>
    GuestMaxTransactions = 1 << 14,

    /// <summary><c>--guest-max-permissions N</c>.</summary>
    GuestMaxPermissions = 1 << 15,

    /// <summary><c>--guest-max-transaction-nodes N</c>.</summary>
    GuestMaxTransactionNodes = 1 << 16,
}
