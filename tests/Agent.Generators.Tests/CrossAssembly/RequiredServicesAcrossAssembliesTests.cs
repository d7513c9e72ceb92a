using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.CrossAssembly;

/// <summary>The application's aggregate lists the required services of every command it serves, from every library.</summary>
public sealed class RequiredServicesAcrossAssembliesTests
{
    private const string Alpha = """
        using GuestAgent.Commands;
        namespace Team.Alpha;
        public interface IAlphaStore { }
        public sealed class AlphaCommands(IAlphaStore store)
        {
            [Command("alpha")] public string Run() => "alpha" + (store is null);
            [Command("version")] public string Version() => "alpha 1.0";
        }
        """;

    private const string Beta = """
        using GuestAgent.Commands;
        namespace Team.Beta;
        public interface IBetaClock { }
        public sealed class BetaCommands(IBetaClock clock, System.IServiceProvider services)
        {
            [Command("beta")] public string Run() => "beta" + (clock is null) + (services is null);
        }
        """;

    private const string App = """
        using GuestAgent.Commands;
        namespace Team.App;
        public interface IAppLog { }
        public sealed class AppCommands(IAppLog log)
        {
            [Command("app")] public string Run() => "app" + (log is null);
        #pragma warning disable GA0011 // replaces Team.Alpha's version on purpose
            [Command("version")]
        #pragma warning restore GA0011
            public static string Version() => "app 2.0";
        }
        """;

    [Fact]
    public async Task The_aggregate_lists_the_services_of_every_library_but_not_of_a_replaced_command()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var beta = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Beta", null, Beta));
        var app = TestCompiler.Build(TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(alpha), MetadataReference.CreateFromImage(beta)], App));
        using var loaded = LoadedCommands.Load(app, alpha, beta);
        var provider = new DelegatingProvider(type => type.FullName == "Team.Beta.IBetaClock" ? new object() : null);

        var registry = loaded.CreateRegistry(provider);

        // Team.Alpha's version is shadowed by the application's static one: its class needs nothing for it.
        Assert.Equal(
            ["alpha: Team.Alpha.AlphaCommands needs Team.Alpha.IAlphaStore", "app: Team.App.AppCommands needs Team.App.IAppLog", "beta: Team.Beta.BetaCommands needs Team.Beta.IBetaClock"],
            registry.GetRequiredServices().Select(s => $"{s.CommandName}: {s.CommandClass} needs {s.Service}"));
        // An IBetaClock of the wrong type (object) is as good as none.
        Assert.Equal(["alpha", "app", "beta"], registry.FindMissingServices(provider).Select(s => s.CommandName));
        Assert.Equal("""{"returncode":"0","message":"app 2.0"}""", await loaded.SendAsync("""{"name":"version"}""", registry: registry));

        var filtered = new FilteredCommandRegistry(registry, ["beta", "version"]);
        Assert.Equal(["beta"], filtered.FindMissingServices(provider).Select(s => s.CommandName));
    }

    [Fact]
    public async Task Every_replaced_command_of_a_library_leaves_its_services_out()
    {
        // The application replaces both of Team.Alpha's commands: no entry of AlphaCommands is left.
        const string replacingBoth = """
            using GuestAgent.Commands;
            namespace Team.App;
            public static class AppCommands
            {
            #pragma warning disable GA0011 // replaces Team.Alpha's commands on purpose
                [Command("alpha")] public static string Alpha() => "app alpha";
                [Command("version")] public static string Version() => "app 2.0";
            #pragma warning restore GA0011
            }
            """;
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var beta = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Beta", null, Beta));
        var app = TestCompiler.Build(TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(alpha), MetadataReference.CreateFromImage(beta)], replacingBoth));
        using var loaded = LoadedCommands.Load(app, alpha, beta);

        var registry = loaded.CreateRegistry();

        Assert.Equal(
            ["beta: Team.Beta.BetaCommands needs Team.Beta.IBetaClock"],
            registry.GetRequiredServices().Select(s => $"{s.CommandName}: {s.CommandClass} needs {s.Service}"));
        Assert.Equal(["alpha", "beta", "version"], registry.Commands.Select(c => c.Name));
        Assert.Equal("""{"returncode":"0","message":"app alpha"}""", await loaded.SendAsync("""{"name":"alpha"}""", registry: registry));
    }

    [Fact]
    public async Task With_the_services_registered_nothing_is_missing_across_libraries()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha + "public sealed class AlphaStore : IAlphaStore { }"));
        var beta = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Beta", null, Beta + "public sealed class BetaClock : IBetaClock { }"));
        var host = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Host", [MetadataReference.CreateFromImage(alpha), MetadataReference.CreateFromImage(beta)], "namespace Team.Host; public static class Program { }"));
        using var loaded = LoadedCommands.Load(host, alpha, beta);
        // IAlphaStore -> AlphaStore, IBetaClock -> BetaClock, from the library that declares the interface.
        var provider = new DelegatingProvider(type => type.IsInterface && type.Assembly.GetType(type.Namespace + "." + type.Name[1..]) is { } implementation
            ? Activator.CreateInstance(implementation)
            : null);

        var registry = loaded.CreateRegistry(provider);

        Assert.Equal(["alpha", "beta", "version"], registry.GetRequiredServices().Select(s => s.CommandName));
        Assert.Empty(registry.FindMissingServices(provider));
        Assert.Equal("""{"returncode":"0","message":"alpha 1.0"}""", await loaded.SendAsync("""{"name":"version"}""", registry: registry));
    }

    /// <summary>
    /// Two libraries whose classes take one interface under different keys (and one library's
    /// <c>typeof</c> and enum keys): the aggregate lists each entry with its key, the check at start
    /// names the key that is missing, and each class gets the instance registered under its own key.
    /// </summary>
    [Fact]
    public async Task The_aggregate_carries_keyed_services_of_every_library()
    {
        const string store = """
            namespace Team.Store;
            public interface IStore { string Name { get; } }
            public sealed class Store(string name) : IStore { public string Name => name; }
            """;
        const string gamma = """
            using GuestAgent.Commands;
            using Microsoft.Extensions.DependencyInjection;
            namespace Team.Gamma;
            public sealed class GammaCommands([FromKeyedServices("gamma")] Team.Store.IStore store)
            {
                [Command("gamma")] public string Run() => store.Name;
            }
            """;
        const string delta = """
            using GuestAgent.Commands;
            using Microsoft.Extensions.DependencyInjection;
            namespace Team.Delta;
            public enum Shelf { Top, Bottom }
            public sealed class DeltaCommands([FromKeyedServices(Shelf.Bottom)] Team.Store.IStore bottom, [FromKeyedServices(typeof(DeltaCommands))] Team.Store.IStore own)
            {
                [Command("delta")] public string Run() => bottom.Name + "+" + own.Name;
            }
            """;
        var di = Execution.KeyedServiceExecutionTests.DependencyInjection;
        var storeImage = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Store", null, store));
        var gammaImage = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Gamma", [di, MetadataReference.CreateFromImage(storeImage)], gamma));
        var deltaImage = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Delta", [di, MetadataReference.CreateFromImage(storeImage)], delta));
        var host = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Host", [MetadataReference.CreateFromImage(gammaImage), MetadataReference.CreateFromImage(deltaImage)], "namespace Team.Host; public static class Program { }"));
        using var loaded = LoadedCommands.Load(host, storeImage, gammaImage, deltaImage);
        // The libraries' types, from the keys the aggregate lists: the key objects themselves.
        var listed = loaded.CreateRegistry().GetRequiredServices();
        var storeType = listed[0].ServiceType;
        var deltaClass = (Type)listed.Single(s => s.ServiceKey is Type).ServiceKey!;
        var bottom = listed.Single(s => s.ServiceKey is Enum).ServiceKey!;
        Assert.Equal(("Team.Store.IStore", "Team.Delta.DeltaCommands", "Bottom"), (storeType.FullName, deltaClass.FullName, bottom.ToString()));
        object Store(string name) => Activator.CreateInstance(storeType.Assembly.GetType("Team.Store.Store")!, name)!;
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddKeyedSingleton(services, storeType, "gamma", Store("gamma's"));
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddKeyedSingleton(services, storeType, deltaClass, Store("delta's own"));
        using var partial = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);

        var registry = loaded.CreateRegistry(partial);

        Assert.Equal(
            ["gamma: Team.Store.IStore \"gamma\"", "delta: Team.Store.IStore Team.Delta.Shelf.Bottom", "delta: Team.Store.IStore typeof(Team.Delta.DeltaCommands)"],
            registry.GetRequiredServices().OrderByDescending(s => s.CommandName == "gamma").Select(s => $"{s.CommandName}: {s.Service} {s.ServiceKeyText}"));
        Assert.Equal(
            ["Command class 'Team.Delta.DeltaCommands' needs the service 'Team.Store.IStore' with the key Team.Delta.Shelf.Bottom, which is not registered"],
            registry.FindMissingServices(partial).Select(s => s.ToString()));
        Assert.Equal("""{"returncode":"0","message":"gamma's"}""", await loaded.SendAsync("""{"name":"gamma"}""", registry: registry));

        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddKeyedSingleton(services, storeType, bottom, Store("bottom"));
        using var full = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var served = loaded.CreateRegistry(full);
        Assert.Empty(served.FindMissingServices(full));
        Assert.Equal("""{"returncode":"0","message":"bottom+delta's own"}""", await loaded.SendAsync("""{"name":"delta"}""", registry: served));
    }

    private sealed class DelegatingProvider(Func<Type, object?> resolve) : IServiceProvider
    {
        public object? GetService(Type serviceType) => resolve(serviceType);
    }
}
