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

    /// <summary>A guest domain.</summary>
    public static XenStoreIdentity Guest(uint domainId) => new(domainId);

    /// <summary>Whether the connection is privileged (dom0).</summary>
    public bool IsPrivileged => DomainId == 0;

    /// <summary>Where relative paths resolve.</summary>
    public string Home => XenStorePath.DomainHome(DomainId);
}
