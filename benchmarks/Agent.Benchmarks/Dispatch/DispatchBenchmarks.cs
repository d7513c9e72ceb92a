using System.Text;
using BenchmarkDotNet.Attributes;
using GuestAgent.Commands;
using GuestAgent.Protocol;

namespace GuestAgent.Benchmarks.Dispatch;

/// <summary>
/// Raw request JSON → response JSON for the same commands and the same request bytes, through three
/// registries: the generated one, a reflection-built one (the run-time registration the generator
/// replaces; the baseline) and a dictionary of hand-written delegates.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private readonly ExchangeSession _session = new();
    private ReflectionDispatcher _reflection = null!;
    private DelegateDispatcher _delegates = null!;
    private NovaJsonParser _generated = null!;
    private byte[] _requestBytes = null!;
    private AgentRequest _request = null!;

    /// <summary>The request: a command without arguments, or one with three typed parameters.</summary>
    [Params("ping", "scale")]
    public string Command { get; set; } = "ping";

    [GlobalSetup]
    public void Setup()
    {
        _reflection = new ReflectionDispatcher(typeof(BenchmarkCommands).Assembly);
        _delegates = new DelegateDispatcher();
        _generated = new NovaJsonParser(new GuestAgent.Generated.AgentBenchmarksCommandRegistry());
        _requestBytes = Encoding.UTF8.GetBytes(Command == "ping"
            ? """{"name":"ping","value":""}"""
            : """{"name":"scale","value":{"value":21,"factor":2,"negate":true}}""");
        _request = new AgentRequest("bench", _requestBytes, _session);

        // Every strategy must give the same answer, or the comparison means nothing.
        var expected = Encoding.ASCII.GetString(Generated());
        if (Encoding.ASCII.GetString(Reflection()) != expected || Encoding.ASCII.GetString(Delegates()) != expected)
        {
            throw new InvalidOperationException($"The dispatchers disagree on {Command}: {expected}");
        }
    }

    [Benchmark(Baseline = true)]
    public byte[] Reflection() => _reflection.Handle(_requestBytes);

    [Benchmark]
    public byte[] Delegates() => _delegates.Handle(_requestBytes);

    [Benchmark]
    public byte[] Generated() => Answer(_generated, _request);

    /// <summary>The generated path end to end: the parser over the generated registry, then the response writer.</summary>
    internal static byte[] Answer(NovaJsonParser parser, AgentRequest request)
    {
        var running = parser.ExecuteAsync(request, CancellationToken.None);
        var result = running.IsCompletedSuccessfully ? running.Result : running.AsTask().GetAwaiter().GetResult();
        return ResponseWriter.Write(result.ReturnCode, result.Message);
    }
}
