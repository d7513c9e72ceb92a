using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Hosting;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// Instance command classes whose constructors take services of unusual types: nullable annotations
/// inside a service type (<c>Func&lt;string?, int&gt;</c>, <c>Dictionary&lt;string, string?&gt;</c>),
/// which a type pattern without them would not pass to the parameter without CS8620 (the generated
/// file failed to compile before session 27), registered or not.
/// </summary>
public sealed class ServiceTypeTortureTests(ServiceTypeTortureTests.Compiled compiled) : IClassFixture<ServiceTypeTortureTests.Compiled>
{
    private const string Source = """
        namespace Sample
        {
            public sealed class Annotated(Func<string?, int>? count = null, Dictionary<string, string?>? map = null, Action<List<string?>>? sink = null)
            {
                [Command("t.annotated")] public string Run() => (count?.Invoke(null).ToString() ?? "-") + " " + (map?.Count.ToString() ?? "-") + " " + (sink is null ? "-" : "sink");
            }

            public sealed class Required(IReadOnlyDictionary<string, string?> settings, (string? Name, int Count) pair = default)
            {
                [Command("t.required")] public string Run() => settings.Count + " " + (pair.Name ?? "-");
            }
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Fact]
    public async Task Missing_optional_services_take_their_defaults() =>
        Assert.Equal("""{"returncode":"0","message":"- - -"}""", await _commands.SendAsync("""{"name":"t.annotated"}"""));

    [Fact]
    public async Task Registered_services_reach_the_constructor()
    {
        var services = new ServiceMap()
            .Add<Func<string, int>>(s => s is null ? 7 : 0)
            .Add(new Dictionary<string, string> { ["a"] = "b" })
            .Add<Action<List<string>>>(_ => { })
            .Add<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["x"] = "y", ["z"] = "w" });
        Assert.Equal("""{"returncode":"0","message":"7 1 sink"}""", await _commands.SendAsync("""{"name":"t.annotated"}""", services));
        Assert.Equal("""{"returncode":"0","message":"2 -"}""", await _commands.SendAsync("""{"name":"t.required"}""", services));
    }

    [Fact]
    public void A_required_service_is_named_without_its_inner_annotations()
    {
        var required = Assert.Single(((GuestAgent.Commands.IRequiredServices)_commands.CreateRegistry()).RequiredServices);
        Assert.Equal(typeof(IReadOnlyDictionary<string, string>), required.ServiceType);
        Assert.Equal("System.Collections.Generic.IReadOnlyDictionary<string, string>", required.Service);
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(TortureCompiler.Load(TortureCompiler.Usings + Source));
}
