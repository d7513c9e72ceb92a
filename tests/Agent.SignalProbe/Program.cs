// A host served through GuestAgent.Hosting.ShutdownSignals, driven line by line on standard input
// and saying on standard output what happens, for tests/Agent.Tests/Hosting/ShutdownSignalsTests:
//
//   GuestAgent.SignalProbe [--restore-stop-signals] [--catch-hangup] [--throwing-callbacks]
//   (--restore-stop-signals: calls InheritedStopSignals.Restore first thing and says what it changed;
//   --throwing-callbacks: the stopping and hangup callbacks, and a callback on the token, throw
//   after saying their line: the process must still stop gracefully, or keep serving)
//   stdin:  "send ID"   submits request ID; its command waits for "release"
//           "release"   lets the command in progress answer
//   stdout: "restored SIGTERM,SIGINT" (or fewer), "ready", "taken ID", "stopping SIGTERM", "answered ID", "not taken ID",
//           "abandoning SIGINT: ID,…", "hangup ignored", "stopped"
using System.Collections.Concurrent;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.SignalProbe;

// Before the console is touched, as an agent's Main does.
var restored = args.Contains("--restore-stop-signals") ? InheritedStopSignals.Restore() : null;
var output = new ProbeOutput();
if (restored is not null)
{
    output.Say($"restored {string.Join(',', restored)}");
}

var release = new ConcurrentQueue<TaskCompletionSource>();
AgentHost? host = null;
var throwing = args.Contains("--throwing-callbacks");
using var signals = new ShutdownSignals(
    signal =>
    {
        output.Say($"stopping {signal}");
        if (throwing)
        {
            throw new InvalidOperationException("stopping callback failed");
        }
    },
    signal => output.Say($"abandoning {signal}: {string.Join(',', host?.RequestsInProgress.Select(request => request.Id) ?? [])}"),
    args.Contains("--catch-hangup")
        ? () =>
        {
            output.Say("hangup ignored");
            if (throwing)
            {
                throw new InvalidOperationException("hangup callback failed");
            }
        }
        : null);
using var failingCallback = throwing ? signals.Token.Register(() => throw new InvalidOperationException("token callback failed")) : default;

await using var exchange = new InMemoryExchange();
host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromMinutes(10) }).Register(exchange, new WaitingParser(output, release));
var serving = host.RunAsync(signals.Token);
await host.WhenServing;
output.Say("ready");

var answers = new ConcurrentQueue<Task>();
// Read on a thread of its own for the whole run, stopping or not: the command in progress still
// waits for its release after a stop signal. Console.ReadLine cannot be cancelled; the process
// ending takes the thread along.
_ = Task.Run(() =>
{
    while (Console.ReadLine() is { } line)
    {
        if (line.StartsWith("send ", StringComparison.Ordinal))
        {
            var id = line[5..];
            answers.Enqueue(exchange.SendAsync("{}", id).ContinueWith(answer => output.Say(answer.IsCompletedSuccessfully ? $"answered {id}" : $"not taken {id}"), TaskScheduler.Default));
        }
        else if (line == "release" && release.TryDequeue(out var waiting))
        {
            waiting.TrySetResult();
        }
    }
});

await serving;
await Task.WhenAll(answers);
output.Say("stopped");
return 0;
