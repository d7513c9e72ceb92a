using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Hosting;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The services instance commands' classes cannot do without, listed by the generated registry and
/// checked by <see cref="RegistryServices.FindMissingServices"/> at start rather than at the first request.
/// </summary>
public sealed class RequiredServicesExecutionTests : IDisposable
{
    private const string Source = """
        using System;
        using GuestAgent.Commands;

        namespace Sample;

        public interface IGreeter { string Greet(string name); }

        public sealed class Greeter : IGreeter { public string Greet(string name) => "hi " + name; }

        public sealed class GreetingCommands(IGreeter greeter, IServiceProvider services, IGreeter again, string? suffix, int? limit, long? cap = null, int times = 3)
        {
            private readonly object?[] _unused = [services, again, cap, times];
            [Command("greet")] public string Greet(string value) => greeter.Greet(value) + suffix + limit;
            [Command("wave")] public string Wave() => "wave";
        }

        public sealed class Optional(IServiceProvider services, string? note = null)
        {
            private readonly IServiceProvider _unused = services;
            [Command("optional")] public string Run() => note ?? "none";
        }

        public static class Plain
        {
            [Command("plain")] public static string Run() => "plain";
        }

        public sealed class Builder(System.Text.StringBuilder builder)
        {
            [Command("build")] public string Build() => builder.ToString();
        }
        """;

    private readonly LoadedCommands _commands = LoadedCommands.Compile(Source);

    public void Dispose() => _commands.Dispose();

    [Fact]
    public void The_registry_lists_each_service_a_command_class_cannot_do_without()
    {
        var registry = _commands.CreateRegistry();

        var greeter = _commands.GetType("Sample.IGreeter");
        Assert.Equal(
            [
                ("build", "Sample.Builder", typeof(System.Text.StringBuilder), "System.Text.StringBuilder"),
                ("greet", "Sample.GreetingCommands", greeter, "Sample.IGreeter"),
                ("greet", "Sample.GreetingCommands", typeof(int), "int"),
                ("wave", "Sample.GreetingCommands", greeter, "Sample.IGreeter"),
                ("wave", "Sample.GreetingCommands", typeof(int), "int"),
            ],
            registry.GetRequiredServices().Select(s => (s.CommandName, s.CommandClass, s.ServiceType, s.Service)));
    }

    [Fact]
    public async Task A_missing_service_is_reported_with_the_text_the_first_request_would_fail_with()
    {
        var provider = new DelegatingProvider(type => type == typeof(int) ? 5 : null);
        var registry = _commands.CreateRegistry(provider);

        var missing = registry.FindMissingServices(provider);

        Assert.Equal(["build: System.Text.StringBuilder", "greet: Sample.IGreeter", "wave: Sample.IGreeter"], missing.Select(s => $"{s.CommandName}: {s.Service}"));
        var invocation = new CommandInvocation("id", new ExchangeSession(), EmptyServiceProvider.Instance, default);
        var exception = Assert.Throws<MissingServiceException>(() => registry.TryDispatch("greet"u8, "\"x\""u8.ToArray(), invocation, out _));
        Assert.Equal(exception.Message, missing[1].ToString());
        Assert.Equal((exception.CommandClass, exception.Service), (missing[1].CommandClass, missing[1].Service));
        // The check changes nothing: the other commands are served, the one missing a service still fails.
        Assert.Equal("""{"returncode":"0","message":"plain"}""", await _commands.SendAsync("""{"name":"plain"}""", registry: registry));
        Assert.Equal("""{"returncode":"0","message":"none"}""", await _commands.SendAsync("""{"name":"optional"}""", registry: registry));
    }

    [Fact]
    public async Task With_every_service_registered_nothing_is_missing()
    {
        var greeter = Activator.CreateInstance(_commands.GetType("Sample.Greeter"))!;
        var provider = new DelegatingProvider(type =>
            type.FullName == "Sample.IGreeter" ? greeter : type == typeof(int) ? 7 : type == typeof(System.Text.StringBuilder) ? new System.Text.StringBuilder("built") : null);
        var registry = _commands.CreateRegistry(provider);

        Assert.Empty(registry.FindMissingServices(provider));
        Assert.Equal("""{"returncode":"0","message":"hi nova7"}""", await _commands.SendAsync("""{"name":"greet","value":"nova"}""", registry: registry));
    }

    [Fact]
    public void A_service_of_the_wrong_type_is_missing()
    {
        // The registry's constructor call tests `is T`, so must the check (for a provider that cannot say IsService).
        var provider = new DelegatingProvider(type => type == typeof(int) ? "five" : null);

        var missing = _commands.CreateRegistry(provider).FindMissingServices(provider);

        Assert.Contains(missing, s => s.ServiceType == typeof(int));
    }

    [Fact]
    public void A_service_map_is_asked_whether_a_service_is_registered_without_running_its_factory()
    {
        var created = 0;
        var services = new ServiceMap().Add(_ =>
        {
            created++;
            return new System.Text.StringBuilder();
        });
        var registry = new FilteredCommandRegistry(_commands.CreateRegistry(services), ["build", "plain"]);

        Assert.Empty(registry.FindMissingServices(services));
        Assert.Equal(0, created);
    }

    [Fact]
    public void A_disabled_command_needs_no_service()
    {
        var provider = new DelegatingProvider(_ => null);
        var registry = new FilteredCommandRegistry(_commands.CreateRegistry(provider), ["wave", "plain", "optional"]);

        Assert.Equal(["wave: Sample.IGreeter", "wave: int"], registry.GetRequiredServices().Select(s => $"{s.CommandName}: {s.Service}"));
        Assert.Equal(["wave: Sample.IGreeter", "wave: int"], registry.FindMissingServices(provider).Select(s => $"{s.CommandName}: {s.Service}"));
        Assert.Empty(new FilteredCommandRegistry(_commands.CreateRegistry(provider), ["plain", "optional"]).FindMissingServices(provider));
    }

    [Fact]
    public void A_registry_of_static_commands_needs_nothing()
    {
        using var commands = LoadedCommands.Compile("""
            using GuestAgent.Commands;
            namespace Sample;
            public static class Plain { [Command("plain")] public static string Run() => "plain"; }
            """);

        var registry = commands.CreateRegistry();

        Assert.IsAssignableFrom<IRequiredServices>(registry);
        Assert.Empty(registry.GetRequiredServices());
        Assert.Empty(registry.FindMissingServices(EmptyServiceProvider.Instance));
    }

    private sealed class DelegatingProvider(Func<Type, object?> resolve) : IServiceProvider
    {
        public object? GetService(Type serviceType) => resolve(serviceType);
    }
}
