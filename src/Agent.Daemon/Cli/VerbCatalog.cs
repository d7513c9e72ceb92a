namespace GuestAgent.Daemon.Cli;

/// <summary>Every verb of <c>guest-agent</c> (design.md §5): what the parser accepts and what help says.</summary>
internal static class VerbCatalog
{
    /// <summary>The quotas of <c>xenstored</c>'s guest connections, which only <c>--guest-socket</c> has.</summary>
    public const VerbOption GuestQuotas = VerbOption.GuestMaxNodes | VerbOption.GuestMaxNodeSize | VerbOption.GuestMaxWatches
        | VerbOption.GuestMaxTransactions | VerbOption.GuestMaxPermissions | VerbOption.GuestMaxTransactionNodes;

    public static VerbDescription Run { get; } = new(
        "run",
        VerbOption.Config | VerbOption.XenStore | VerbOption.DomainPath | VerbOption.Root | VerbOption.LogLevel,
        ["[--config FILE] [--xenstore PATH] [--domain-path PATH]", "[--root DIR] [--log-level LEVEL]"],
        ["Serve the host's requests until SIGTERM or SIGINT (the systemd service)."],
        [
            "The first signal stops taking requests, finishes the one in progress and delivers its",
            "answer; a second one ends the process at once. Options override the configuration file",
            "(check-config shows what they add up to).",
            "Without --xenstore the endpoint is $XENSTORED_PATH, then $XENSTORED_RUNDIR/socket",
            "(/var/run/xenstored/socket), /dev/xen/xenbus or /proc/xen/xenbus, as libxenstore picks it.",
        ],
        []);

    public static VerbDescription CheckConfig { get; } = new(
        "check-config",
        Run.Options,
        ["[--config FILE] [--xenstore PATH] [--domain-path PATH]", "[--root DIR] [--log-level LEVEL]"],
        [
            "Check a configuration without starting the agent: print the effective settings and",
            "the warnings run would log; exit 0 when it is valid, 1 when run would start with",
            "errors (libssl missing, a service not registered), 2 when it is not valid.",
        ],
        [
            "Settings are resolved exactly as run resolves them, with the same options: the command",
            "line, then the configuration file, then the defaults. XenStore is not contacted and",
            "nothing is written. The settings go to stdout; the warnings (whatever the log level)",
            "and the one-line error go to stderr. --config /dev/null checks the defaults alone.",
        ],
        []);

    public static VerbDescription Xenstored { get; } = new(
        "xenstored",
        VerbOption.Socket | VerbOption.GuestDomainId | VerbOption.GuestSocket | VerbOption.MaxQueuedBytes | GuestQuotas,
        [
            "--socket PATH [--guest-domid N [--guest-socket PATH]]",
            "[--max-queued-bytes BYTES] [--guest-max-nodes N]",
            "[--guest-max-node-size BYTES] [--guest-max-watches N]",
            "[--guest-max-transactions N] [--guest-max-permissions N]",
            "[--guest-max-transaction-nodes N]",
        ],
        ["Run the embedded XenStore server on a unix socket until SIGTERM or SIGINT."],
        [
            "Real clients work against it, for example: XENSTORED_PATH=PATH xenstore-ls",
            "The guest's home is permissioned as Xen's toolstack does it.",
            "Connections on --socket act as dom0; on --guest-socket, as the guest.",
            "The --guest-max-* quotas apply to the guest's connections and need --guest-socket;",
            "BYTES may end in K, M or G (powers of 1024).",
        ],
        []);

    public static VerbDescription Call { get; } = new(
        "call",
        VerbOption.XenStore | VerbOption.DomainId | VerbOption.Timeout,
        ["[--xenstore PATH] --domid N [--timeout SECONDS] COMMAND [VALUE]"],
        ["Send one request as Nova's dom0 plugin does and print the response JSON."],
        [
            "The request goes to /local/domain/N/data/host/<uuid>; the answer is read from",
            "data/guest/<uuid>. The timeout covers connecting (a XenStore whose listen queue",
            "stays full) and every XenStore operation, the first included (the read of the",
            "domain's name node); on timeout the request is deleted (the removal may take",
            "5 s more) and the exit code is 1. SIGINT or SIGTERM also deletes it (exit 1);",
            "either way the message says when the request could not be deleted.",
            "The exit code is also 1 when the answer's returncode is not 0 (or keyinit's D0),",
            "for example 404 or 500, or its message is not a string (Nova's plugin fails on",
            "such an answer too); the answer is printed either way. An answer that is not",
            "valid JSON prints nothing on stdout and exits 1.",
        ],
        ["VALUE is sent as a JSON string, or as it is when it is a JSON object or array;", "no VALUE sends \"\"."]);

    public static VerbDescription SetPassword { get; } = new(
        "set-password",
        VerbOption.XenStore | VerbOption.DomainId | VerbOption.Timeout,
        ["[--xenstore PATH] --domid N [--timeout SECONDS]  (password on stdin)"],
        ["Read a password on stdin and set it in the guest (keyinit, then password),", "encrypted as Nova does."],
        [
            "The password is the first line of stdin, never an argument, so it stays out of process",
            "listings. The response of the password request is printed as JSON. --timeout applies",
            "to connecting and to each of the two requests as for call.",
        ],
        []);

    public static VerbDescription Schema { get; } = new(
        "schema",
        VerbOption.None,
        [],
        ["Print the JSON contracts of every registered command."],
        ["One JSON document: each command's name, summary, parameters and the JSON Schemas of its", "request value and of its result."],
        []);

    public static VerbDescription Demo { get; } = new(
        "demo",
        VerbOption.None,
        [],
        ["Run Nova's first-boot sequence against an embedded XenStore and an agent on a", "temporary root. Needs neither Xen nor root."],
        [
            "Sends version, features, injectfile, keyinit and password, and resetnetwork, prints",
            "every request, response and file the agent wrote, then removes everything it made.",
        ],
        []);

    /// <summary>Every verb, in the order help lists them.</summary>
    public static IReadOnlyList<VerbDescription> All { get; } = [Run, CheckConfig, Xenstored, Call, SetPassword, Schema, Demo];

    /// <summary>The verb named <paramref name="name"/>, or <c>null</c>.</summary>
    public static VerbDescription? Find(string name) => All.FirstOrDefault(verb => verb.Name == name);
}
