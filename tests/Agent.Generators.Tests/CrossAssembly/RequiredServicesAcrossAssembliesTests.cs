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

    private sealed class DelegatingProvider(Func<Type, object?> resolve) : IServiceProvider
    {
        public object? GetService(Type serviceType) => resolve(serviceType);
    }
}
