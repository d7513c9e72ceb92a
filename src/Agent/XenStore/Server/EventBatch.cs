namespace GuestAgent.XenStore.Server;

/// <summary>
/// The watch events one request queues: a write's, a transaction's commit (every node it changed),
/// a domain's release. C xenstored queues all of them before it writes any, and its
/// <c>send_event</c> drops an event identical (same path and token) to one still queued on the
/// connection, special (<c>@…</c>) events excepted. So within one request each (connection, path,
/// token) goes out once: a node written twice in a transaction fires once at the commit, and two
/// watches with one token that both match a change (<c>/a</c> and <c>/a/b</c>, token <c>t</c>, on a
/// write of <c>/a/b/c</c>) deliver one event.
/// </summary>
/// <remarks>
/// Across requests C drops an identical event only while the earlier one is unsent, which for a
/// client that reads means its socket is full (C writes between requests). This server reads a
/// client's pipelined requests while another thread writes to it, so "unsent" would depend on that
/// thread's pace: such events are delivered (the protocol allows spurious events).
/// </remarks>
internal sealed class EventBatch
{
    private HashSet<(ServerConnection Connection, string Path, string Token)>? _queued;

    /// <summary>Whether the event is new to this batch (and now part of it); false for a duplicate to drop.</summary>
    public bool TryAdd(ServerConnection connection, string path, string token) =>
        (_queued ??= []).Add((connection, path, token));
}
