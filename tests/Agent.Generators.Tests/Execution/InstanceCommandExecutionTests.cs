using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>Instance commands: created once per registry, constructor arguments from the service provider.</summary>
public sealed class InstanceCommandExecutionTests : IDisposable
{
    private const string Source = """
        using System;
        using System.Threading;
        using GuestAgent.Commands;

        namespace Sample;

        public interface IGreeter { string Greet(string name); }

        public sealed class Greeter : IGreeter { public string Greet(string name) => "hi " + name; }

        public sealed class GreetingCommands
        {
            private static int s_created;
            private readonly IGreeter _greeter;
            private readonly string _suffix;
            private int _calls;

            public GreetingCommands(IGreeter greeter, IServiceProvider services, string? suffix = null, int unused = 3)
            {
                _greeter = greeter;
                _suffix = suffix ?? "";
                Interlocked.Increment(ref s_created);
            }

            public static int Created => s_created;

            [Command("greet")]
            public string Greet(string value) => _greeter.Greet(value) + _suffix + " #" + (++_calls);

            [Command("created")]
            internal string HowMany() => Created.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public class Plain
        {
            [Command("plain")]
            public string Run() => "plain";
        }
        """;

    private readonly LoadedCommands _commands = LoadedCommands.Compile(Source);

    public void Dispose() => _commands.Dispose();

    [Fact]
    public async Task The_constructor_marked_ActivatorUtilitiesConstructor_is_called_over_a_longer_one()
    {
        using var commands = LoadedCommands.Compile("""
            using System;
            using GuestAgent.Commands;

            namespace Microsoft.Extensions.DependencyInjection
            {
                [AttributeUsage(AttributeTargets.All)]
                public sealed class ActivatorUtilitiesConstructorAttribute : Attribute { }
            }

            namespace Sample
            {
                public sealed class Chosen
                {
                    private readonly string _which;
                    public Chosen(IServiceProvider services, IServiceProvider again) => _which = "longest";
                    [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor] public Chosen() => _which = "marked";
                    [Command("which")] public string Which() => _which;
                }
            }
            """);
        Assert.Equal("""{"returncode":"0","message":"marked"}""", await commands.SendAsync("""{"name":"which"}"""));
    }

    [Fact]
    public async Task Creates_the_class_once_with_services_from_the_provider()
    {
        var greeter = Activator.CreateInstance(_commands.GetType("Sample.Greeter"))!;
        var map = new DelegatingProvider(type => type.FullName == "Sample.IGreeter" ? greeter : null);
        var registry = _commands.CreateRegistry(map);

        Assert.Equal("""{"returncode":"0","message":"hi nova #1"}""", await _commands.SendAsync("""{"name":"greet","value":"nova"}""", registry: registry));
        Assert.Equal("""{"returncode":"0","message":"hi xen #2"}""", await _commands.SendAsync("""{"name":"greet","value":"xen"}""", registry: registry));
        Assert.Equal("""{"returncode":"0","message":"1"}""", await _commands.SendAsync("""{"name":"created"}""", registry: registry));
        Assert.Equal("""{"returncode":"0","message":"plain"}""", await _commands.SendAsync("""{"name":"plain"}""", registry: registry));
    }

    [Fact]
    public async Task A_missing_service_fails_the_command_without_detail()
    {
        var registry = _commands.CreateRegistry(new DelegatingProvider(_ => null));
        Assert.Equal(
            """{"returncode":"500","message":"Command 'greet' failed with an internal error"}""",
            await _commands.SendAsync("""{"name":"greet","value":"nova"}""", registry: registry));
        var invocation = new Commands.CommandInvocation("id", new Commands.ExchangeSession(), Commands.EmptyServiceProvider.Instance, default);
        var exception = Assert.Throws<Commands.MissingServiceException>(() => registry.TryDispatch("greet"u8, "\"x\""u8.ToArray(), invocation, out _));
        Assert.Equal("Command class 'Sample.GreetingCommands' needs the service 'Sample.IGreeter', which is not registered", exception.Message);
    }

    [Fact]
    public async Task A_nullable_value_type_without_a_default_is_a_required_service()
    {
        using var commands = LoadedCommands.Compile("""
            using GuestAgent.Commands;

            namespace Sample;

            public sealed class Limited(int? limit, string? note, long? cap = null)
            {
                [Command("limit")] public string Limit() => limit + "|" + (note ?? "none") + "|" + (cap?.ToString() ?? "none");
            }
            """);
        var invocation = new Commands.CommandInvocation("id", new Commands.ExchangeSession(), Commands.EmptyServiceProvider.Instance, default);
        var missing = commands.CreateRegistry(new DelegatingProvider(_ => null));
        var exception = Assert.Throws<Commands.MissingServiceException>(() => missing.TryDispatch("limit"u8, "\"\""u8.ToArray(), invocation, out _));
        Assert.Equal("Command class 'Sample.Limited' needs the service 'int', which is not registered", exception.Message);

        var registered = commands.CreateRegistry(new DelegatingProvider(type => type == typeof(int) ? 5 : null));
        Assert.Equal("""{"returncode":"0","message":"5|none|none"}""", await commands.SendAsync("""{"name":"limit"}""", registry: registered));
    }

    private sealed class DelegatingProvider(Func<Type, object?> resolve) : IServiceProvider
    {
        public object? GetService(Type serviceType) => resolve(serviceType);
    }
}
