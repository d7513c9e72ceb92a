using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net.Sockets;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// An embedded XenStore server for development, tests and demos (real xenstored needs a hypervisor).
/// It listens on unix sockets, each with the identity its connections act as (dom0 by default, or a
/// guest domain), and behaves closely enough to C xenstored 4.17 that the Xen project's
/// <c>xenstore-*</c> tools and pyxs work against it unchanged (<c>XENSTORED_PATH=&lt;socket&gt;</c>).
/// </summary>
public sealed class XenStoreServer : IAsyncDisposable
{
    private readonly ServerState _state;
    private readonly RequestDispatcher _dispatcher;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<ServerConnection, Task> _connections = new();
    private readonly List<Listener> _listeners = [];
    private readonly OutputHighWater? _outputHighWater;

    /// <summary>The socket file's mode: 0600, read and write for its owner only.</summary>
    private const uint OwnerOnly = 0b110_000_000;

    /// <summary>
    /// Creates a server whose store holds what a Xen host's holds once xencommons has started it:
    /// <c>/</c> owned by dom0, the empty <c>/tool/xenstored</c> xenstored creates itself, and dom0's
    /// <c>/local/domain/0/domid</c> (<c>0</c>) and
    /// <c>/local/domain/0/name</c> (<c>Domain-0</c>) as xen-init-dom0 writes them (dom0's only, as
    /// <c>/</c> is).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="XenStoreServerOptions.MaxQueuedBytesPerConnection"/> is below
    /// <see cref="XenStoreServerOptions.MinQueuedBytesPerConnection"/>.
    /// </exception>
    public XenStoreServer(XenStoreServerOptions? options = null)
        : this(options, outputHighWater: null)
    {
    }

    /// <summary>
    /// Creates a server whose connections report their queued output to <paramref name="outputHighWater"/>:
    /// how tests see what the per-connection cap bounded. A server without one keeps no such state.
    /// </summary>
    internal XenStoreServer(XenStoreServerOptions? options, OutputHighWater? outputHighWater)
    {
        _outputHighWater = outputHighWater;
        Options = options ?? new XenStoreServerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxQueuedBytesPerConnection, XenStoreServerOptions.MinQueuedBytesPerConnection, nameof(options));
        _state = new ServerState(Options);
        _dispatcher = new RequestDispatcher(_state);
        // What a Xen host's store holds once xencommons has run xen-init-dom0 after xenstored. First
        // what C xenstored's setup_structure makes before any client connects, "/tool/xenstored"
        // (empty, n0), so the root lists "tool" before "local" as on a host. Then dom0's domid and
        // name, written by dom0 without a chmod, so they and their new parents inherit "/"'s n0
        // (guests cannot read them). Clients find dom0's home as on a real host.
        Write("/tool/xenstored", ""u8);
        Write("/local/domain/0/domid", "0"u8);
        Write("/local/domain/0/name", "Domain-0"u8);
    }

    /// <summary>How long the accept loop waits before trying again after <c>accept</c> failed.</summary>
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Called with the socket's path and the system's reason when a connection cannot be accepted
    /// (the descriptor limit reached): once, until one is accepted again. The server keeps trying.
    /// </summary>
    internal Action<string, string>? AcceptFailed { get; set; }

    /// <summary>Called with the socket's path when a connection is accepted again after <see cref="AcceptFailed"/>.</summary>
    internal Action<string>? AcceptResumed { get; set; }

    /// <summary>The shared state, for tests that look at what no reply shows (take its <see cref="ServerState.Gate"/>).</summary>
    internal ServerState State => _state;

    /// <summary>The quotas applied to guest connections and the limit on every connection's queued output.</summary>
    public XenStoreServerOptions Options { get; }

    /// <summary>How many client connections are open.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>How many commits were refused with EAGAIN (forced or real conflicts).</summary>
    public int TransactionConflicts
    {
        get
        {
            lock (_state.Gate)
            {
                return _state.TransactionConflicts;
            }
        }
    }

    /// <summary>
    /// Listens on a unix socket. Its connections act as <paramref name="identity"/> (dom0 when null),
    /// and that domain exists from now on (permission entries naming it count; see
    /// <see cref="SetPermissions"/>), though only <see cref="CreateGuestDomain"/> or INTRODUCE
    /// introduces it.
    /// The socket file is created 0600 (its owner only may connect), whatever the umask.
    /// The path must be shorter than 108 bytes. A stale socket file there (nothing accepts
    /// connections on it) is replaced; a path another server is serving on, or one that holds
    /// anything but a socket, is left alone and refused with an <see cref="IOException"/>.
    /// </summary>
    /// <param name="socketPath">Where to listen.</param>
    /// <param name="identity">Who the connections act as; dom0 when null.</param>
    /// <param name="emulateDevice">
    /// Behave like a guest's <c>/dev/xen/xenbus</c> instead of a daemon socket: payloads limited to
    /// 4080 bytes, bytes after the first message of a read dropped, watch events with garbage ids,
    /// WATCH/UNWATCH replies with ids 0 (old kernels), duplicate watches accepted.
    /// </param>
    public void Listen(string socketPath, XenStoreIdentity? identity = null, bool emulateDevice = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        ListeningPath.Claim(socketPath);
        Socket socket;
        try
        {
            // Connecting needs write permission on the socket's file, and every connection acts as its
            // identity (dom0 by default): only the owner may. Linux's bind creates the file with the
            // socket's own mode less the umask, so setting it first means the file never exists with
            // more (whatever the umask: 000 in some shells and CI runners), with no window before a
            // chmod, no path looked up twice, and no change to the process-wide umask under threads.
            socket = Platform.Native.UnixListeningSocket.Open(socketPath, OwnerOnly, backlog: 128);
        }
        catch (IOException exception) when (exception.HResult == Platform.Native.UnixListeningSocket.EAddrInUse)
        {
            // Another server bound the path between the check and the bind.
            throw ListeningPath.InUse(socketPath);
        }

        (ulong Inode, uint DeviceMajor, uint DeviceMinor)? file;
        try
        {
            // Right after the bind: the file to remove when stopping, and no other file that may be
            // at the path by then.
            file = ListeningPath.Identify(socketPath);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var who = identity ?? XenStoreIdentity.Dom0;
        lock (_state.Gate)
        {
            // A domain with a connection exists, so entries naming it count.
            _state.Domains.Know(who.DomainId);
        }

        lock (_listeners)
        {
            _listeners.Add(new Listener(socket, socketPath, file, AcceptLoopAsync(socket, socketPath, who, emulateDevice)));
        }
    }

    /// <summary>
    /// Creates a guest's home as a toolstack does (<c>xenstored --guest-domid N</c>):
    /// <c>/local/domain/N</c> readable by the guest, with <c>domid</c>, <c>name</c> (<c>guest-N</c> unless given; dom0 stays <c>Domain-0</c>), and the
    /// guest-owned <c>data</c>, <c>data/host</c> and <c>data/guest</c>, and the read-only
    /// <c>vm-data</c>. The domain is introduced (IS_DOMAIN_INTRODUCED answers T, RELEASE accepts it;
    /// no <c>@introduceDomain</c> event). A RELEASE closes the domain's connections and removes what
    /// it owns (<c>data</c> and below) but leaves the home and the toolstack's nodes, as C xenstored
    /// does. Returns the home path.
    /// </summary>
    public string CreateGuestDomain(uint domainId, string? name = null)
    {
        var home = XenStorePath.DomainHome(domainId);
        lock (_state.Gate)
        {
            // First, so the permission entries below name a domain that exists.
            _state.Domains.Introduce(domainId);
        }

        var readable = new[] { new XenStorePermission(XenStoreAccess.None, 0), new XenStorePermission(XenStoreAccess.Read, domainId) };
        var guestOwned = new[] { new XenStorePermission(XenStoreAccess.None, domainId) };
        Write(home, []);
        SetPermissions(home, readable);
        Write(home + "/domid", System.Text.Encoding.ASCII.GetBytes(domainId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // Domain 0 is already there, named as xen-init-dom0 names it: giving it a guest's nodes
        // (an agent served on dom0's own home) must not rename it.
        Write(home + "/name", System.Text.Encoding.ASCII.GetBytes(name ?? (domainId == 0 ? "Domain-0" : "guest-" + domainId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        foreach (var owned in new[] { "data", "data/host", "data/guest" })
        {
            Write(home + "/" + owned, []);
            SetPermissions(home + "/" + owned, guestOwned);
        }

        Write(home + "/vm-data", []);
        SetPermissions(home + "/vm-data", readable);
        return home;
    }

    /// <summary>Writes a node as dom0 would (creating parents, firing watches).</summary>
    public void Write(string path, ReadOnlySpan<byte> value)
    {
        var copy = value.ToArray();
        Apply(path, (operations, p) => operations.Write(p, copy));
    }

    /// <summary>
    /// Sets a node's permissions as dom0 would. The first entry names the owner, which must exist
    /// (dom0, an introduced domain or one a listener acts as; ENOENT otherwise); later entries naming
    /// a domain that does not exist are kept but grant nothing, as in C xenstored.
    /// </summary>
    public void SetPermissions(string path, params XenStorePermission[] permissions) =>
        Apply(path, (operations, p) => operations.SetPermissions(p, [.. permissions]));

    /// <summary>Removes a node and its subtree as dom0 would.</summary>
    public void Remove(string path) => Apply(path, (operations, p) => operations.Remove(p));

    /// <summary>Reads a node's value (the caller's own copy), or null when it does not exist.</summary>
    public byte[]? TryRead(string path)
    {
        lock (_state.Gate)
        {
            // A copy: the node's array is shared with every transaction snapshot holding the node.
            return _state.Tree.Get(path)?.Value.ToArray();
        }
    }

    /// <summary>A node's children in creation order, or null when it does not exist.</summary>
    public IReadOnlyList<string>? TryList(string path)
    {
        lock (_state.Gate)
        {
            return _state.Tree.Get(path)?.Children;
        }
    }

    /// <summary>A node's permissions, or null when it does not exist.</summary>
    public IReadOnlyList<XenStorePermission>? TryGetPermissions(string path)
    {
        lock (_state.Gate)
        {
            return _state.Tree.Get(path)?.Permissions;
        }
    }

    /// <summary>Makes the next <paramref name="count"/> transaction commits fail with EAGAIN (for tests of retry logic).</summary>
    public void ForceTransactionConflicts(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_state.Gate)
        {
            _state.ForceConflicts(count);
        }
    }

    /// <summary>Closes every client connection (or only those acting as <paramref name="domainId"/>); listeners stay open.</summary>
    /// <returns>How many connections were closed.</returns>
    public int Disconnect(uint? domainId = null)
    {
        var closed = 0;
        foreach (var connection in _connections.Keys)
        {
            if (domainId is null || connection.Identity.DomainId == domainId)
            {
                connection.Abort();
                closed++;
            }
        }

        return closed;
    }

    /// <summary>
    /// Stops: removes the socket files (each only if it is still the file this server created), then
    /// closes the listeners, then every connection. Removing a file first means a client connecting
    /// from then on is told the path does not exist (not refused by a socket nobody serves), and
    /// another server may bind the path at once without this one deleting its file afterwards.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        List<Listener> listeners;
        lock (_listeners)
        {
            listeners = [.. _listeners];
            _listeners.Clear();
        }

        // The files go before the accept loops stop: a client that connects while a loop is stopping
        // would wait in the backlog of a socket nobody accepts from, then be reset.
        foreach (var listener in listeners)
        {
            ListeningPath.Release(listener.Path, listener.File);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var listener in listeners)
        {
            listener.Socket.Dispose();
        }

        try
        {
            // No connection is accepted once the loops are over, so none escapes the disconnect.
            await Task.WhenAll(listeners.Select(l => l.Loop)).ConfigureAwait(false);
        }
        finally
        {
            Disconnect();
            await Task.WhenAll(_connections.Values).ConfigureAwait(false);
            _stopping.Dispose();
        }
    }

    private void Apply(string path, Func<NodeOperations, string, string?> operation)
    {
        if (!XenStorePath.IsValidAbsolute(path))
        {
            throw new ArgumentException($"'{path}' is not a valid absolute XenStore path.", nameof(path));
        }

        lock (_state.Gate)
        {
            var events = new List<StoreEvent>();
            var operations = new NodeOperations(_state.Tree, XenStoreIdentity.Dom0, Options, _state.Domains, _state.NextGeneration, events);
            if (operation(operations, path) is { } error)
            {
                throw new XenStoreErrorException(error, XenStoreMessageType.Invalid, path);
            }

            _state.Fire(events);
        }
    }

    private async Task AcceptLoopAsync(Socket listener, string socketPath, XenStoreIdentity identity, bool emulateDevice)
    {
        var refused = false;
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException
                || (exception is SocketException && _stopping.IsCancellationRequested))
            {
                // Stopping: the listener closed under a pending accept (ECANCELED) is no failure to retry.
                return;
            }
            catch (SocketException exception)
            {
                // EMFILE/ENFILE (the descriptor limit), ENOBUFS, ENOMEM, ECONNABORTED: the connection
                // waits in the listen queue, and the server must take it once the condition passes rather
                // than stop accepting for good. Its next accept would fail at once (the queue is still
                // readable), so the retry waits a moment: never a busy loop. Said once per episode.
                if (!refused)
                {
                    refused = true;
                    // .NET gives EMFILE and ENFILE one code, whose text ("… in system") names only the second.
                    AcceptFailed?.Invoke(socketPath, exception.SocketErrorCode == SocketError.TooManyOpenSockets
                        ? "out of file descriptors: EMFILE or ENFILE"
                        : exception.Message);
                }

                try
                {
                    await Task.Delay(AcceptRetryDelay, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            if (refused)
            {
                refused = false;
                AcceptResumed?.Invoke(socketPath);
            }

            var connection = new ServerConnection(client, identity, emulateDevice, Options.MaxQueuedBytesPerConnection, _outputHighWater);
            _dispatcher.Connected(connection);
            var run = Task.Run(() => connection.RunAsync(_dispatcher, _stopping.Token));
            _connections[connection] = run;
            _ = run.ContinueWith(_ => _connections.TryRemove(connection, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>A listening socket, its path, the file its bind created there, and its accept loop.</summary>
    private sealed record Listener(Socket Socket, string Path, (ulong Inode, uint DeviceMajor, uint DeviceMinor)? File, Task Loop);
}
