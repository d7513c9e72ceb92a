using System.Text;
using BenchmarkDotNet.Attributes;
using GuestAgent.Protocol;

namespace GuestAgent.Benchmarks.Protocol;

/// <summary>
/// The fixed costs every dispatch strategy pays around the command itself: splitting the request
/// and writing the response. They bound how much faster any registry can be than another.
/// </summary>
[MemoryDiagnoser]
public class ProtocolBenchmarks
{
    private byte[] _request = null!;

    /// <summary>The request: compact, or spaced as Python's <c>json.dumps</c> writes it (Nova).</summary>
    [Params("compact", "nova")]
    public string Form { get; set; } = "compact";

    [GlobalSetup]
    public void Setup() => _request = Encoding.UTF8.GetBytes(Form == "compact"
        ? """{"name":"ping","value":""}"""
        : """{"name": "password", "value": "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8="}""");

    /// <summary>The fast path: <c>PlainRequestScanner</c>.</summary>
    [Benchmark]
    public bool Split_plain_request() =>
        PlainRequestScanner.TryRead(_request, out _, out _, out _, out _);

    /// <summary>The general path, which the fast path replaces for plain requests.</summary>
    [Benchmark(Baseline = true)]
    public int Split_with_Utf8JsonReader() =>
        (int)NovaRequestReader.ReadGeneral(_request, out _, out _, out _, out _);

    /// <summary>The response of <c>ping</c>.</summary>
    [Benchmark]
    public byte[] Write_response() => ResponseWriter.Write("0", "pong");

    /// <summary>The floor of any response: allocating its 35 bytes.</summary>
    [Benchmark]
    public byte[] Allocate_response_bytes() => new byte[35];
}
