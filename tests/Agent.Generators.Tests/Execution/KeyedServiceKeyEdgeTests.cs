using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Keys at the edges of their types (the extremes, a negative zero, a surrogate
/// pair, an enum of <c>ulong</c> or <c>sbyte</c>): the registry's file writes each as a C# constant that must equal
/// the value the attribute holds, the one the provider is given here, as ActivatorUtilities would read it.
/// </summary>
public sealed class KeyedServiceKeyEdgeTests : IDisposable
{
    private const string Source = """
        using Microsoft.Extensions.DependencyInjection;
        using GuestAgent.Commands;

        namespace Sample;

        public enum Wide : ulong { Top = ulong.MaxValue }
        public enum Small : sbyte { Low = -128 }

        public interface ICache { string Name { get; } }

        public sealed class Cache(string name) : ICache { public string Name => name; }

        public sealed class Edges(
            [FromKeyedServices(long.MinValue)] ICache a, [FromKeyedServices(int.MinValue)] ICache b, [FromKeyedServices(ulong.MaxValue)] ICache c,
            [FromKeyedServices(float.MaxValue)] ICache d, [FromKeyedServices(-0.0f)] ICache e, [FromKeyedServices(double.MinValue)] ICache f,
            [FromKeyedServices(double.Epsilon)] ICache g, [FromKeyedServices('\uffff')] ICache h, [FromKeyedServices("\U0001F600x")] ICache i,
            [FromKeyedServices(Wide.Top)] ICache j, [FromKeyedServices(Small.Low)] ICache k, [FromKeyedServices((Small)(-1))] ICache l,
            [FromKeyedServices((sbyte)-128)] ICache m, [FromKeyedServices((short)short.MinValue)] ICache n, [FromKeyedServices(float.NaN)] ICache o)
        {
            [Command("edges")] public string Run() => string.Join(",", a.Name, b.Name, c.Name, d.Name, e.Name, f.Name, g.Name, h.Name, i.Name, j.Name, k.Name, l.Name, m.Name, n.Name, o.Name);
        }
        """;

    private readonly LoadedCommands _commands = KeyedServiceExecutionTests.Compile(Source);

    public void Dispose() => _commands.Dispose();

    [Fact]
    public async Task Each_edge_key_finds_the_service_registered_under_the_same_value()
    {
        object[] keys =
        [
            long.MinValue, int.MinValue, ulong.MaxValue, float.MaxValue, -0.0f, double.MinValue, double.Epsilon, '\uffff', "\U0001F600x",
            Enum.ToObject(_commands.GetType("Sample.Wide"), ulong.MaxValue), Enum.ToObject(_commands.GetType("Sample.Small"), (sbyte)-128),
            Enum.ToObject(_commands.GetType("Sample.Small"), (sbyte)-1), (sbyte)-128, short.MinValue, float.NaN,
        ];
        var services = new ServiceCollection();
        var cache = _commands.GetType("Sample.ICache");
        for (var i = 0; i < keys.Length; i++)
        {
            services.AddKeyedSingleton(cache, keys[i], Activator.CreateInstance(_commands.GetType("Sample.Cache"), ((char)('a' + i)).ToString())!);
        }

        using var provider = services.BuildServiceProvider();

        // ActivatorUtilities, reading the keys from the attributes, finds every one too.
        Assert.NotNull(ActivatorUtilities.CreateInstance(provider, _commands.GetType("Sample.Edges")));
        Assert.Empty(_commands.CreateRegistry(provider).FindMissingServices(provider));
        Assert.Equal("""{"returncode":"0","message":"a,b,c,d,e,f,g,h,i,j,k,l,m,n,o"}""", await _commands.SendAsync("""{"name":"edges"}""", provider));
    }
}
