using System.Threading.Channels;
using GuestAgent.Commands;
using GuestAgent.Protocol;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Exchanges;

/// <summary>
/// The Nova XenAPI exchange: requests are nodes under <c>data/host</c>, responses go to
/// <c>data/guest/&lt;id&gt;</c>. It watches <c>data/host</c> (or polls where watches fail), scans it at
/// start so requests written while the agent was down are served, and hands requests out in arrival
/// order; one the host withdrew while it waited behind others is dropped, not run. Each answer is
/// journaled (durably, unless it is bound to the in-memory session), then written to
/// <c>data/guest/&lt;id&gt;</c>, and only then is <c>data/host/&lt;id&gt;</c> removed, and only if it
/// still holds the request answered (the host may reuse an id); a request seen again after a crash
/// is answered from the journal, never run twice. A lost connection is re-opened with backoff
/// (which starts over only once a connection has served) and the watch registered again. A
/// response refused for the guest's quota is written again once after removing old responses the
/// host no longer waits for; if still refused, a short error answer takes its place, or the
/// request is given up (XenStoreExchange.ResponseRefusal.cs).
/// </summary>
public sealed partial class XenStoreExchange : IExchange
{
    /// <summary>How often a failure that keeps repeating is warned about again; in between, repeats are logged at debug level.</summary>
    internal static readonly TimeSpan RepeatedWarningInterval = TimeSpan.FromMinutes(10);

    private readonly XenStoreExchangeOptions _options;
    private readonly ILogger _logger;
    private readonly ResponseJournal _journal;
    private readonly ResponseSweeper _sweeper;
    // Failures that can repeat for ever are warned about once (then a reminder every 10 minutes).
    private readonly RepeatedFailures _connectionFailures;
    private readonly RepeatedFailures _requestFailures;
    // Written by the pump and, for a request replaced while it was being answered, by PutResponseAsync.
    private readonly Channel<AgentRequest> _requests = Channel.CreateUnbounded<AgentRequest>();
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource<XenStoreClient> _connected = NewConnectedSource();
    private Task? _pump;
    private QuietXenStoreCheck? _quietCheck;
    private int _disposed;
    private int _connections;
    private int _answeredFromJournal;

    /// <summary>Creates the exchange; nothing is opened until <see cref="StartAsync"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A wait in <paramref name="options"/> is under a millisecond, negative or longer than a timer takes.</exception>
    public XenStoreExchange(XenStoreExchangeOptions options, ILogger<XenStoreExchange>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _journal = new ResponseJournal(options.StateDirectory, options.JournalCapacity, options.BootId ?? Platform.KernelBootId.Read());
        _sweeper = new ResponseSweeper(options.RequestDirectory, options.ResponseDirectory, options.ResponseRetention, options.Time, options.BeforeSweepRemoval, _logger, RepeatedWarningInterval);
        _connectionFailures = new RepeatedFailures(options.Time, RepeatedWarningInterval);
        _requestFailures = new RepeatedFailures(options.Time, RepeatedWarningInterval);
    }

    /// <summary>The session shared by this exchange's requests.</summary>
    public ExchangeSession Session { get; } = new();

    /// <summary>How many times the exchange has connected (1 after start, more after reconnects).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>How many requests were answered from the journal instead of being run again.</summary>
    public int AnsweredFromJournal => Volatile.Read(ref _answeredFromJournal);

    /// <summary>How many old responses were removed from <c>data/guest</c> (see <see cref="XenStoreExchangeOptions.ResponseRetention"/>).</summary>
    public int ResponsesRemoved => _sweeper.Removed;

    /// <summary>How many times <c>data/guest</c> was looked through for old responses.</summary>
    public int ResponseSweeps => _sweeper.Sweeps;

    /// <summary>Whether the exchange is polling because the watch could not be registered (or watches are off).</summary>
    public bool IsPolling { get; private set; }

    /// <summary>Loads the journal and starts watching in the background; returns without waiting for XenStore.</summary>
    /// <exception cref="InvalidOperationException">The exchange has already started.</exception>
    /// <exception cref="ObjectDisposedException">The exchange has been disposed.</exception>
    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        // Started after its disposal, the exchange would leave a pump that fails at once and a quiet
        // check whose timer nothing disposes, looking every 30 s for the rest of the process.
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_pump is not null)
        {
            throw new InvalidOperationException("The exchange has already started.");
        }

        var journal = _journal.Load();
        if (journal.Dropped > 0)
        {
            LogJournalOfEarlierBoot(journal.Dropped);
        }

        if (journal.Damaged > 0)
        {
            LogJournalDamaged(journal.Damaged);
        }

        if (journal.LeftWide is { } mode)
        {
            LogJournalLeftWide(_journal.FilePath, Convert.ToString((int)mode, 8));
        }

        // The agent serves without its journal rather than not at all: a full or read-only /var is
        // exactly when the operator needs a password or network reset to get in and fix it.
        if (journal.Failure is { } failure)
        {
            LogJournalUnavailable(_options.StateDirectory, failure.GetType().Name, failure.Message);
        }

        _pump = Task.Run(() => PumpAsync(_stopping.Token), CancellationToken.None);
        _quietCheck = new QuietXenStoreCheck(ServedClient, _logger, _options.Time, RepeatedWarningInterval);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A request that waited in the queue while earlier ones ran is checked against
    /// <c>data/host</c> first (one read): one the host has withdrawn meanwhile is dropped, not run
    /// (XenStoreExchange.Withdrawal.cs). One that arrives while the caller waits was read a moment
    /// ago and is handed out as it is.
    /// </remarks>
    public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_requests.Reader.TryRead(out var waited))
            {
                if (await IsStillRequestedAsync(waited, cancellationToken).ConfigureAwait(false))
                {
                    return waited;
                }

                continue;
            }

            if (!await _requests.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            if (_requests.Reader.TryRead(out var arrived))
            {
                return arrived;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Retries across reconnections until the response is delivered or <paramref name="cancellationToken"/> fires.</remarks>
    public async ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var json = Serialize(request.Id, response);
        var answered = request.Data ?? ReadOnlyMemory<byte>.Empty;
        var hash = ResponseJournal.Hash(answered.Span);
        var released = false;
        var journaled = false;

        try
        {
            // Journal first: from here on a crash answers this id from the journal, never by running it again.
            journaled = RecordInJournal(request.Id, hash, json, durable: !response.BoundToSession);
            ThrowIfDisposedBeforeDelivery(journaled);

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            var interruptions = 0;
            while (true)
            {
                var client = await CurrentClientAsync(linked.Token).ConfigureAwait(false);
                try
                {
                    var outcome = await WriteResponseAsync(client, request.Id, hash, json, linked.Token).ConfigureAwait(false);

                    // Answered: a request written under the same id from now on is a new one. Released
                    // once only: by the time of a retry the pump may have queued a new request under this id.
                    if (!released)
                    {
                        ReleasePending(request.Id);
                        released = true;
                    }

                    if (outcome == WriteOutcome.GivenUp)
                    {
                        await RemoveGivenUpAsync(client, request.Id, answered, linked.Token).ConfigureAwait(false);
                        return;
                    }

                    await RemoveAnsweredAsync(client, request.Id, answered, linked.Token).ConfigureAwait(false);
                    LogAnswered(HostTextForLog.Cap(request.Id), json.Length);
                    return;
                }
                catch (XenStoreConnectionException exception)
                {
                    // The pump reconnects (and warns about the connection); try again on the new connection.
                    if (interruptions++ == 0)
                    {
                        LogDeliveryRetry(HostTextForLog.Cap(request.Id), exception.Message);
                    }
                    else
                    {
                        LogDeliveryRetryAgain(HostTextForLog.Cap(request.Id), exception.Message, interruptions);
                    }

                    await Task.Delay(_options.ReconnectDelay, _options.Time, linked.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception exception) when (!released && IsDisposalOf(exception))
        {
            // Disposed while the answer waited for a connection: say where the answer went, not
            // which token or source the disposal cancelled.
            throw DisposedBeforeDelivery(journaled);
        }
        finally
        {
            if (!released)
            {
                ReleasePending(request.Id);
            }
        }
    }

    /// <summary>Stops watching, closes the connection and ends the request stream.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _quietCheck?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }

        await _sweeper.StopAsync().ConfigureAwait(false);

        _requests.Writer.TryComplete();
        _connected.TrySetCanceled();
        _stopping.Dispose();
    }

    /// <summary>
    /// The wire form of <paramref name="response"/>, or a <c>"500"</c> internal error when it has none
    /// (a custom parser's response without a return code): the host gets an answer either way, and
    /// the request is not left pending for ever.
    /// </summary>
    private byte[] Serialize(string id, AgentResponse response)
    {
        try
        {
            return response.ToUtf8Json();
        }
#pragma warning disable CA1031 // Whatever went wrong in the response, the request still gets an answer.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogResponseUnwritable(HostTextForLog.Cap(id), exception.GetType().Name);
            return ResponseWriter.Write(ReturnCodes.Error, ProtocolMessages.InternalError);
        }
    }

    /// <summary>
    /// Journals an answer. A journal that cannot be written (disk full, broken state directory) must
    /// not cost the answer: the command has run, so the host still gets its response.
    /// </summary>
    /// <returns>Whether the answer is in the journal's file (for the next start in this boot).</returns>
    private bool RecordInJournal(string id, string hash, byte[] json, bool durable)
    {
        try
        {
            var failing = _journal.WriteFailing;
            var inFile = _journal.Record(id, hash, json, durable);
            if (failing && inFile)
            {
                LogJournalWrittenAgain(HostTextForLog.Cap(id), _journal.FilePath);
            }

            return inFile;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogJournalFailed(HostTextForLog.Cap(id), _journal.FilePath, exception.GetType().Name, exception.Message);
            return false;
        }
    }

    private void ReleasePending(string id)
    {
        lock (_gate)
        {
            _pending.Remove(id);
        }
    }

    private async Task<XenStoreClient> CurrentClientAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<XenStoreClient> connected;
            lock (_gate)
            {
                connected = _connected.Task;
            }

            var client = await connected.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (client.IsConnected)
            {
                return client;
            }

            await Task.Delay(_options.ReconnectDelay, _options.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    // The connection the pump serves now, or null between connections (for the quiet check).
    private XenStoreClient? ServedClient()
    {
        lock (_gate)
        {
            return _connected.Task.IsCompletedSuccessfully ? _connected.Task.Result : null;
        }
    }

    private static TaskCompletionSource<XenStoreClient> NewConnectedSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore journal: {Count} answers of an earlier boot dropped (their requests are gone; a request under the same id now is new)")]
    private partial void LogJournalOfEarlierBoot(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore journal: {Count} damaged line(s) dropped and the file rewritten without them (a write cut short by a crash or a power cut, whose answer was never delivered, or by a full disk, whose answer was delivered without the journal; either way its request runs again if the host still waits)")]
    private partial void LogJournalDamaged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the response journal {Path} is readable by others (mode 0{Mode}) and cannot be made private (Read-only file system); its answers are used, and it is made 0600 when it is next rewritten or the agent next starts with the file system writable")]
    private partial void LogJournalLeftWide(string path, string mode);

    [LoggerMessage(Level = LogLevel.Error, Message = "XenStore journal in {Directory} cannot be used ({ExceptionType}: {Reason}); answers are kept in memory only, so a request seen again after a restart of the agent runs again")]
    private partial void LogJournalUnavailable(string directory, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "XenStore request {RequestId} answered ({Bytes} bytes)")]
    private partial void LogAnswered(string requestId, int bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "XenStore request {RequestId}: the response journal {JournalPath} could not be written ({ExceptionType}: {Reason}); answering without it, and keeping answers in memory only until it can be written again (each later answer tries it, without logging again), so a request seen again after a restart of the agent before then runs again")]
    private partial void LogJournalFailed(string requestId, string journalPath, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "XenStore request {RequestId}: the response could not be written ({ExceptionType}); answering with an internal error instead")]
    private partial void LogResponseUnwritable(string requestId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore request {RequestId}: delivery interrupted ({Reason}); retrying")]
    private partial void LogDeliveryRetry(string requestId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "XenStore request {RequestId}: delivery interrupted again ({Reason}, {Count} times); retrying")]
    private partial void LogDeliveryRetryAgain(string requestId, string reason, int count);
}
