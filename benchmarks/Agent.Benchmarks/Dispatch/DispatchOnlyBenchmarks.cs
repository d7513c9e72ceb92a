using System.Text;
using BenchmarkDotNet.Attributes;
using GuestAgent.Commands;
using GuestAgent.Protocol;

namespace GuestAgent.Benchmarks.Dispatch;

/// <summary>
/// Dispatch alone, without the request parse and response write that the protocol requires of every
/// strategy (<see cref="DispatchBenchmarks"/> measures those too): from the command name as the
/// request's UTF-8 bytes to the command's result, for the no-argument command.
/// </summary>
[MemoryDiagnoser]
public class DispatchOnlyBenchmarks
{
    private static readonly byte[] Name = "ping"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> EmptyValue = "\"\""u8.ToArray();
    private readonly CommandInvocation _invocation = new("bench", new ExchangeSession(), EmptyServiceProvider.Instance, CancellationToken.None);
    private ReflectionDispatcher _reflection = null!;
    private ICommandRegistry _generated = null!;
    private CommandExecutor _executor = null!;
    private AgentRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _reflection = new ReflectionDispatcher(typeof(BenchmarkCommands).Assembly);
        _generated = new GuestAgent.Generated.AgentBenchmarksCommandRegistry();
        _executor = new CommandExecutor(_generated);
        _request = new AgentRequest("bench", null, new ExchangeSession());
        if (Reflection() != Generated() || Generated() != Executor())
        {
            throw new InvalidOperationException("The dispatchers disagree on ping");
        }
    }

    /// <summary>A string-keyed table of <c>MethodInfo</c>s: decode the name, look it up, invoke.</summary>
    [Benchmark(Baseline = true)]
    public CommandResult Reflection()
    {
        var method = _reflection.Find(Encoding.UTF8.GetString(Name)) ?? throw new InvalidOperationException("unknown");
        return CommandResult.Ok((string?)method.Invoke(null, null) ?? "");
    }

    /// <summary>The generated <c>switch</c> on the UTF-8 name and the direct call.</summary>
    [Benchmark]
    public CommandResult Generated()
    {
        _generated.TryDispatch(Name, EmptyValue, _invocation, out var running);
        return running.Result;
    }

    /// <summary>
    /// The same through <see cref="CommandExecutor"/>, what a parser other than Nova's runs on: the
    /// dispatch with its exception guard, the logging check and the outcome's kind.
    /// </summary>
    [Benchmark]
    public CommandResult Executor()
    {
        var running = _executor.ExecuteAsync(Name, EmptyValue, _request, CancellationToken.None);
        return running.Result.Result;
    }
}
