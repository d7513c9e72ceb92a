namespace GuestAgent.Commands.Network.Dns;

/// <summary>What carries Nova's DNS servers to the system's resolver.</summary>
internal enum DnsTarget
{
    /// <summary>The backend's own files: they feed the live manager that owns <c>/etc/resolv.conf</c>.</summary>
    BackendFiles,

    /// <summary>The agent writes <c>/etc/resolv.conf</c>.</summary>
    ResolvConf,

    /// <summary>
    /// A running systemd-resolved owns <c>/etc/resolv.conf</c> but the backend does not feed it: the
    /// servers go into a <c>resolved.conf.d</c> drop-in as global servers, keeping the stub working.
    /// </summary>
    ResolvedDropIn,

    /// <summary>Nothing (the policy is <c>never</c>).</summary>
    Nothing,
}
