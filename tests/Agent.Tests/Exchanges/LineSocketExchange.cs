using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Exchanges;

/// <summary>
/// An exchange as a team would write one from docs/plugins.md ("Writing an exchange"): a Unix
/// socket carrying one request per line and one answer per line, several clients at once, a session
/// per connection, requests numbered by the exchange (the line protocol has no ids). On the host's
/// stop, a request still queued is refused with a line of its own, written after the answer of the
/// request in progress when it is on the same connection.
/// </summary>
internal sealed class LineSocketExchange(string path) : IExchange
{
    /// <summary>What a client reads for a request the stopping host will not run.</summary>
    public const string Refusal = """{"returncode":"500","message":"The agent is stopping; the request was not run"}""";

    private readonly Channel<AgentRequest> _requests = Channel.CreateUnbounded<AgentRequest>();
    private readonly Dictionary<string, Connection> _connectionOf = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;
    private CancellationTokenRegistration _onHostStopping;
    private AgentRequest? _current;
    private List<AgentRequest> _refusedAfterCurrent = [];
    private bool _stopped;
    private int _connections;

    /// <summary>The ids of the requests read from clients, as they are read (for a test to know what is queued).</summary>
    public ChannelReader<string> Received => _received.Reader;

    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen();
        _accepting = AcceptAsync(_listener, _closing.Token);
        // The serving token, kept: the only word that the host takes no more requests.
        _onHostStopping = cancellationToken.Register(static exchange => ((LineSocketExchange)exchange!).HostStopped(), this);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
    {
        while (await _requests.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Taken under the lock the stop drains under: each request is either served or refused.
            lock (_gate)
            {
                if (_stopped)
                {
                    return null;
                }

                if (_requests.Reader.TryRead(out var request))
                {
                    _current = request;
                    return request;
                }
            }
        }

        return null;
    }

    public async ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
    {
        Connection? connection;
        List<AgentRequest> refusals;
        lock (_gate)
        {
            _connectionOf.Remove(request.Id, out connection);
            _current = null;
            refusals = _refusedAfterCurrent;
            _refusedAfterCurrent = [];
        }

        if (connection is not null)
        {
            await connection.WriteLineAsync(response.ToUtf8Json(), cancellationToken).ConfigureAwait(false);
        }

        await RefuseAsync(refusals, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _onHostStopping.DisposeAsync().ConfigureAwait(false);
        HostStopped();
        await _closing.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _accepting.ConfigureAwait(false);
        File.Delete(path);
        _closing.Dispose();
    }

    private void HostStopped()
    {
        List<AgentRequest> now = [];
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _requests.Writer.TryComplete();
            var currentConnection = _current is { } current ? _connectionOf[current.Id] : null;
            while (_requests.Reader.TryRead(out var queued))
            {
                // After the answer in progress on the same connection, or the client would read the refusal as that answer.
                (ReferenceEquals(_connectionOf[queued.Id], currentConnection) ? _refusedAfterCurrent : now).Add(queued);
            }
        }

        _ = RefuseAsync(now, CancellationToken.None).AsTask();
    }

    private async ValueTask RefuseAsync(List<AgentRequest> requests, CancellationToken cancellationToken)
    {
        foreach (var request in requests)
        {
            Connection? connection;
            lock (_gate)
            {
                _connectionOf.Remove(request.Id, out connection);
            }

            if (connection is not null)
            {
                await connection.WriteLineAsync(Encoding.UTF8.GetBytes(Refusal), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task AcceptAsync(Socket listener, CancellationToken closing)
    {
        var readers = new List<Task>();
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(closing).ConfigureAwait(false);
                readers.Add(ReadAsync(new Connection(socket, Interlocked.Increment(ref _connections)), closing));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closing.
        }

        await Task.WhenAll(readers).ConfigureAwait(false);
    }

    private async Task ReadAsync(Connection connection, CancellationToken closing)
    {
        using var disposeConnection = connection;
        using var reader = new StreamReader(new NetworkStream(connection.Socket, ownsSocket: false), Encoding.UTF8);
        var number = 0;
        try
        {
            while (await reader.ReadLineAsync(closing).ConfigureAwait(false) is { } line)
            {
                // The line protocol has no ids: the exchange numbers its requests, unique per connection and exchange.
                var request = new AgentRequest($"{connection.Number}.{++number}", Encoding.UTF8.GetBytes(line), connection.Session);
                lock (_gate)
                {
                    _connectionOf[request.Id] = connection;
                    if (!_stopped && _requests.Writer.TryWrite(request))
                    {
                        _received.Writer.TryWrite(request.Id);
                        continue;
                    }
                }

                await RefuseAsync([request], closing).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client or the exchange closed the connection.
        }
    }

    /// <summary>One client: its socket, its number and its session (its keyinit never serves another's password).</summary>
    private sealed class Connection(Socket socket, int number) : IDisposable
    {
        // Never disposed: an answer may still be written (and dropped) after its client went.
        private readonly SemaphoreSlim _writing = new(1, 1);

        public Socket Socket { get; } = socket;

        public int Number { get; } = number;

        public ExchangeSession Session { get; } = new();

        public async Task WriteLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
        {
            await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Socket.SendAsync(line, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                await Socket.SendAsync("\n"u8.ToArray(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // The client has gone: its answer is dropped quietly.
            }
            finally
            {
                _writing.Release();
            }
        }

        public void Dispose() => Socket.Dispose();
    }
}
