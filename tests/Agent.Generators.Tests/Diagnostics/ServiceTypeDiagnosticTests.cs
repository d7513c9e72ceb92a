using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// A service taken by a command method (as ASP.NET's minimal APIs take them) is GA0007 (GA0008 as
/// a result), never GA0009: listed on the JSON context as GA0009 would ask, it compiles, and then
/// every request must send it as a JSON property, which the context cannot create
/// (<c>NotSupportedException</c>, an internal error). Services reach an instance command's class
/// through its constructor: those of logging and the provider, and the SDK's own (<c>AgentSystem</c>
/// and its parts, the registry, the built-in commands' <c>IVmDataSource</c> and <c>OpenSslLibrary</c>, an
/// <c>HttpClient</c>), and the hosting's options (<c>IOptions&lt;T&gt;</c> and its kin, the factories and configurations behind them) and
/// <c>IHttpClientFactory</c> (and <c>IHttpMessageHandlerFactory</c>).
/// </summary>
public sealed class ServiceTypeDiagnosticTests
{
    private const string Reason =
        "it is a service, not a value a request can carry: take it in the constructor of the command's class "
        + "(an instance command), which the registry gives it from its IServiceProvider, or ask CommandContext.Services for it";

    [Fact]
    public async Task Services_taken_by_a_command_method_are_GA0007_even_when_the_context_lists_them()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            public sealed class Owner;
            public sealed class MyLoggers : Microsoft.Extensions.Logging.ILoggerFactory
            {
                public void AddProvider(Microsoft.Extensions.Logging.ILoggerProvider provider) { }
                public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => null!;
                public void Dispose() { }
            }
            public static class A
            {
                [Command("p")] public static void P(string name, IServiceProvider services) { }
                [Command("l")] public static void L(string name, Microsoft.Extensions.Logging.ILogger logger) { }
                [Command("t")] public static void T(string name, Microsoft.Extensions.Logging.ILogger<Owner>? logger) { }
                [Command("f")] public static void F(string name, Microsoft.Extensions.Logging.ILoggerFactory loggers) { }
                [Command("m")] public static void M(string name, MyLoggers loggers) { }
                [Command("s")] public static void S(string name, GuestAgent.Hosting.ServiceMap services) { }
                [Command("c")] public static void C(string name, TimeProvider clock) { }
            }
            """, "", "IServiceProvider", "Microsoft.Extensions.Logging.ILogger", "Microsoft.Extensions.Logging.ILogger<Owner>",
            "Microsoft.Extensions.Logging.ILoggerFactory", "MyLoggers", "GuestAgent.Hosting.ServiceMap", "TimeProvider"), "GA0007",
            "IServiceProvider", "Microsoft.Extensions.Logging.ILogger", "Microsoft.Extensions.Logging.ILogger<Owner>?",
            "Microsoft.Extensions.Logging.ILoggerFactory", "MyLoggers", "GuestAgent.Hosting.ServiceMap", "TimeProvider");

        Assert.Equal(
            $"Parameter 'services' of command method 'A.P(string, IServiceProvider)' has type 'IServiceProvider', which cannot be bound from a JSON value: {Reason}",
            Message(diagnostics[0]));
        Assert.All(diagnostics, d => Assert.EndsWith(Reason, Message(d), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_SDKs_own_services_are_GA0007_even_when_the_context_lists_them()
    {
        // AgentSystem got GA0009, then (listed) GA0020 about its FileSystem: advice to make a bundle of
        // services JSON. The built-in commands take these from their constructor or CommandContext.Services.
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            namespace GuestAgent.Commands.Network.Sources { public interface IVmDataSource { } }
            namespace GuestAgent.Commands { public sealed class OpenSslLibrary { } }
            public static class A
            {
                [Command("a")] public static void S(string name, GuestAgent.Platform.AgentSystem system) { }
                [Command("f")] public static void F(string name, GuestAgent.Platform.IFileSystem files) { }
                [Command("w")] public static void W(string name, GuestAgent.Platform.IAtomicFileWriter writer) { }
                [Command("p")] public static void P(string name, GuestAgent.Platform.IProcessRunner processes) { }
                [Command("r")] public static void R(string name, GuestAgent.Platform.RootedFileSystem root) { }
                [Command("c")] public static void C(string name, ICommandRegistry registry) { }
                [Command("v")] public static void V(string name, GuestAgent.Commands.Network.Sources.IVmDataSource vmData) { }
                [Command("o")] public static void O(string name, OpenSslLibrary openSsl) { }
                [Command("h")] public static void H(string name, System.Net.Http.HttpClient http) { }
            }
            """, "", "GuestAgent.Platform.AgentSystem", "GuestAgent.Platform.IFileSystem", "GuestAgent.Platform.IAtomicFileWriter",
            "GuestAgent.Platform.IProcessRunner", "GuestAgent.Platform.RootedFileSystem", "ICommandRegistry",
            "GuestAgent.Commands.Network.Sources.IVmDataSource", "OpenSslLibrary", "System.Net.Http.HttpClient"), "GA0007",
            "GuestAgent.Platform.AgentSystem", "GuestAgent.Platform.IFileSystem", "GuestAgent.Platform.IAtomicFileWriter",
            "GuestAgent.Platform.IProcessRunner", "GuestAgent.Platform.RootedFileSystem", "ICommandRegistry",
            "GuestAgent.Commands.Network.Sources.IVmDataSource", "OpenSslLibrary", "System.Net.Http.HttpClient");

        Assert.Equal(
            $"Parameter 'system' of command method 'A.S(string, AgentSystem)' has type 'AgentSystem', which cannot be bound from a JSON value: {Reason}",
            Message(diagnostics[0]));
        Assert.All(diagnostics, d => Assert.EndsWith(Reason, Message(d), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Options_and_the_HTTP_client_factory_are_GA0007_matched_by_name_without_their_assemblies()
    {
        // Microsoft.Extensions.Options and Microsoft.Extensions.Http are not referenced here (nor, often,
        // by a command library): the types are declared in the source, as the real ones are named.
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            namespace Microsoft.Extensions.Options
            {
                public interface IOptions<out TOptions> where TOptions : class { TOptions Value { get; } }
                public interface IOptionsSnapshot<out TOptions> : IOptions<TOptions> where TOptions : class { TOptions Get(string? name); }
                public interface IOptionsMonitor<out TOptions> { TOptions CurrentValue { get; } }
            }
            namespace System.Net.Http { public interface IHttpClientFactory { HttpClient CreateClient(string name); } }
            public sealed class Settings { public int Retries { get; set; } }
            public sealed class FixedOptions : Microsoft.Extensions.Options.IOptions<Settings> { public Settings Value { get; set; } = new(); }
            public static class A
            {
                [Command("o")] public static void O(string name, Microsoft.Extensions.Options.IOptions<Settings> options) { }
                [Command("s")] public static void S(string name, Microsoft.Extensions.Options.IOptionsSnapshot<Settings> options) { }
                [Command("m")] public static void M(string name, Microsoft.Extensions.Options.IOptionsMonitor<Settings>? options) { }
                [Command("f")] public static void F(string name, FixedOptions options) { }
                [Command("h")] public static void H(string name, System.Net.Http.IHttpClientFactory clients) { }
            }
            """, "", "Microsoft.Extensions.Options.IOptions<Settings>", "Microsoft.Extensions.Options.IOptionsSnapshot<Settings>",
            "Microsoft.Extensions.Options.IOptionsMonitor<Settings>", "FixedOptions", "System.Net.Http.IHttpClientFactory"), "GA0007",
            "Microsoft.Extensions.Options.IOptions<Settings>", "Microsoft.Extensions.Options.IOptionsSnapshot<Settings>",
            "Microsoft.Extensions.Options.IOptionsMonitor<Settings>?", "FixedOptions", "System.Net.Http.IHttpClientFactory");

        Assert.Equal(
            $"Parameter 'options' of command method 'A.O(string, IOptions<Settings>)' has type 'IOptions<Settings>', which cannot be bound from a JSON value: {Reason}",
            Message(diagnostics[0]));
        Assert.All(diagnostics, d => Assert.EndsWith(Reason, Message(d), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_options_factories_and_the_HTTP_message_handler_factory_are_GA0007_matched_by_name()
    {
        // What AddOptions and AddHttpClient register beside IOptions<T> and IHttpClientFactory, declared as
        // the real ones are named; IConfigureNamedOptions<T> derives from IConfigureOptions<T>, and a class of
        // the user's own implementing one is as much a service as the interface.
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            namespace Microsoft.Extensions.Options
            {
                public interface IOptionsFactory<TOptions> where TOptions : class { TOptions Create(string name); }
                public interface IConfigureOptions<in TOptions> where TOptions : class { void Configure(TOptions options); }
                public interface IConfigureNamedOptions<in TOptions> : IConfigureOptions<TOptions> where TOptions : class { void Configure(string? name, TOptions options); }
                public interface IPostConfigureOptions<in TOptions> where TOptions : class { void PostConfigure(string? name, TOptions options); }
                public interface IValidateOptions<TOptions> where TOptions : class { object Validate(string? name, TOptions options); }
                public interface IOptionsMonitorCache<TOptions> where TOptions : class { void Clear(); }
            }
            namespace System.Net.Http { public interface IHttpMessageHandlerFactory { HttpMessageHandler CreateHandler(string name); } }
            public sealed class Settings { public int Retries { get; set; } }
            public sealed class SettingsSetup : Microsoft.Extensions.Options.IConfigureOptions<Settings> { public void Configure(Settings options) { } }
            public static class A
            {
                [Command("f")] public static void F(Microsoft.Extensions.Options.IOptionsFactory<Settings> factory) { }
                [Command("c")] public static void C(Microsoft.Extensions.Options.IConfigureOptions<Settings> setup) { }
                [Command("n")] public static void N(Microsoft.Extensions.Options.IConfigureNamedOptions<Settings> setup) { }
                [Command("s")] public static void S(SettingsSetup setup) { }
                [Command("p")] public static void P(Microsoft.Extensions.Options.IPostConfigureOptions<Settings> setup) { }
                [Command("v")] public static void V(Microsoft.Extensions.Options.IValidateOptions<Settings> check) { }
                [Command("m")] public static void M(Microsoft.Extensions.Options.IOptionsMonitorCache<Settings> cache) { }
                [Command("h")] public static void H(System.Net.Http.IHttpMessageHandlerFactory handlers) { }
            }
            """, "", "Microsoft.Extensions.Options.IOptionsFactory<Settings>", "Microsoft.Extensions.Options.IConfigureOptions<Settings>",
            "Microsoft.Extensions.Options.IConfigureNamedOptions<Settings>", "SettingsSetup", "Microsoft.Extensions.Options.IPostConfigureOptions<Settings>",
            "Microsoft.Extensions.Options.IValidateOptions<Settings>", "Microsoft.Extensions.Options.IOptionsMonitorCache<Settings>",
            "System.Net.Http.IHttpMessageHandlerFactory"), "GA0007",
            "Microsoft.Extensions.Options.IOptionsFactory<Settings>", "Microsoft.Extensions.Options.IConfigureOptions<Settings>",
            "Microsoft.Extensions.Options.IConfigureNamedOptions<Settings>", "SettingsSetup", "Microsoft.Extensions.Options.IPostConfigureOptions<Settings>",
            "Microsoft.Extensions.Options.IValidateOptions<Settings>", "Microsoft.Extensions.Options.IOptionsMonitorCache<Settings>",
            "System.Net.Http.IHttpMessageHandlerFactory");

        Assert.All(diagnostics, d => Assert.EndsWith(Reason, Message(d), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_type_of_another_namespace_named_as_an_options_interface_is_not_a_service() =>
        // Matched by namespace and metadata name: the user's own IOptions<T> is data the context reads, even
        // nested in a type of the options' namespace, and so is another generic interface of that namespace.
        await ReportsAsync(HandWrittenJsonContext.Source("""
            namespace Contoso { public interface IOptions<T> { T Value { get; } } public sealed class Options<T> : IOptions<T> { public T Value { get; set; } = default!; } }
            namespace Microsoft.Extensions.Options
            {
                public static class Shapes { public interface IOptions<T> { T Value { get; } } public sealed class Options<T> : IOptions<T> { public T Value { get; set; } = default!; } }
                public interface IRange<T> { T Low { get; } } public sealed class Range<T> : IRange<T> { public T Low { get; set; } = default!; }
            }
            public static class A
            {
                [Command("o")] public static void O(string name, Contoso.Options<int> options) { }
                [Command("n")] public static void N(string name, Microsoft.Extensions.Options.Shapes.Options<int> options) { }
                [Command("r")] public static void R(string name, Microsoft.Extensions.Options.Range<int> range) { }
            }
            """, "", "Contoso.Options<int>", "Microsoft.Extensions.Options.Shapes.Options<int>", "Microsoft.Extensions.Options.Range<int>"), "GA0007");

    [Fact]
    public async Task The_SDKs_options_are_not_services_here() =>
        // Plain data a command may take as a value too: the JSON context alone decides.
        await ReportsAsync(HandWrittenJsonContext.Source("""
            namespace GuestAgent.Commands { public sealed class PasswordOptions { public int Length { get; set; } } }
            public static class A { [Command("o")] public static void O(string name, PasswordOptions options) { } }
            """, "", "PasswordOptions"), "GA0007");

    [Fact]
    public async Task AgentSystem_returned_is_GA0008() =>
        Assert.EndsWith(
            $"returns 'AgentSystem', which is not a supported return type: {Reason}",
            Message((await ReportsAsync(HandWrittenJsonContext.Source("""
                public static class A
                {
                    [Command("r")] public static GuestAgent.Platform.AgentSystem R() => null!;
                }
                """, "", "GuestAgent.Platform.AgentSystem"), "GA0008", "GuestAgent.Platform.AgentSystem"))[0]),
            StringComparison.Ordinal);

    [Fact]
    public async Task A_service_returned_is_GA0008() =>
        Assert.EndsWith(
            $"returns 'Task<ILogger>', which is not a supported return type: {Reason}",
            Message((await ReportsAsync(HandWrittenJsonContext.Source("""
                public static class A
                {
                    [Command("r")] public static Task<Microsoft.Extensions.Logging.ILogger> R() => null!;
                }
                """, "", "Microsoft.Extensions.Logging.ILogger"), "GA0008", "Task<Microsoft.Extensions.Logging.ILogger>"))[0]),
            StringComparison.Ordinal);

    [Fact]
    public async Task A_constructor_still_takes_them() =>
        await ReportsAsync(HandWrittenJsonContext.Source("""
            public sealed class A(IServiceProvider services, Microsoft.Extensions.Logging.ILogger<A> logger, TimeProvider clock)
            {
                [Command("i")] public string I(string name) => name;
            }
            """), "GA0007");
}
