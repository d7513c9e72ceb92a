// A complete agent built from the GuestAgent packages: the built-in commands, the team's own
// commands (samples/CustomCommands) and this application's, composed at compile time into one
// registry by the generator (GuestAgent.Generated.AgentCommands).
//
//   MinimalAgent [--root DIR]                                    serve request lines from stdin
//   MinimalAgent --xenstore SOCKET --domain-path PATH [--root DIR]  serve XenStore until Ctrl+C
using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Generated;
using GuestAgent.Hosting;
using GuestAgent.Platform;
using GuestAgent.Protocol;
using MinimalAgent;

var options = AgentOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: MinimalAgent [--root DIR] [--xenstore SOCKET --domain-path PATH]");
    return 2;
}

// Everything the built-in commands change lives under the root; a temporary one unless told otherwise.
var root = options.Root ?? Directory.CreateTempSubdirectory("minimal-agent-").FullName;
var services = new ServiceMap().Add(TimeProvider.System);
AgentSystem.ForRoot(root).AddTo(services);
var registry = AgentCommands.CreateRegistry(services);

var parser = new NovaJsonParser(registry, services);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

if (options.XenStoreSocket is { } socket)
{
    await using var xenstore = new XenStoreExchange(new XenStoreExchangeOptions
    {
        Endpoint = socket,
        DomainPath = options.DomainPath,
        StateDirectory = Path.Combine(root, "var/lib/guest-agent"),
    });
    await new AgentHost().Register(xenstore, parser).RunAsync(stop.Token);
    return 0;
}

await using var exchange = new InMemoryExchange();
var host = new AgentHost().Register(exchange, parser);
var serving = host.RunAsync(stop.Token);

// Console.ReadLine cannot be cancelled: lines are read on their own task, so Ctrl+C ends the
// agent at once (after the request being served), and end of input (Ctrl+D) ends it too.
var lines = ReadLinesAsync(stop.Token);
try
{
    await foreach (var line in lines)
    {
        var response = await exchange.SendAsync(line, cancellationToken: stop.Token);
        Console.WriteLine(response.ToJson());
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    // Ctrl+C: the host has stopped and answers no more requests.
}

exchange.Complete();
await serving;
return 0;

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
