using System.Reflection;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Constructor parameters whose handling session 35 checked against <see cref="ActivatorUtilities"/>
/// (10.0.0) on a real provider: an unbound generic type as a key, a <c>[ServiceKey]</c> parameter,
/// and a keyed parameter with a default under the check at start.
/// </summary>
public sealed class KeyedServiceActivatorAgreementTests : IDisposable
{
    private const string Source = """
        using System.Collections.Generic;
        using GuestAgent.Commands;
        using Microsoft.Extensions.DependencyInjection;

        namespace Sample;

        public interface ICache { string Name { get; } }

        public sealed class Cache(string name) : ICache { public string Name => name; }

        public sealed class Unbound([FromKeyedServices(typeof(List<>))] ICache list, [FromKeyedServices(typeof(Dictionary<,>))] ICache map)
        {
            public string Run() => list.Name + "+" + map.Name;
            [Command("unbound")] public string Command() => Run();
        }

        public sealed class Keyed([ServiceKey] string key)
        {
            public string Run() => key;
            [Command("servicekey")] public string Command() => Run();
        }

        public sealed class Defaulted([FromKeyedServices("absent")] ICache? cache = null, [FromKeyedServices("absent")] ICache? again = null)
        {
            public string Run() => (cache ?? again)?.Name ?? "default";
            [Command("defaulted")] public string Command() => Run();
        }
        """;

    private readonly LoadedCommands _commands = KeyedServiceExecutionTests.Compile(Source);

    public void Dispose() => _commands.Dispose();

    private Type CacheType => _commands.GetType("Sample.ICache");

    private object Cache(string name) => Activator.CreateInstance(_commands.GetType("Sample.Cache"), name)!;

    [Fact]
    public async Task An_unbound_generic_type_is_a_key_as_ActivatorUtilities_reads_it()
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton(CacheType, typeof(List<>), Cache("list"));
        services.AddKeyedSingleton(CacheType, typeof(Dictionary<,>), Cache("map"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal("""{"returncode":"0","message":"list+map"}""", await _commands.SendAsync("""{"name":"unbound"}""", provider));
        Assert.Equal("list+map", Activate("Sample.Unbound", provider));
        Assert.Equal(
            [("typeof(System.Collections.Generic.List<>)", (object)typeof(List<>)), ("typeof(System.Collections.Generic.Dictionary<,>)", typeof(Dictionary<,>))],
            _commands.CreateRegistry(provider).GetRequiredServices().Where(s => s.CommandName == "unbound").Select(s => (s.ServiceKeyText!, s.ServiceKey!)));
    }

    /// <summary>
    /// ActivatorUtilities passes a <c>[ServiceKey]</c> parameter the unkeyed service of its type (the
    /// key is given only to a class the container creates as a keyed service, which a command's never is):
    /// so does the registry, and the parameter is a required service like any other.
    /// </summary>
    [Fact]
    public async Task A_ServiceKey_parameter_gets_the_unkeyed_service_of_its_type_as_ActivatorUtilities_gives_it()
    {
        var services = new ServiceCollection();
        services.AddSingleton("unkeyed text");
        using var provider = services.BuildServiceProvider();
        using var empty = new ServiceCollection().BuildServiceProvider();

        Assert.Equal("""{"returncode":"0","message":"unkeyed text"}""", await _commands.SendAsync("""{"name":"servicekey"}""", provider));
        Assert.Equal("unkeyed text", Activate("Sample.Keyed", provider));
        var missing = Assert.Single(new FilteredCommandRegistry(_commands.CreateRegistry(empty), ["servicekey"]).FindMissingServices(empty));
        Assert.Equal("Command class 'Sample.Keyed' needs the service 'string', which is not registered", missing.ToString());
        Assert.Throws<InvalidOperationException>(() => Activate("Sample.Keyed", empty));
    }

    /// <summary>
    /// A keyed parameter with a default: the default stands in for a key not registered, not for a
    /// provider without keyed services, on which both the registry and ActivatorUtilities fail the
    /// class. The check at start says so (it said nothing before session 35), once for the two parameters.
    /// </summary>
    [Fact]
    public void The_check_at_start_reports_a_defaulted_keyed_parameter_only_to_a_provider_without_keyed_services()
    {
        var plain = new ServiceMap();
        using var keyed = new ServiceCollection().BuildServiceProvider();

        var missing = Assert.Single(new FilteredCommandRegistry(_commands.CreateRegistry(plain), ["defaulted"]).FindMissingServices(plain));
        Assert.Empty(new FilteredCommandRegistry(_commands.CreateRegistry(keyed), ["defaulted"]).FindMissingServices(keyed));

        Assert.True(missing.HasDefault);
        Assert.Equal(
            "Command class 'Sample.Defaulted' needs the service 'Sample.ICache' with the key \"absent\", which the service provider cannot supply: it has no keyed services (the parameter's default stands in only for a key not registered)",
            missing.ToString());
        Assert.Throws<MissingServiceException>(() => Dispatch("defaulted", plain));
        Assert.Throws<InvalidOperationException>(() => Activate("Sample.Defaulted", plain));
        Assert.Equal("default", Activate("Sample.Defaulted", keyed));
    }

    [Fact]
    public void A_keyed_parameter_with_and_one_without_a_default_under_one_key_make_a_required_entry()
    {
        using var commands = KeyedServiceExecutionTests.Compile("""
            using GuestAgent.Commands;
            using Microsoft.Extensions.DependencyInjection;

            namespace Sample;

            public interface IStore { }

            public sealed class Mixed([FromKeyedServices("k")] IStore? must, [FromKeyedServices("k")] IStore? maybe = null)
            {
                [Command("mixed")] public string Run() => $"{maybe}{must}";
            }
            """);

        var entry = Assert.Single(commands.CreateRegistry().GetRequiredServices());

        Assert.False(entry.HasDefault);
        Assert.Equal("\"k\"", entry.ServiceKeyText);
    }

    private string Activate(string commandClass, IServiceProvider provider)
    {
        var type = _commands.GetType(commandClass);
        var instance = ActivatorUtilities.CreateInstance(provider, type);
        return (string)type.GetMethod("Run", BindingFlags.Public | BindingFlags.Instance)!.Invoke(instance, null)!;
    }

    private void Dispatch(string command, IServiceProvider provider) =>
        _commands.CreateRegistry(provider).TryDispatch(System.Text.Encoding.UTF8.GetBytes(command), default, new CommandInvocation("id", new ExchangeSession(), EmptyServiceProvider.Instance, default), out _);
}
