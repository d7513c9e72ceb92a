using System.Text;
using BenchmarkDotNet.Attributes;
using GuestAgent.Benchmarks.Generator;
using GuestAgent.Commands;

namespace GuestAgent.Benchmarks.Dispatch;

/// <summary>
/// <c>TryDispatch</c> on one name in generated registries of 10, 100 and 1,000 commands, built at
/// set-up by the real generator. The name is the hardest one for a search among names of the same
/// length: a no-argument command near the end of the largest group of equal-length names.
/// </summary>
[MemoryDiagnoser]
public class ScaleDispatchBenchmarks
{
    private static readonly ReadOnlyMemory<byte> EmptyValue = "\"\""u8.ToArray();

    private GeneratedRegistry _loaded = null!;
    private ICommandRegistry _registry = null!;
    private CommandInvocation _invocation;
    private byte[] _known = null!;
    private byte[] _unknown = null!;

    /// <summary>Commands in the registry.</summary>
    [Params(10, 100, 1_000)]
    public int Commands { get; set; } = 10;

    [GlobalSetup]
    public void Setup()
    {
        var sources = CommandSources.Create(Commands, withJsonContext: false);
        _loaded = GeneratedRegistry.Build(sources);
        _registry = _loaded.Registry;
        _invocation = new CommandInvocation("bench", new ExchangeSession(), EmptyServiceProvider.Instance, CancellationToken.None);

        var largestGroup = sources.Commands.GroupBy(c => Encoding.UTF8.GetByteCount(c.Name)).MaxBy(g => g.Count())!;
        var name = largestGroup.Where(c => c.Shape == CommandShape.NoArgument).Select(c => c.Name).Order(StringComparer.Ordinal).Last();
        _known = Encoding.UTF8.GetBytes(name);
        _unknown = Encoding.UTF8.GetBytes(name[..^1] + "_");

        if (Known().Message != "ok" || Unknown())
        {
            throw new InvalidOperationException($"Dispatching {name} in {Commands} commands went wrong.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _loaded.Dispose();

    /// <summary>A known name: find it, call the command, take its result.</summary>
    [Benchmark(Baseline = true)]
    public CommandResult Known()
    {
        _registry.TryDispatch(_known, EmptyValue, _invocation, out var result);
        return result.Result;
    }

    /// <summary>A name of the same length that no command has (the last byte differs).</summary>
    [Benchmark]
    public bool Unknown() => _registry.TryDispatch(_unknown, EmptyValue, _invocation, out _);
}
