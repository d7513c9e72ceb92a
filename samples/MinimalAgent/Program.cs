// A complete agent built from the GuestAgent packages: the built-in commands, the team's own
// commands (samples/CustomCommands) and this application's, composed at compile time into one
// registry by the generator (GuestAgent.Generated.AgentCommands).
//
//   MinimalAgent [--root DIR]                                    serve request lines from stdin
//   MinimalAgent --xenstore SOCKET --domain-path PATH [--root DIR]  serve XenStore until SIGTERM or Ctrl+C
using GuestAgent.Commands;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Exchanges;
using GuestAgent.Generated;
using GuestAgent.Hosting;
using GuestAgent.Platform;
using GuestAgent.Protocol;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using Microsoft.Extensions.Logging;
using MinimalAgent;

// First, before the console is touched: SIGTERM and SIGINT stop the agent even when whatever
// started it left them ignored (a shell's `MinimalAgent &` ignores SIGINT; .NET then never sees it).
InheritedStopSignals.Restore();

var options = AgentOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: MinimalAgent [--root DIR] [--xenstore SOCKET --domain-path PATH]");
    return 2;
}

// Logs go to standard error: standard output carries the responses. Serving standard input, only
// warnings and errors (an error answer, a missing service): one request at a time, read by a person.
using var loggers = LoggerFactory.Create(logging => logging
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
    .SetMinimumLevel(options.XenStoreSocket is null ? LogLevel.Warning : LogLevel.Information));

// Everything the built-in commands change lives under the root; unless told otherwise, a temporary
// one, removed when the agent ends.
using var agentRoot = AgentRoot.Open(options.Root);
var root = agentRoot.Path;
var exchangeOptions = options.XenStoreSocket is { } socket
    ? new XenStoreExchangeOptions
    {
        Endpoint = socket,
        DomainPath = options.DomainPath,
        StateDirectory = Path.Combine(root, "var/lib/guest-agent"),
    }
    : null;

// As the guest-agent daemon composes itself: the built-in commands' services (resetnetwork reads
// vm-data from the XenStore served, or finds none on standard input), then the registry and parser.
var services = exchangeOptions is null
    ? new ServiceMap().AddBuiltInCommands(AgentSystem.ForRoot(root), new InMemoryVmDataSource([]), loggers)
    : new ServiceMap().AddBuiltInCommands(AgentSystem.ForRoot(root), exchangeOptions, loggers);
var registry = AgentCommands.CreateRegistry(services);
var parser = new NovaJsonParser(registry, services, loggers.CreateLogger<NovaJsonParser>());

// Said at start rather than at each command's first request: a service a command class needs and
// nobody registered. That command answers "500" until it is; the others are served.
var log = loggers.CreateLogger("MinimalAgent");
foreach (var missing in registry.FindMissingServices(services))
{
    log.LogError("{Missing}: command '{Command}' will answer '500'", missing, missing.CommandName);
}

// SIGTERM (systemctl stop, kill) or Ctrl+C: the first stops gracefully, the request in progress
// is finished and answered; a second ends the process at once, saying what it abandons. SIGHUP
// would end it mid-request: there is nothing to reload, so it is logged and ignored.
var host = new AgentHost(logger: loggers.CreateLogger<AgentHost>());
using var signals = new ShutdownSignals(
    onStopping: signal => log.LogInformation("Stopping on {Signal}; finishing first: {Requests}",
        signal, host.RequestsInProgress.Count == 0 ? "(no request in progress)" : string.Join(", ", host.RequestsInProgress.Select(request => request.Id))),
    onAbandoning: signal => log.LogWarning("Stopping at once on a second {Signal}; abandoned: {Requests}",
        signal, string.Join(", ", host.RequestsInProgress.Select(request => request.Id))),
    onHangup: () => log.LogWarning("SIGHUP ignored: nothing to reload"));
var stop = signals.Token;

// A stop can come at any moment, before serving too (Ctrl+C while recovering, connecting or
// starting the exchange): the call it interrupts then throws OperationCanceledException, caught
// below, and the agent ends as it does after serving, with exit code 0 and no stack trace.
try
{
    // Before serving: what a resetnetwork, agentupdate or kmsactivate the last run was killed in left.
    await BuiltInCommands.RecoverAsync(services, stop);

    if (exchangeOptions is not null)
    {
        // Fail at start when the socket is not there; once serving, the exchange reconnects for ever.
        try
        {
            await (await XenStoreClient.ConnectAsync(exchangeOptions.Endpoint, stop)).DisposeAsync();
        }
        catch (XenStoreConnectionException exception)
        {
            Console.Error.WriteLine($"XenStore is unreachable: {exception.Message}");
            return 1;
        }

        await using var xenstore = new XenStoreExchange(exchangeOptions, loggers.CreateLogger<XenStoreExchange>());
        await host.Register(xenstore, parser).RunAsync(stop);
        return 0;
    }

    await using var exchange = new InMemoryExchange();
    var serving = host.Register(exchange, parser).RunAsync(stop);

    // Console.ReadLine cannot be cancelled: lines are read on their own task, so a stop ends the
    // agent at once (after the request being served, whose answer is still printed), and end of
    // input (Ctrl+D) ends it too.
    var lines = ReadLinesAsync(stop);
    try
    {
        await foreach (var line in lines)
        {
            // Not cancelled by the stop: a request the host took is answered, one it did not take fails.
            var response = await exchange.SendAsync(line);
            Console.WriteLine(response.ToJson());
        }
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        // Stopped: the host answers no more requests.
    }

    exchange.Complete();
    await serving;
    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    // Stopped before serving began: nothing was taken, nothing to finish.
    return 0;
}

static async IAsyncEnumerable<string> ReadLinesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
{
    while (await Task.Run(Console.ReadLine, CancellationToken.None).WaitAsync(cancellationToken) is { } line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            yield return line;
        }
    }
}
