using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using GuestAgent.Commands;
using GuestAgent.Protocol;

namespace GuestAgent.Generators.Tests.Infrastructure;

/// <summary>
/// Command assemblies compiled in memory and loaded into a collectible load context, served
/// through the real <see cref="NovaJsonParser"/>.
/// </summary>
internal sealed class LoadedCommands : IDisposable
{
    private readonly AssemblyLoadContext _context;
    private readonly Assembly _main;

    private LoadedCommands(AssemblyLoadContext context, Assembly main)
    {
        _context = context;
        _main = main;
    }

    /// <summary>Compiles the sources with the generator and loads the result.</summary>
    public static LoadedCommands Compile(params string[] sources) =>
        Load(TestCompiler.Build(TestCompiler.Compile(sources)));

    /// <summary>Loads <paramref name="main"/> and its in-memory dependencies.</summary>
    public static LoadedCommands Load(byte[] main, params byte[][] dependencies)
    {
        var context = new AssemblyLoadContext("commands", isCollectible: true);
        foreach (var dependency in dependencies)
        {
            context.LoadFromStream(new MemoryStream(dependency));
        }

        return new LoadedCommands(context, context.LoadFromStream(new MemoryStream(main)));
    }

    /// <summary>Calls the generated <c>AgentCommands.CreateRegistry</c> (internal, so through reflection in the test).</summary>
    public ICommandRegistry CreateRegistry(IServiceProvider? services = null)
    {
        var type = _main.GetType("GuestAgent.Generated.AgentCommands", throwOnError: true)!;
        var create = type.GetMethod("CreateRegistry", BindingFlags.Public | BindingFlags.Static)!;
        return (ICommandRegistry)create.Invoke(null, [services])!;
    }

    public Type GetType(string name) => _main.GetType(name, throwOnError: true)!;

    /// <summary>Sends one raw request through the legacy parser and returns the response JSON.</summary>
    public async Task<string> SendAsync(string request, IServiceProvider? services = null, ICommandRegistry? registry = null)
    {
        var parser = new NovaJsonParser(registry ?? CreateRegistry(services), services);
        var response = await parser.ParseRequestAsync(
            new AgentRequest("test", Encoding.UTF8.GetBytes(request), new ExchangeSession()),
            TestContext.Current.CancellationToken);
        return response.ToJson();
    }

    public void Dispose() => _context.Unload();
}
