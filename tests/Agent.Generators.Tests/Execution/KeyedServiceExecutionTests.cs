using System.Reflection;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// <c>[FromKeyedServices(key)]</c> constructor parameters, compiled in memory and served against a
/// real Microsoft.Extensions.DependencyInjection provider, each compared with what
/// <see cref="ActivatorUtilities"/> (10.0.0) makes of the same class on the same provider.
/// </summary>
public sealed class KeyedServiceExecutionTests : IDisposable
{
    private const string Source = """
        using System;
        using GuestAgent.Commands;
        using Microsoft.Extensions.DependencyInjection;

        namespace Sample;

        public enum Tier : byte { Bronze, Gold }

        public interface ICache { string Name { get; } }

        public sealed class Cache(string name) : ICache { public string Name => name; }

        public sealed class Required([FromKeyedServices("fast")] ICache fast, ICache plain)
        {
            public string Run() => fast.Name + "+" + plain.Name;
            [Command("required")] public string Command() => Run();
        }

        public sealed class Defaulted([FromKeyedServices("absent")] ICache? cache = null)
        {
            public string Run() => cache?.Name ?? "default";
            [Command("defaulted")] public string Command() => Run();
        }

        public sealed class NullableKeyed([FromKeyedServices("absent")] ICache? cache)
        {
            public string Run() => cache?.Name ?? "null";
            [Command("nullable")] public string Command() => Run();
        }

        public sealed class Unkeyed([FromKeyedServices(null)] ICache byNull, [FromKeyedServices] ICache inherited)
        {
            public string Run() => byNull.Name + "+" + inherited.Name;
            [Command("unkeyed")] public string Command() => Run();
        }

        public sealed class Keys(
            [FromKeyedServices(Tier.Gold)] ICache gold,
            [FromKeyedServices((Tier)9)] ICache nine,
            [FromKeyedServices(7)] ICache seven,
            [FromKeyedServices(7L)] ICache sevenLong,
            [FromKeyedServices((byte)7)] ICache sevenByte,
            [FromKeyedServices((short)-7)] ICache minusSeven,
            [FromKeyedServices(7UL)] ICache sevenULong,
            [FromKeyedServices(typeof(Tier))] ICache type,
            [FromKeyedServices("quo\"te\\\n\u2028")] ICache odd,
            [FromKeyedServices('\'')] ICache quote,
            [FromKeyedServices(true)] ICache yes,
            [FromKeyedServices(1.5)] ICache half,
            [FromKeyedServices(double.NaN)] ICache nan,
            [FromKeyedServices(0.25f)] ICache quarter)
        {
            public string Run() => string.Join(",", gold.Name, nine.Name, seven.Name, sevenLong.Name, sevenByte.Name, minusSeven.Name, sevenULong.Name, type.Name, odd.Name, quote.Name, yes.Name, half.Name, nan.Name, quarter.Name);
            [Command("keys")] public string Command() => Run();
        }
        """;

    /// <summary>Every key of <c>Keys</c>, each with the name of the cache registered under it.</summary>
    private (object Key, string Name)[] KeysRegistered =>
    [
        (Tier("Gold"), "gold"), (Enum.ToObject(TierType, 9), "nine"), (7, "int"), (7L, "long"), ((byte)7, "byte"), ((short)-7, "short"),
        (7UL, "ulong"), (TierType, "type"), ("quo\"te\\\n\u2028", "odd"), ('\'', "char"), (true, "bool"), (1.5, "double"),
        (double.NaN, "nan"), (0.25f, "float"),
    ];

    private readonly LoadedCommands _commands = Compile(Source);

    private Type TierType => _commands.GetType("Sample.Tier");

    public void Dispose() => _commands.Dispose();

    /// <summary>The sources compiled as a command assembly that references Microsoft.Extensions.DependencyInjection.Abstractions.</summary>
    internal static LoadedCommands Compile(string source) =>
        LoadedCommands.Load(TestCompiler.Build(TestCompiler.CompileAssembly("Tests.Commands", [DependencyInjection], source)));

    internal static readonly MetadataReference DependencyInjection = MetadataReference.CreateFromFile(typeof(IKeyedServiceProvider).Assembly.Location);

    private object Tier(string name) => Enum.Parse(TierType, name);

    private object Cache(string name) => Activator.CreateInstance(_commands.GetType("Sample.Cache"), name)!;

    private ServiceProvider Everything()
    {
        var services = new ServiceCollection();
        var cache = _commands.GetType("Sample.ICache");
        services.AddSingleton(cache, Cache("plain"));
        services.AddKeyedSingleton(cache, "fast", Cache("fast"));
        services.AddKeyedSingleton(cache, "slow", Cache("slow"));
        foreach (var (key, name) in KeysRegistered)
        {
            services.AddKeyedSingleton(cache, key, Cache(name));
        }

        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData("required", "fast+plain")]
    [InlineData("defaulted", "default")]
    [InlineData("unkeyed", "plain+plain")]
    [InlineData("keys", "gold,nine,int,long,byte,short,ulong,type,odd,char,bool,double,nan,float")]
    public async Task Each_key_chooses_the_instance_ActivatorUtilities_chooses(string command, string expected)
    {
        using var provider = Everything();

        var answer = await _commands.SendAsync($$"""{"name":"{{command}}"}""", provider);

        Assert.Equal($$"""{"returncode":"0","message":"{{expected}}"}""", answer);
        Assert.Equal(expected, Activate(ClassOf(command), provider));
    }

    [Fact]
    public void A_nullable_keyed_parameter_without_a_default_is_required_as_ActivatorUtilities_has_it()
    {
        using var provider = Everything();

        var exception = Assert.Throws<MissingServiceException>(() => Dispatch("nullable", provider));

        Assert.Equal("Command class 'Sample.NullableKeyed' needs the service 'Sample.ICache' with the key \"absent\", which is not registered", exception.Message);
        Assert.Equal(("Sample.NullableKeyed", "Sample.ICache", "\"absent\""), (exception.CommandClass, exception.Service, exception.ServiceKeyText));
        Assert.Throws<InvalidOperationException>(() => Activate("Sample.NullableKeyed", provider));
    }

    [Fact]
    public void A_missing_keyed_service_names_the_type_and_the_key_though_the_unkeyed_one_is_registered()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_commands.GetType("Sample.ICache"), Cache("plain"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<MissingServiceException>(() => Dispatch("required", provider));

        Assert.Equal("Command class 'Sample.Required' needs the service 'Sample.ICache' with the key \"fast\", which is not registered", exception.Message);
        Assert.Throws<InvalidOperationException>(() => Activate("Sample.Required", provider));
    }

    [Fact]
    public void A_missing_enum_key_is_named_as_the_source_writes_it()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_commands.GetType("Sample.ICache"), Cache("plain"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<MissingServiceException>(() => Dispatch("keys", provider));

        Assert.Equal("Command class 'Sample.Keys' needs the service 'Sample.ICache' with the key Sample.Tier.Gold, which is not registered", exception.Message);
        Assert.Equal("Sample.Tier.Gold", exception.ServiceKeyText);
    }

    [Fact]
    public void A_key_that_needs_escapes_is_named_as_C_sharp_writes_it()
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton(_commands.GetType("Sample.ICache"), Tier("Gold"), Cache("gold"));
        using var provider = services.BuildServiceProvider();

        var missing = _commands.CreateRegistry(provider).FindMissingServices(provider);

        Assert.Equal(
            [
                "(Sample.Tier)(9)", "7", "7L", "(byte)7", "(short)(-7)", "7UL", "typeof(Sample.Tier)", "\"quo\\\"te\\\\\\n\\u2028\"",
                "'\\u0027'", "true", "1.5D", "double.NaN", "0.25F",
            ],
            missing.Where(s => s.CommandName == "keys").Select(s => s.ServiceKeyText));
    }

    /// <summary>A string key is shown whole: only the type names in an enum or <c>typeof</c> key lose their <c>global::</c>.</summary>
    [Fact]
    public void A_string_key_that_looks_like_a_type_name_is_named_whole()
    {
        using var commands = Compile("""
            using GuestAgent.Commands;
            using Microsoft.Extensions.DependencyInjection;

            namespace Sample;

            public interface IStore { }

            public sealed class Prefixed([FromKeyedServices("global::fast")] IStore store)
            {
                [Command("prefixed")] public string Run() => store.ToString()!;
            }
            """);
        using var provider = new ServiceCollection().BuildServiceProvider();

        var missing = Assert.Single(commands.CreateRegistry(provider).FindMissingServices(provider));
        var exception = Assert.Throws<MissingServiceException>(() =>
            commands.CreateRegistry(provider).TryDispatch("prefixed"u8, default, Invocation(), out _));

        Assert.Equal("\"global::fast\"", missing.ServiceKeyText);
        Assert.Equal("Command class 'Sample.Prefixed' needs the service 'Sample.IStore' with the key \"global::fast\", which is not registered", exception.Message);
        Assert.Equal("\"global::fast\"", exception.ServiceKeyText);
    }

    [Theory]
    [InlineData("required", "Sample.Required")]
    [InlineData("defaulted", "Sample.Defaulted")]
    public void A_provider_without_keyed_services_fails_a_keyed_parameter_default_or_not(string command, string commandClass)
    {
        var plain = new ServiceMap();

        var exception = Assert.Throws<MissingServiceException>(() => Dispatch(command, plain));

        var key = command == "required" ? "\"fast\"" : "\"absent\"";
        Assert.Equal(
            $"Command class '{commandClass}' needs the service 'Sample.ICache' with the key {key}, which the service provider cannot supply: it is no IKeyedServiceProvider (GuestAgent.Hosting.ServiceMap), so it has no keyed services",
            exception.Message);
        var activator = Assert.Throws<InvalidOperationException>(() => Activate(commandClass, plain));
        Assert.Contains("doesn't support keyed services", activator.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_or_inherited_key_asks_a_provider_without_keyed_services_for_the_unkeyed_service()
    {
        var cacheType = _commands.GetType("Sample.ICache");
        var plain = new DelegatingProvider(type => type == cacheType ? Cache("plain") : null);

        Assert.Equal("""{"returncode":"0","message":"plain+plain"}""", await _commands.SendAsync("""{"name":"unkeyed"}""", plain));
        Assert.Equal("plain+plain", Activate("Sample.Unkeyed", plain));
    }

    [Fact]
    public void The_registry_lists_keyed_services_with_their_keys()
    {
        var required = _commands.CreateRegistry().GetRequiredServices();

        Assert.Equal(
            [
                ("required", "Sample.ICache", "fast", "\"fast\""),
                ("required", "Sample.ICache", null, null),
                ("unkeyed", "Sample.ICache", null, null),
            ],
            required.Where(s => s.CommandName is "required" or "unkeyed").Select(s => (s.CommandName, s.Service, s.ServiceKey, s.ServiceKeyText)));
        // Defaulted's one parameter has a default: listed for the keyed services it needs all the same. The nullable one without a default is required.
        Assert.Equal([("\"absent\"", true)], required.Where(s => s.CommandName == "defaulted").Select(s => (s.ServiceKeyText, s.HasDefault)));
        Assert.DoesNotContain(required, s => s.CommandName != "defaulted" && s.HasDefault);
        Assert.Equal(["\"absent\""], required.Where(s => s.CommandName == "nullable").Select(s => s.ServiceKeyText));
        Assert.Equal(KeysRegistered.Select(k => k.Key), required.Where(s => s.CommandName == "keys").Select(s => s.ServiceKey));
    }

    [Fact]
    public void The_check_at_start_reports_the_keyed_services_the_provider_lacks()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_commands.GetType("Sample.ICache"), Cache("plain"));
        services.AddKeyedSingleton(_commands.GetType("Sample.ICache"), "slow", Cache("slow"));
        using var provider = services.BuildServiceProvider();
        var registry = new FilteredCommandRegistry(_commands.CreateRegistry(provider), ["required", "nullable", "defaulted", "unkeyed"]);

        var missing = registry.FindMissingServices(provider);

        Assert.Equal(
            [
                "Command class 'Sample.NullableKeyed' needs the service 'Sample.ICache' with the key \"absent\", which is not registered",
                "Command class 'Sample.Required' needs the service 'Sample.ICache' with the key \"fast\", which is not registered",
            ],
            missing.Select(s => s.ToString()));
        var exception = Assert.Throws<MissingServiceException>(() => Dispatch("required", provider));
        Assert.Equal(exception.Message, missing[1].ToString());
    }

    [Fact]
    public void With_every_keyed_service_registered_nothing_is_missing()
    {
        using var provider = Everything();
        var registry = new FilteredCommandRegistry(_commands.CreateRegistry(provider), ["required", "defaulted", "unkeyed", "keys"]);

        Assert.Empty(registry.FindMissingServices(provider));
    }

    [Fact]
    public async Task A_registration_under_any_key_satisfies_every_key_as_it_does_the_request()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_commands.GetType("Sample.ICache"), Cache("plain"));
        var created = 0;
        services.AddKeyedSingleton(_commands.GetType("Sample.ICache"), KeyedService.AnyKey, (_, key) =>
        {
            created++;
            return Cache("any " + key);
        });
        using var provider = services.BuildServiceProvider();
        var registry = _commands.CreateRegistry(provider);

        Assert.Empty(registry.FindMissingServices(provider));
        // Asked whether it is registered (IServiceProviderIsKeyedService), not created.
        Assert.Equal(0, created);
        Assert.True(registry.TryDispatch("required"u8, default, Invocation(), out var result));
        Assert.Equal("any fast+plain", (await result).Message);
    }

    [Fact]
    public void A_provider_without_keyed_services_lacks_every_keyed_service_at_start()
    {
        var cacheType = _commands.GetType("Sample.ICache");
        var plain = new DelegatingProvider(type => type == cacheType ? Cache("plain") : null);
        var registry = new FilteredCommandRegistry(_commands.CreateRegistry(plain), ["required", "unkeyed"]);

        Assert.Equal(["Sample.ICache \"fast\""], registry.FindMissingServices(plain).Select(s => $"{s.Service} {s.ServiceKeyText}"));
    }

    /// <summary>
    /// A keyed provider that cannot say whether a key is registered (no
    /// <see cref="IServiceProviderIsKeyedService"/>): the check asks it for the service, which must be of the type.
    /// </summary>
    [Fact]
    public void A_keyed_provider_that_cannot_say_is_asked_for_the_service()
    {
        var cacheType = _commands.GetType("Sample.ICache");
        var good = new KeyedOnly((type, key) => type == cacheType ? Cache(key as string ?? "plain") : null);
        var wrong = new KeyedOnly((type, key) => type == cacheType ? (key is null ? Cache("plain") : "not a cache") : null);
        var registry = new FilteredCommandRegistry(_commands.CreateRegistry(good), ["required"]);

        Assert.Empty(registry.FindMissingServices(good));
        Assert.Equal(["\"fast\""], registry.FindMissingServices(wrong).Select(s => s.ServiceKeyText));
    }

    private static string ClassOf(string command) => command switch
    {
        "required" => "Sample.Required",
        "defaulted" => "Sample.Defaulted",
        "unkeyed" => "Sample.Unkeyed",
        _ => "Sample.Keys",
    };

    /// <summary>What ActivatorUtilities makes of the class: its <c>Run()</c>, or the exception it throws.</summary>
    private string Activate(string commandClass, IServiceProvider provider)
    {
        var type = _commands.GetType(commandClass);
        var instance = ActivatorUtilities.CreateInstance(provider, type);
        return (string)type.GetMethod("Run", BindingFlags.Public | BindingFlags.Instance)!.Invoke(instance, null)!;
    }

    private void Dispatch(string command, IServiceProvider provider) =>
        _commands.CreateRegistry(provider).TryDispatch(System.Text.Encoding.UTF8.GetBytes(command), default, Invocation(), out _);

    private static CommandInvocation Invocation() => new("id", new ExchangeSession(), EmptyServiceProvider.Instance, default);

    private sealed class KeyedOnly(Func<Type, object?, object?> resolve) : IKeyedServiceProvider
    {
        public object? GetService(Type serviceType) => resolve(serviceType, null);

        public object? GetKeyedService(Type serviceType, object? serviceKey) => resolve(serviceType, serviceKey);

        public object GetRequiredKeyedService(Type serviceType, object? serviceKey) =>
            GetKeyedService(serviceType, serviceKey) ?? throw new InvalidOperationException("not registered");
    }

    private sealed class DelegatingProvider(Func<Type, object?> resolve) : IServiceProvider
    {
        public object? GetService(Type serviceType) => resolve(serviceType);
    }
}
