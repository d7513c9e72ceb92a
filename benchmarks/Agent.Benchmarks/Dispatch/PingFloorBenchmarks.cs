using System.Text;
using BenchmarkDotNet.Attributes;
using GuestAgent.Commands;
using GuestAgent.Protocol;

namespace GuestAgent.Benchmarks.Dispatch;

/// <summary>
/// How far below the baseline any implementation of the no-argument request can go. <c>Floor</c>
/// does the least the protocol allows for exactly this request and nothing a registry would need:
/// it checks only the compact layout of these bytes (no other layout, no escapes, no general JSON),
/// calls <see cref="BenchmarkCommands.Ping"/> directly (no lookup, no binding, no error handling)
/// and writes the answer with the escape-free <see cref="ResponseWriter"/>. If <c>Floor</c> is not
/// 10× faster than <c>Reflection</c>, no registry can be.
/// </summary>
[MemoryDiagnoser]
public class PingFloorBenchmarks
{
    private static readonly byte[] Request = """{"name":"ping","value":""}"""u8.ToArray();
    private readonly ExchangeSession _session = new();
    private ReflectionDispatcher _reflection = null!;
    private NovaJsonParser _generated = null!;
    private AgentRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _reflection = new ReflectionDispatcher(typeof(BenchmarkCommands).Assembly);
        _generated = new NovaJsonParser(new GuestAgent.Generated.AgentBenchmarksCommandRegistry());
        _request = new AgentRequest("bench", Request, _session);
        var expected = Encoding.ASCII.GetString(Reflection());
        var floor = Encoding.ASCII.GetString(Floor());
        var generated = Encoding.ASCII.GetString(Generated());
        if (floor != expected || generated != expected)
        {
            throw new InvalidOperationException(
                $"The strategies disagree on ping: Reflection {expected}, Generated {generated}, Floor {floor}");
        }
    }

    /// <summary>The same baseline as <see cref="DispatchBenchmarks"/>.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Reflection() => _reflection.Handle(Request);

    /// <summary>The same generated path as <see cref="DispatchBenchmarks"/>.</summary>
    [Benchmark]
    public byte[] Generated() => DispatchBenchmarks.Answer(_generated, _request);

    /// <summary>The least work that still validates these bytes and writes a safe answer.</summary>
    [Benchmark]
    public byte[] Floor()
    {
        ReadOnlySpan<byte> data = Request;
        if (!data.StartsWith("{\"name\":\""u8) || !IsPlainString(data, 9, out var nameEnd) ||
            !data[(nameEnd + 1)..].StartsWith(",\"value\":\""u8) || !IsPlainString(data, nameEnd + 11, out var valueEnd) ||
            valueEnd != data.Length - 2 || data[^1] != (byte)'}' || !data[9..nameEnd].SequenceEqual("ping"u8))
        {
            throw new InvalidOperationException("Floor handles only the compact ping request.");
        }

        return ResponseWriter.Write(ReturnCodes.Success, BenchmarkCommands.Ping());
    }

    /// <summary>Whether a string's text from <paramref name="start"/> is printable ASCII without escapes up to its closing quote.</summary>
    private static bool IsPlainString(ReadOnlySpan<byte> data, int start, out int end)
    {
        for (end = start; end < data.Length; end++)
        {
            var c = data[end];
            if (c == (byte)'"')
            {
                return true;
            }

            if (c is < 0x20 or >= 0x7F or (byte)'\\')
            {
                return false;
            }
        }

        return false;
    }
}
