namespace GuestAgent.Commands.Network;

/// <summary>Who owns <c>/etc/resolv.conf</c>.</summary>
public enum ResolvConfPolicy
{
    /// <summary>Write it when neither the network system nor resolvconf/systemd-resolved manages it.</summary>
    Auto,

    /// <summary>Always write it (when there are DNS servers).</summary>
    Always,

    /// <summary>Never write it (the opt-out the original's <c>NOVA_AGENT_RESOLVCONF=off</c> promised).</summary>
    Never,
}
