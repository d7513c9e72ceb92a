using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// The domain requests, answered as C xenstored 4.17 answers them minus the hypervisor: domain ids are
/// read with <c>atoi</c> (<see cref="AtoiArgument"/>), a one-argument request needs exactly one
/// argument (EINVAL), and RELEASE, RESUME and SET_TARGET refuse a domain that is not introduced
/// (ENOENT) and RELEASE and RESUME refuse dom0 (EINVAL). Methods return an error name, or null once
/// the reply is sent.
/// </summary>
internal sealed class DomainRequests(ServerState state)
{
    // A new array per reply, not one shared by every reply (an array is writable by whoever holds it).
    private static byte[] Ok => "OK\0"u8.ToArray();

    /// <summary>DOMID_SELF (<c>xen.h</c>): "the calling domain" in hypercalls.</summary>
    private const uint DomainIdSelf = 0x7FF0;

    public string? GetDomainPath(Reply reply, byte[] payload) =>
        XenStorePayload.TryOneArgument(payload, out var text)
            ? Send(reply, Encoding.ASCII.GetBytes(XenStorePath.DomainHome(AtoiArgument.Parse(text)) + "\0"))
            : XenStoreErrors.InvalidArgument;

    // DOMID_SELF is always introduced in C xenstored 4.17 (do_is_domain_introduced).
    public string? IsIntroduced(Reply reply, byte[] payload)
    {
        if (!XenStorePayload.TryOneArgument(payload, out var text))
        {
            return XenStoreErrors.InvalidArgument;
        }

        var domid = AtoiArgument.Parse(text);
        return Send(reply, domid == DomainIdSelf || state.Domains.IsIntroduced(domid) ? "T\0"u8.ToArray() : "F\0"u8.ToArray());
    }

    /// <summary>
    /// INTRODUCE: domid, grant frame, event channel (further strings are ignored, as by C's
    /// <c>get_strings</c>). A zero event channel is EINVAL. Only a domain not introduced yet fires
    /// <c>@introduceDomain</c>. Then, new or not, the domain's connections are reset as C's
    /// <c>domain_conn_reset</c> resets its ring (the soft-reset and kexec path): their watches and
    /// transactions are dropped silently; the connections stay open. dom0's connections stand for
    /// C's sockets, which have no domain, and are left alone.
    /// </summary>
    public string? Introduce(Reply reply, byte[] payload)
    {
        if (XenStorePayload.TerminatedStrings(payload) is not [var text, _, var port, ..] || AtoiArgument.Parse(port) == 0)
        {
            return XenStoreErrors.InvalidArgument;
        }

        var domid = AtoiArgument.Parse(text);
        if (state.Domains.Introduce(domid))
        {
            state.Fire([new StoreEvent(XenStorePath.IntroduceDomain, true, default)]);
        }

        if (domid != 0)
        {
            foreach (var connection in state.ConnectionsOf(domid))
            {
                state.EndSession(connection);
            }
        }

        return Send(reply, Ok);
    }

    // Answers, then closes the domain's connections and removes what it owns (see DomainRelease).
    public string? Release(Reply reply, byte[] payload)
    {
        if (IntroducedGuest(payload, out var domid) is { } error)
        {
            return error;
        }

        // C xenstored 4.17 answers first: the removals' events and @releaseDomain follow the OK
        // (observed with it, CXenstoredDifferentialTests), unlike a node request's own events.
        var answered = Send(reply, Ok);
        DomainRelease.Apply(state, domid);
        return answered;
    }

    // No hypervisor to tell: checks the domain and answers.
    public string? Resume(Reply reply, byte[] payload) => IntroducedGuest(payload, out _) ?? Send(reply, Ok);

    // Both domains must be introduced; no target privileges follow (see docs/xenstore.md).
    public string? SetTarget(Reply reply, byte[] payload)
    {
        if (XenStorePayload.TerminatedStrings(payload) is not [var domid, var target, ..])
        {
            return XenStoreErrors.InvalidArgument;
        }

        return state.Domains.IsIntroduced(AtoiArgument.Parse(domid)) && state.Domains.IsIntroduced(AtoiArgument.Parse(target))
            ? Send(reply, Ok)
            : XenStoreErrors.NotFound;
    }

    // C's onearg_domain: one argument (EINVAL), not dom0 (EINVAL), introduced (ENOENT).
    private string? IntroducedGuest(byte[] payload, out uint domid)
    {
        domid = 0;
        if (!XenStorePayload.TryOneArgument(payload, out var text))
        {
            return XenStoreErrors.InvalidArgument;
        }

        domid = AtoiArgument.Parse(text);
        if (domid == 0)
        {
            return XenStoreErrors.InvalidArgument;
        }

        return state.Domains.IsIntroduced(domid) ? null : XenStoreErrors.NotFound;
    }

    private static string? Send(Reply reply, byte[] payload)
    {
        reply.Send(payload);
        return null;
    }
}
