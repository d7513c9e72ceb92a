using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// Who a server connection acts as: dom0 (privileged, home <c>/local/domain/0</c>) or a guest domain
/// (unprivileged, home <c>/local/domain/&lt;domid&gt;</c>, quotas apply).
/// </summary>
/// <param name="DomainId">The domain id.</param>
public readonly record struct XenStoreIdentity(uint DomainId)
{
    /// <summary>The privileged control domain.</summary>
    public static XenStoreIdentity Dom0 => new(0);

    /// <summary>A guest domain: unprivileged, confined to what its permissions allow, quotas applied.</summary>
    /// <param name="domainId">The guest's domain id, 1 or more. Ids Xen reserves (from <c>0x7ff0</c>) are guests here too.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="domainId"/> is 0: domain 0 is dom0, privileged in this server as in Xen's
    /// xenstored, so a "guest 0" would skip every permission check and quota it was meant to have.
    /// </exception>
    public static XenStoreIdentity Guest(uint domainId) => domainId == 0
        ? throw new ArgumentOutOfRangeException(nameof(domainId), domainId, "Domain 0 is dom0, the privileged control domain, not a guest: a connection acting as it skips every permission check and quota. Use XenStoreIdentity.Dom0 for dom0's connections, or a guest's own domain id (1 or more).")
        : new(domainId);

    /// <summary>Whether the connection is privileged (dom0).</summary>
    public bool IsPrivileged => DomainId == 0;

    /// <summary>Where relative paths resolve.</summary>
    public string Home => XenStorePath.DomainHome(DomainId);
}
