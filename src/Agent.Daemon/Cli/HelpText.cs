namespace GuestAgent.Daemon.Cli;

/// <summary>The text of <c>guest-agent --help</c>.</summary>
internal static class HelpText
{
    public const string Usage = """
        guest-agent: the cloud guest agent for OpenStack Nova's XenAPI agent protocol.

        Usage:
          guest-agent run          [--config FILE] [--xenstore PATH] [--domain-path /local/domain/N]
                                   [--root DIR] [--log-level LEVEL]
          guest-agent xenstored    --socket PATH [--guest-domid N]
          guest-agent call         [--xenstore PATH] --domid N [--timeout SECONDS] COMMAND [VALUE]
          guest-agent set-password [--xenstore PATH] --domid N [--timeout SECONDS]   (password on stdin)
          guest-agent schema
          guest-agent demo
          guest-agent --version | --help

        Verbs:
          run           Serve the host's requests until SIGTERM or SIGINT (the systemd service).
                        --config FILE        configuration file (default /etc/guest-agent/agent.json, optional)
                        --xenstore PATH      XenStore socket or device (default: as libxenstore picks it)
                        --domain-path PATH   serve under this domain home instead of the connection's own
                        --root DIR           keep every file under DIR and log external programs instead
                                             of running them (development, tests)
                        --log-level LEVEL    trace, debug, information, warning, error, critical or none
          xenstored     Run the embedded XenStore server on a unix socket until SIGTERM.
                        --socket PATH        the unix socket to listen on
                        --guest-domid N      create /local/domain/N with data/host, data/guest and vm-data
          call          Send one request as Nova's dom0 plugin does and print the response JSON.
                        --domid N            the guest's domain id (its requests go to /local/domain/N/data/host)
                        --xenstore PATH      XenStore socket or device (default: as libxenstore picks it)
                        --timeout SECONDS    give up (and withdraw the request) after this long; default 30
                        VALUE is sent as a JSON string, or as it is when it is a JSON object or array;
                        no VALUE sends "".
          set-password  Read a password on stdin and set it in the guest (keyinit, then password),
                        encrypted as Nova does. Takes call's --domid, --xenstore and --timeout.
          schema        Print the JSON contracts of every registered command.
          demo          Run Nova's first-boot sequence against an embedded XenStore and an agent on a
                        temporary root. Needs neither Xen nor root.

        Exit codes: 0 success, 1 run-time failure, 2 bad command line or configuration.
        Documentation: docs/daemon.md in the GuestAgent sources.
        """;
}
