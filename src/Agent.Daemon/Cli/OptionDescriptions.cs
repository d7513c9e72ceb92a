namespace GuestAgent.Daemon.Cli;

/// <summary>How help spells and explains each <see cref="VerbOption"/>: one text per option, whichever verb takes it.</summary>
internal static class OptionDescriptions
{
    /// <summary>The option with its value's placeholder, for example <c>--config FILE</c>.</summary>
    public static string Syntax(VerbOption option) => option switch
    {
        VerbOption.Config => "--config FILE",
        VerbOption.XenStore => "--xenstore PATH",
        VerbOption.DomainPath => "--domain-path PATH",
        VerbOption.Root => "--root DIR",
        VerbOption.LogLevel => "--log-level LEVEL",
        VerbOption.Socket => "--socket PATH",
        VerbOption.GuestDomainId => "--guest-domid N",
        VerbOption.DomainId => "--domid N",
        VerbOption.Timeout => "--timeout SECONDS",
        VerbOption.GuestSocket => "--guest-socket PATH",
        VerbOption.MaxQueuedBytes => "--max-queued-bytes BYTES",
        VerbOption.GuestMaxNodes => "--guest-max-nodes N",
        VerbOption.GuestMaxNodeSize => "--guest-max-node-size BYTES",
        VerbOption.GuestMaxWatches => "--guest-max-watches N",
        VerbOption.GuestMaxTransactions => "--guest-max-transactions N",
        VerbOption.GuestMaxPermissions => "--guest-max-permissions N",
        VerbOption.GuestMaxTransactionNodes => "--guest-max-transaction-nodes N",
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, "not a single option"),
    };

    /// <summary>What the option does, one or more lines.</summary>
    public static IReadOnlyList<string> Explanation(VerbOption option) => option switch
    {
        VerbOption.Config => ["configuration file (optional; default", "/etc/guest-agent/agent.json; /dev/null for none)"],
        VerbOption.XenStore => ["XenStore socket or device (default: as libxenstore picks it)"],
        VerbOption.DomainPath => ["serve under this domain home (such as /local/domain/5) instead", "of the connection's own"],
        VerbOption.Root => ["keep every file under DIR and log external programs instead", "of running them (development, tests)"],
        VerbOption.LogLevel => ["trace, debug, information, warning, error, critical or none"],
        VerbOption.Socket => ["the unix socket to listen on"],
        VerbOption.GuestDomainId => ["create /local/domain/N with data/host, data/guest and vm-data"],
        VerbOption.DomainId => ["the guest's domain id (its requests go to", "/local/domain/N/data/host)"],
        VerbOption.Timeout => ["give up (and withdraw the request) after this long; default 30"],
        VerbOption.GuestSocket => ["also listen on PATH, where connections act as the guest of", "--guest-domid (its permissions and XenStore quotas apply)"],
        VerbOption.MaxQueuedBytes => ["disconnect a client (dom0's too) that leaves more than this", "unread: replies and watch events; default 16M, at least 4112"],
        VerbOption.GuestMaxNodes => ["nodes the guest may own; default 1000"],
        VerbOption.GuestMaxNodeSize => ["a guest's node record (value, permissions, child names and", "a 24-byte header) must stay below this; default 2048"],
        VerbOption.GuestMaxWatches => ["the guest's watches: WATCH is refused once it holds more", "than N, so it may hold N + 1 (as C xenstored 4.17); default 128"],
        VerbOption.GuestMaxTransactions => ["open transactions per guest connection, refused once more", "than N are open (so N + 1, as C xenstored 4.17); default 10"],
        VerbOption.GuestMaxPermissions => ["permission entries the guest may set on a node; default 5"],
        VerbOption.GuestMaxTransactionNodes => ["nodes one guest transaction may touch (reads of absent", "nodes too); past it ENOSPC, and the commit fails; default 1024"],
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, "not a single option"),
    };

    /// <summary>The single options in <paramref name="options"/>, in the order help lists them.</summary>
    public static IEnumerable<VerbOption> Each(VerbOption options) =>
        Enum.GetValues<VerbOption>().Where(option => option != VerbOption.None && options.HasFlag(option));
}
