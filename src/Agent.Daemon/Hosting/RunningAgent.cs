using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Verbs;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Transports;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// One agent serving one XenStore exchange: used by <c>run</c> and, in-process, by <c>demo</c>. It
/// connects once up front (so an unreachable XenStore fails at start with a clear error rather than
/// retrying silently), warns once when the domain it was told to serve is not in XenStore (yet),
/// hands that connection to the exchange, knows when it is ready for systemd (connected, and past a
/// <c>resetnetwork</c> that was already waiting), and which requests are being served.
/// </summary>
internal sealed partial class RunningAgent
{
    private readonly AgentSettings _settings;
    private readonly AgentComposition _composition;
    private readonly ILoggerFactory _loggers;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _resetNetworkAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private XenStoreClient? _firstConnection;
    private bool _resetNetworkPending;

    public RunningAgent(AgentSettings settings, AgentComposition composition, ILoggerFactory loggers)
    {
        _settings = settings;
        _composition = composition;
        _loggers = loggers;
    }

    /// <summary>The XenStore endpoint in use, for logs.</summary>
    public string Description { get; private set; } = "XenStore";

    /// <summary>
    /// Opens the first XenStore connection, warns when the domain path or its <c>data/host</c> does not
    /// exist (served anyway: the host may create them later; a guest's own <c>data/host</c> is created by
    /// the exchange, without a warning), and looks for a queued <c>resetnetwork</c>.
    /// </summary>
    /// <remarks>
    /// A XenStore that accepts and never answers is waited for (it may be starting), with a warning
    /// now and then (<see cref="XenStoreStartupWait"/>) until this returns or is cancelled.
    /// </remarks>
    /// <exception cref="Cli.DaemonException">XenStore cannot be reached.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var logger = _loggers.CreateLogger("guest-agent");
        using var waiting = new XenStoreStartupWait(_settings.XenStorePath ?? XenStoreEndpoint.Candidates()[0], logger, Time);
        var client = await XenStoreConnector.ConnectAsync(_settings.XenStorePath, cancellationToken).ConfigureAwait(false);
        waiting.Connected(client.Description);
        Description = client.Description;
        // The directory the exchange will serve, by the exchange's own rule.
        var requests = AgentComposition.ExchangeOptions(_settings, ConnectAsyncForExchange).RequestDirectory;
        // Checked here rather than in a method of its own: code every start runs that the layout list
        // (hot-methods.order) does not name costs resident memory; TryReadAsync is on it already.
        // With --domain-path, the domain and its data/host must exist: nothing creates them for us.
        // Without it, the home is the connection's own. A guest's home is set up by its toolstack, which
        // writes ~/domid (xenstore-paths); data/host may be missing there, and the exchange creates it as
        // the original agent does, so there is nothing to warn about. On dom0's home (domid 0: a
        // privileged socket connection) or a home without ~/domid, no host ever writes requests, so a
        // missing data/host is the sign of a connection serving the wrong home.
        string? missing = null;
        var requestsExist = false;
        try
        {
            if (_settings.DomainPath is { } domainPath && await client.TryReadAsync(domainPath, cancellationToken).ConfigureAwait(false) is null)
            {
                missing = domainPath;
            }
            else
            {
                requestsExist = await client.TryReadAsync(requests, cancellationToken).ConfigureAwait(false) is not null;
                var guestHome = _settings.DomainPath is null
                    && await client.TryReadAsync("domid", cancellationToken).ConfigureAwait(false) is { } domid
                    && !domid.AsSpan().SequenceEqual("0"u8);
                missing = requestsExist || guestHome ? null : requests;
            }
        }
        catch (XenStoreErrorException)
        {
            // Not readable by this connection (EACCES): the exchange reports its own errors.
        }

        if (missing is not null)
        {
            if (_settings.DomainPath is { } domain)
            {
                LogDomainMissing(logger, missing, domain, requests);
            }
            else
            {
                LogOwnRequestsMissing(logger, requests);
            }
        }

        if (requestsExist)
        {
            // Nothing can be waiting where there is no node, and listing it would only fail.
            _resetNetworkPending = await PendingRequestProbe.HasResetNetworkAsync(client, requests, cancellationToken).ConfigureAwait(false);
        }

        _firstConnection = client;
    }

    /// <summary>Serves until <paramref name="stoppingToken"/> is cancelled; the request in progress is finished.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // Replays from the journal are answers too: the watch must hear of them (they start only once the exchange runs).
        ResetNetworkWatch? watch = null;
        var inner = AgentComposition.CreateExchange(_settings, _loggers, ConnectAsyncForExchange, (_, request) => watch?.NoticeAnswered(request.Span));
        await using var exchange = watch = new ResetNetworkWatch(inner, _resetNetworkAnswered);
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = _settings.ShutdownTimeout }, new CategoryLogger<AgentHost>(_loggers, nameof(AgentHost)));
        Volatile.Write(ref _host, host);
        host.Register(exchange, _composition.Parser);
        await host.RunAsync(stoppingToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes when systemd may be told READY=1: the exchange is connected and, when a
    /// <c>resetnetwork</c> was waiting at start, it has been answered (or <paramref name="resetNetworkWait"/>
    /// has passed). Throws when <paramref name="serving"/> fails first.
    /// </summary>
    public async Task WhenReadyAsync(TimeSpan resetNetworkWait, Task serving)
    {
        await Task.WhenAny(_connected.Task, serving).ConfigureAwait(false);
        if (serving.IsCompleted)
        {
            await serving.ConfigureAwait(false);
            return;
        }

        if (_resetNetworkPending)
        {
            await Task.WhenAny(_resetNetworkAnswered.Task, serving, Task.Delay(resetNetworkWait)).ConfigureAwait(false);
        }
    }

    private async Task<XenStoreClient> ConnectAsyncForExchange(CancellationToken cancellationToken)
    {
        // The connection opened (and checked) at start serves first; reconnections open new ones.
        var client = Interlocked.Exchange(ref _firstConnection, null)
            ?? await XenStoreClient.ConnectAsync(_settings.XenStorePath, cancellationToken).ConfigureAwait(false);
        _connected.TrySetResult();
        return client;
    }

    // Declared last, after every member above (Time too): the compiler numbers async state machines by
    // member position, and the layout list (hot-methods.order) names them.
    private AgentHost? _host;

    /// <summary>The requests being served at this moment (none before serving starts): what a second stop signal abandons.</summary>
    public IReadOnlyList<AgentRequest> RequestsInProgress => Volatile.Read(ref _host)?.RequestsInProgress ?? [];

    /// <summary>The clock of the warnings while start-up waits for XenStore (<see cref="XenStoreStartupWait"/>): the system's; a test's manual one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Missing} does not exist in XenStore: serving {Domain} anyway, but its requests are seen only once the host creates {Requests} (is --domain-path or 'xenstore.domainPath' the domain meant?)")]
    private static partial void LogDomainMissing(ILogger logger, string missing, string domain, string requests);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Requests} does not exist in XenStore under the connection's own home: serving it anyway, but requests are seen only once the host creates it (on a privileged connection, such as dom0's, name the guest's home with --domain-path or 'xenstore.domainPath')")]
    private static partial void LogOwnRequestsMissing(ILogger logger, string requests);
}
