using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Hosting;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A command class that takes <c>ILogger&lt;T&gt;</c>: the registered logger when there is one, else
/// a <c>CategoryLogger&lt;T&gt;</c> of the registered <c>ILoggerFactory</c> under the category
/// Microsoft's <c>Logger&lt;T&gt;</c> would use, else the missing-service error; and
/// <see cref="RegistryServices.FindMissingServices"/> agrees with the constructor call each time.
/// </summary>
public sealed class LoggerArgumentExecutionTests : IDisposable
{
    private const string Source = """
        using GuestAgent.Commands;
        using Microsoft.Extensions.Logging;

        namespace Sample
        {
            public sealed class MotdCommands(ILogger<MotdCommands> logger)
            {
                [Command("motd")]
                public string Motd(string value)
                {
                    logger.LogInformation("motd for {Name}", value);
                    return logger.GetType().Name;
                }
            }

            public static class Outer
            {
                public sealed class Inner;
            }

            public sealed class Box<T>;

            public sealed class ShapeCommands(ILogger<Outer.Inner> inner, ILogger<Box<int>> box, ILogger<int[,][]> grid, ILogger<string> text, ILogger<global::TopLevel> top, ILogger<Box<int>>? maybe = null)
            {
                [Command("shapes")]
                public string Shapes()
                {
                    foreach (var logger in new ILogger[] { inner, box, grid, text, top })
                    {
                        logger.LogWarning("shape");
                    }

                    return maybe is null ? "none" : maybe.GetType().Name;
                }
            }
        }

        public sealed class TopLevel;
        """;

    private readonly LoadedCommands _commands = LoadedCommands.Compile(Source);
    private readonly RecordingProvider _provider = new();
    private readonly LoggerFactory _factory;

    public LoggerArgumentExecutionTests() => _factory = new LoggerFactory([_provider]);

    public void Dispose()
    {
        _factory.Dispose();
        _commands.Dispose();
    }

    [Fact]
    public async Task A_registered_logger_is_used_even_with_a_factory_registered()
    {
        var motd = _commands.GetType("Sample.MotdCommands");
        var registered = Activator.CreateInstance(typeof(Logger<>).MakeGenericType(motd), _factory)!;
        var services = new DelegatingProvider(type =>
            type == typeof(ILoggerFactory) ? _factory : type == typeof(ILogger<>).MakeGenericType(motd) ? registered : null);
        var registry = _commands.CreateRegistry(services);

        Assert.Equal("""{"returncode":"0","message":"Logger`1"}""", await _commands.SendAsync("""{"name":"motd","value":"nova"}""", registry: registry));
        Assert.DoesNotContain(registry.FindMissingServices(services), s => s.CommandName == "motd");
        Assert.Equal([("Sample.MotdCommands", LogLevel.Information, "motd for nova")], _provider.Entries);
    }

    [Fact]
    public async Task With_only_a_factory_the_registry_makes_a_category_logger_that_writes_to_its_providers()
    {
        var services = new ServiceMap().Add<ILoggerFactory>(_factory);
        var registry = _commands.CreateRegistry(services);

        Assert.Empty(registry.FindMissingServices(services));
        Assert.Empty(registry.FindMissingServices(new DelegatingProvider(type => type == typeof(ILoggerFactory) ? _factory : null)));
        Assert.Equal("""{"returncode":"0","message":"CategoryLogger`1"}""", await _commands.SendAsync("""{"name":"motd","value":"nova"}""", registry: registry));
        Assert.Equal([("Sample.MotdCommands", LogLevel.Information, "motd for nova")], _provider.Entries);
    }

    [Fact]
    public async Task The_category_is_the_one_Microsofts_logger_gives_the_same_type()
    {
        var registry = _commands.CreateRegistry(new ServiceMap().Add<ILoggerFactory>(_factory));

        // The optional logger is made from the factory too, rather than left null.
        Assert.Equal("""{"returncode":"0","message":"CategoryLogger`1"}""", await _commands.SendAsync("""{"name":"shapes"}""", registry: registry));

        var generated = _provider.Entries.Select(e => e.Category).ToList();
        _provider.Entries.Clear();
        Type[] types =
        [
            _commands.GetType("Sample.Outer+Inner"),
            _commands.GetType("Sample.Box`1").MakeGenericType(typeof(int)),
            typeof(int[,][]),
            typeof(string),
            _commands.GetType("TopLevel"),
        ];
        foreach (var type in types)
        {
            var logger = (ILogger)Activator.CreateInstance(typeof(Logger<>).MakeGenericType(type), _factory)!;
            logger.LogWarning("shape");
        }

        Assert.Equal(_provider.Entries.Select(e => e.Category), generated);
        Assert.Equal(["Sample.Outer.Inner", "Sample.Box", "int[,][]", "string", "TopLevel"], generated);
    }

    [Fact]
    public async Task Built_in_types_are_named_by_their_keyword_and_nested_namespaces_in_full()
    {
        using var commands = LoadedCommands.Compile("""
            using GuestAgent.Commands;
            using Microsoft.Extensions.Logging;

            namespace Sample.Deep.Far
            {
                public sealed class Thing;

                public sealed class KeywordCommands(ILogger<long> number, ILogger<bool> flag, ILogger<float> ratio, ILogger<object> any, ILogger<Thing> thing)
                {
                    [Command("keywords")]
                    public string Keywords()
                    {
                        foreach (var logger in new ILogger[] { number, flag, ratio, any, thing })
                        {
                            logger.LogWarning("keyword");
                        }

                        return "logged";
                    }
                }
            }
            """);
        var registry = commands.CreateRegistry(new ServiceMap().Add<ILoggerFactory>(_factory));

        Assert.Equal("""{"returncode":"0","message":"logged"}""", await commands.SendAsync("""{"name":"keywords"}""", registry: registry));

        var generated = _provider.Entries.Select(e => e.Category).ToList();
        _provider.Entries.Clear();
        foreach (var type in new[] { typeof(long), typeof(bool), typeof(float), typeof(object), commands.GetType("Sample.Deep.Far.Thing") })
        {
            ((ILogger)Activator.CreateInstance(typeof(Logger<>).MakeGenericType(type), _factory)!).LogWarning("keyword");
        }

        Assert.Equal(_provider.Entries.Select(e => e.Category), generated);
        Assert.Equal(["long", "bool", "float", "object", "Sample.Deep.Far.Thing"], generated);
    }

    [Fact]
    public async Task Without_logger_or_factory_the_command_fails_as_the_start_check_says()
    {
        var services = new ServiceMap();
        var registry = _commands.CreateRegistry(services);

        var missing = registry.FindMissingServices(services);

        Assert.Equal(
            [
                ("motd", "Microsoft.Extensions.Logging.ILogger<Sample.MotdCommands>"),
                ("shapes", "Microsoft.Extensions.Logging.ILogger<Sample.Outer.Inner>"),
                ("shapes", "Microsoft.Extensions.Logging.ILogger<Sample.Box<int>>"),
                ("shapes", "Microsoft.Extensions.Logging.ILogger<int[,][]>"),
                ("shapes", "Microsoft.Extensions.Logging.ILogger<string>"),
                ("shapes", "Microsoft.Extensions.Logging.ILogger<TopLevel>"),
            ],
            missing.Select(s => (s.CommandName, s.Service)));
        Assert.All(missing, s => Assert.Equal(typeof(ILoggerFactory), s.AlternativeServiceType));
        Assert.Equal(typeof(ILogger<>).MakeGenericType(_commands.GetType("Sample.MotdCommands")), missing[0].ServiceType);
        // A provider that cannot say IsService is asked for both types, with the same answer.
        Assert.Equal(missing, registry.FindMissingServices(new DelegatingProvider(_ => null)), new SameEntry());

        var invocation = new CommandInvocation("id", new ExchangeSession(), EmptyServiceProvider.Instance, default);
        var exception = Assert.Throws<MissingServiceException>(() => registry.TryDispatch("motd"u8, "\"x\""u8.ToArray(), invocation, out _));
        Assert.Equal("Command class 'Sample.MotdCommands' needs the service 'Microsoft.Extensions.Logging.ILogger<Sample.MotdCommands>', which is not registered", exception.Message);
        Assert.Equal(exception.Message, missing[0].ToString());
        Assert.Equal("""{"returncode":"500","message":"Command 'motd' failed with an internal error"}""", await _commands.SendAsync("""{"name":"motd","value":"x"}""", registry: _commands.CreateRegistry(services)));
    }

    private sealed class SameEntry : IEqualityComparer<RequiredService>
    {
        public bool Equals(RequiredService? x, RequiredService? y) =>
            (x?.CommandName, x?.CommandClass, x?.ServiceType, x?.Service, x?.AlternativeServiceType) == (y?.CommandName, y?.CommandClass, y?.ServiceType, y?.Service, y?.AlternativeServiceType);

        public int GetHashCode(RequiredService obj) => obj.CommandName.GetHashCode(StringComparison.Ordinal);
    }

    private sealed class DelegatingProvider(Func<Type, object?> resolve) : IServiceProvider
    {
        public object? GetService(Type serviceType) => resolve(serviceType);
    }

    /// <summary>What the loggers of a real <see cref="LoggerFactory"/> write, in order.</summary>
    private sealed class RecordingProvider : ILoggerProvider
    {
        public List<(string Category, LogLevel Level, string Message)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, Entries);

        public void Dispose()
        {
        }
    }

    private sealed class RecordingLogger(string category, List<(string Category, LogLevel Level, string Message)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Add((category, logLevel, formatter(state, exception)));
    }
}
