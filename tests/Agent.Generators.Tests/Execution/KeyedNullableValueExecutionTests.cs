using System.Reflection;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A keyed parameter of a nullable value type (<c>[FromKeyedServices("n")] int? n</c>), with and
/// without a default, served against a Microsoft.Extensions.DependencyInjection provider that has an
/// <c>int</c> under one key and an <c>int?</c> under another, each compared with what
/// <see cref="ActivatorUtilities"/> (10.0.0) makes of the same class: it asks for the parameter's own
/// type, <c>int?</c>, which the provider matches exactly (an <c>int</c> registration is not one).
/// </summary>
public sealed class KeyedNullableValueExecutionTests : IDisposable
{
    private const string Source = """
        using GuestAgent.Commands;
        using Microsoft.Extensions.DependencyInjection;

        namespace Sample;

        public sealed class Plain([FromKeyedServices("plain")] int? n)
        {
            public string Run() => n?.ToString() ?? "null";
            [Command("plain")] public string Command() => Run();
        }

        public sealed class Boxed([FromKeyedServices("nullable")] int? n)
        {
            public string Run() => n?.ToString() ?? "null";
            [Command("nullable")] public string Command() => Run();
        }

        public sealed class PlainDefaulted([FromKeyedServices("plain")] int? n = 4)
        {
            public string Run() => n?.ToString() ?? "null";
            [Command("plain-defaulted")] public string Command() => Run();
        }

        public sealed class NullableDefaulted([FromKeyedServices("nullable")] int? n = null)
        {
            public string Run() => n?.ToString() ?? "null";
            [Command("nullable-defaulted")] public string Command() => Run();
        }
        """;

    private readonly LoadedCommands _commands = KeyedServiceExecutionTests.Compile(Source);

    public void Dispose() => _commands.Dispose();

    /// <summary>An <c>int</c> (5) under "plain", an <c>int?</c> (7) under "nullable".</summary>
    private static ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton(typeof(int), "plain", 5);
        services.AddKeyedSingleton(typeof(int?), "nullable", 7);
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData("nullable", "Sample.Boxed", "7")]
    [InlineData("plain-defaulted", "Sample.PlainDefaulted", "4")]
    [InlineData("nullable-defaulted", "Sample.NullableDefaulted", "7")]
    public async Task The_int_registration_is_found_as_ActivatorUtilities_finds_it(string command, string commandClass, string expected)
    {
        using var provider = Provider();

        var answer = await _commands.SendAsync($$"""{"name":"{{command}}"}""", provider);

        Assert.Equal(expected, Activate(commandClass, provider));
        Assert.Equal($$"""{"returncode":"0","message":"{{expected}}"}""", answer);
    }

    [Fact]
    public void Without_a_default_the_int_registration_is_no_int_nullable_one_as_in_ActivatorUtilities()
    {
        using var provider = Provider();

        Assert.Throws<InvalidOperationException>(() => Activate("Sample.Plain", provider));
        var exception = Assert.Throws<MissingServiceException>(() =>
            _commands.CreateRegistry(provider).TryDispatch("plain"u8, default, new CommandInvocation("id", new ExchangeSession(), EmptyServiceProvider.Instance, default), out _));
        Assert.Equal("Command class 'Sample.Plain' needs the service 'int?' with the key \"plain\", which is not registered", exception.Message);
        var missing = Assert.Single(_commands.CreateRegistry(provider).FindMissingServices(provider));
        Assert.Equal((typeof(int?), "\"plain\""), (missing.ServiceType, missing.ServiceKeyText));
    }

    private string Activate(string commandClass, IServiceProvider provider)
    {
        var type = _commands.GetType(commandClass);
        var instance = ActivatorUtilities.CreateInstance(provider, type);
        return (string)type.GetMethod("Run", BindingFlags.Public | BindingFlags.Instance)!.Invoke(instance, null)!;
    }
}
