using System.Runtime.InteropServices;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// The registered watches, indexed so that no request scans them all (dom0 has no watch quota, so
/// one client may hold tens of thousands, and a scan per changed node made every write pay for
/// them): by resolved path, where a change looks up its own path and its ancestors; by connection
/// and (resolved path, token), for WATCH's duplicate check, UNWATCH and a connection's end; and
/// counted per domain, for the guest quota.
/// </summary>
/// <remarks>
/// Each watch keeps the number it was registered with, and a change's matches are put in that order
/// over all connections, the order the single list this index replaced gave them. What a client can
/// see of it is its own connection's part, which is the order C xenstored's <c>fire_watches</c>
/// gives (each connection's watch list in the order <c>add_watch</c> appended them).
/// </remarks>
internal sealed class WatchIndex
{
    private readonly Dictionary<string, LinkedList<Registered>> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<Registered>>.AlternateLookup<ReadOnlySpan<char>> _byPathSpan;
    private readonly Dictionary<ServerConnection, Dictionary<(string ResolvedPath, string Token), List<LinkedListNode<Registered>>>> _byConnection = [];
    private readonly Dictionary<uint, int> _perDomain = [];
    private long _registered;

    public WatchIndex()
    {
        _byPathSpan = _byPath.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// How many paths, connections and domains the index holds entries for: none is kept once its
    /// last watch is gone (a client registering and removing watches on ever new paths must not grow
    /// it). For tests.
    /// </summary>
    internal (int Paths, int Connections, int Domains) Footprint => (_byPath.Count, _byConnection.Count, _perDomain.Count);

    /// <summary>The watches of every connection acting as the domain.</summary>
    public int CountFor(uint domainId) => _perDomain.GetValueOrDefault(domainId);

    public bool Contains(ServerConnection connection, string resolvedPath, string token) =>
        _byConnection.TryGetValue(connection, out var watches) && watches.ContainsKey((resolvedPath, token));

    /// <summary>Registers a watch; a duplicate (path and token) of one the connection holds is a second watch (the emulated device accepts them).</summary>
    public void Add(ServerWatch watch)
    {
        ref var onPath = ref CollectionsMarshal.GetValueRefOrAddDefault(_byPath, watch.ResolvedPath, out _);
        var node = (onPath ??= new()).AddLast(new Registered(_registered++, watch));
        ref var ofConnection = ref CollectionsMarshal.GetValueRefOrAddDefault(_byConnection, watch.Connection, out _);
        ref var copies = ref CollectionsMarshal.GetValueRefOrAddDefault(ofConnection ??= [], (watch.ResolvedPath, watch.Token), out _);
        (copies ??= []).Add(node);
        CollectionsMarshal.GetValueRefOrAddDefault(_perDomain, DomainOf(watch), out _)++;
    }

    /// <summary>Removes the connection's watch on the path with the token (every copy); false when it has none.</summary>
    public bool Remove(ServerConnection connection, string resolvedPath, string token)
    {
        if (!_byConnection.TryGetValue(connection, out var watches) || !watches.Remove((resolvedPath, token), out var copies))
        {
            return false;
        }

        if (watches.Count == 0)
        {
            _byConnection.Remove(connection);
        }

        Unlink(copies);
        return true;
    }

    /// <summary>Removes every watch of the connection.</summary>
    public void RemoveAll(ServerConnection connection)
    {
        if (!_byConnection.Remove(connection, out var watches))
        {
            return;
        }

        foreach (var copies in watches.Values)
        {
            Unlink(copies);
        }
    }

    /// <summary>
    /// The watches on <paramref name="path"/>, and with <paramref name="andAncestors"/> those on each
    /// of its ancestors up to <c>/</c> (an absolute path), in registration order.
    /// </summary>
    public List<ServerWatch> On(string path, bool andAncestors)
    {
        var found = new List<Registered>();
        var lists = 0;
        var current = path.AsSpan();
        while (true)
        {
            if (_byPathSpan.TryGetValue(current, out var onPath))
            {
                found.AddRange(onPath);
                lists++;
            }

            var slash = current.LastIndexOf('/');
            if (!andAncestors || current.Length <= 1 || slash < 0)
            {
                break;
            }

            current = slash == 0 ? "/" : current[..slash];
        }

        // Each path's list is in registration order already; only watches from several paths need merging.
        if (lists > 1)
        {
            found.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        }

        return found.ConvertAll(static registered => registered.Watch);
    }

    private void Unlink(List<LinkedListNode<Registered>> copies)
    {
        foreach (var node in copies)
        {
            var onPath = node.List!;
            onPath.Remove(node);
            var watch = node.Value.Watch;
            if (onPath.Count == 0)
            {
                _byPath.Remove(watch.ResolvedPath);
            }

            var domain = DomainOf(watch);
            if (--CollectionsMarshal.GetValueRefOrNullRef(_perDomain, domain) == 0)
            {
                _perDomain.Remove(domain);
            }
        }
    }

    private static uint DomainOf(ServerWatch watch) => watch.Connection.Identity.DomainId;

    /// <summary>A watch and its place in the registration order.</summary>
    private readonly record struct Registered(long Order, ServerWatch Watch);
}
