using System.Collections.Immutable;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// The domains the embedded server knows, standing in for the hypervisor C xenstored asks: dom0
/// always, a domain introduced (INTRODUCE, <see cref="XenStoreServer.CreateGuestDomain"/>) until it is
/// released, and a domain a listener acts as. Permission entries naming any other domain are
/// ignored, as C xenstored ignores entries for domains that do not exist (<c>XS_PERM_IGNORE</c>).
/// </summary>
internal sealed class DomainTable
{
    private readonly HashSet<uint> _introduced = [0];
    private readonly HashSet<uint> _known = [0];

    public bool Exists(uint domainId) => _known.Contains(domainId);

    public bool IsIntroduced(uint domainId) => _introduced.Contains(domainId);

    /// <summary>A listener acts as the domain, so it exists (but is not introduced by that alone).</summary>
    public void Know(uint domainId) => _known.Add(domainId);

    /// <summary>Introduces a domain; false when it already was.</summary>
    public bool Introduce(uint domainId)
    {
        _known.Add(domainId);
        return _introduced.Add(domainId);
    }

    /// <summary>Forgets a released domain: entries naming it are ignored from now on.</summary>
    public void Release(uint domainId)
    {
        _introduced.Remove(domainId);
        if (domainId != 0)
        {
            _known.Remove(domainId);
        }
    }

    /// <summary>
    /// The entries an access check honours: all but those after the owner that name a domain that does
    /// not exist. C xenstored marks such entries ignored when they are set (<c>domain_alloc_permrefs</c>)
    /// and when their domain goes away (<c>domain_adjust_node_perms</c>), and skips them in
    /// <c>perm_for_conn</c>, which is the same as leaving them out. The owner entry always counts.
    /// Applied to entries already filtered, it keeps what was left out before out even when the
    /// domain is back: C keeps the flag, so a new domain reusing an id does not inherit access.
    /// </summary>
    public ImmutableArray<XenStorePermission> Honoured(ImmutableArray<XenStorePermission> entries)
    {
        var all = true;
        for (var i = 1; i < entries.Length && all; i++)
        {
            all = Exists(entries[i].DomainId);
        }

        if (all)
        {
            return entries;
        }

        var honoured = ImmutableArray.CreateBuilder<XenStorePermission>(entries.Length);
        honoured.Add(entries[0]);
        for (var i = 1; i < entries.Length; i++)
        {
            if (Exists(entries[i].DomainId))
            {
                honoured.Add(entries[i]);
            }
        }

        return honoured.ToImmutable();
    }
}
