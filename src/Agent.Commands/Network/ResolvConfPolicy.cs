namespace GuestAgent.Commands.Network;

/// <summary>Who owns <c>/etc/resolv.conf</c>.</summary>
public enum ResolvConfPolicy
{
    /// <summary>
    /// Write it when the network system's DNS servers would not reach it through a live resolver
    /// manager (systemd-resolved, resolvconf, NetworkManager, netconfig): see
    /// <see cref="Dns.DnsRouting"/>. A link into a manager that would not get the servers is
    /// replaced by a file (put back on rollback).
    /// </summary>
    Auto,

    /// <summary>Always write it (when there are DNS servers), replacing a link there.</summary>
    Always,

    /// <summary>Never write it (the opt-out the original's <c>NOVA_AGENT_RESOLVCONF=off</c> promised).</summary>
    Never,
}
