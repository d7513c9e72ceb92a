using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// <c>[DisallowNull]</c> on nullable parameters: the generated call passed a possibly null local on
/// (CS8604, CS8607 in the generated file, errors under the strictest settings), and a JSON null
/// would have reached a method that says it refuses one. Such a parameter binds its non-nullable
/// type, and the descriptor names that type.
/// </summary>
public sealed class DisallowNullTortureTests(DisallowNullTortureTests.Compiled compiled) : IClassFixture<DisallowNullTortureTests.Compiled>
{
    private const string Source = """
        using System.Diagnostics.CodeAnalysis;

        namespace Sample
        {
            public static class Disallowed
            {
                [Command("n.disallow")]
                public static string Disallow([DisallowNull] int? a = 5, [DisallowNull] string? b = "b", [DisallowNull] DayOfWeek? c = DayOfWeek.Friday) => a + b + c;

                [Command("n.disallow-required")]
                public static string DisallowRequired([DisallowNull] string? a, [DisallowNull] int? b) => a + b;

                [Command("n.disallow-raw")] public static string DisallowRaw([DisallowNull] string? a) => a;

                [Command("n.disallow-null-default")] public static string DisallowNullDefault([DisallowNull] string? a = null!, int b = 1) => (a ?? "null") + b;

        #pragma warning disable CS8607 // the author's own contradiction, suppressed where it is written
                [Command("n.disallow-value-null-default")] public static string DisallowValueNullDefault([DisallowNull] int? n = null) => n?.ToString() ?? "null";
        #pragma warning restore CS8607
            }

            /// <summary>A constructor's nullable attributes count as a command's: a service it refuses null for is required.</summary>
            public sealed class Constructed([DisallowNull] string? label, [DisallowNull] Version? version = null!, [AllowNull] Uri site = null)
            {
                [Command("n.constructed")] public string Run() => label + "|" + (version?.ToString() ?? "none") + "|" + (site?.ToString() ?? "none");
            }
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("""{"name":"n.disallow"}""", "5bFriday")]
    [InlineData("""{"name":"n.disallow-null-default"}""", "null1")]
    [InlineData("""{"name":"n.disallow-value-null-default"}""", "null")]
    [InlineData("""{"name":"n.disallow-value-null-default","value":{"n":4}}""", "4")]
    [InlineData("""{"name":"n.disallow","value":{"a":7,"b":"c","c":"Monday"}}""", "7cMonday")]
    [InlineData("""{"name":"n.disallow-required","value":{"a":"a","b":3}}""", "a3")]
    [InlineData("""{"name":"n.disallow-raw","value":"r"}""", "r")]
    public async Task Values_and_defaults_bind(string request, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await _commands.SendAsync(request));

    [Theory]
    [InlineData("""{"name":"n.disallow","value":{"a":null}}""", "Property 'a' of command 'n.disallow' must be an integer from -2147483648 to 2147483647")]
    [InlineData("""{"name":"n.disallow","value":{"b":null}}""", "Property 'b' of command 'n.disallow' must be a string")]
    [InlineData("""{"name":"n.disallow","value":{"c":null}}""", "Property 'c' of command 'n.disallow' must be one of 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'")]
    [InlineData("""{"name":"n.disallow-required","value":{"a":null,"b":1}}""", "Property 'a' of command 'n.disallow-required' must be a string")]
    [InlineData("""{"name":"n.disallow-raw","value":null}""", "Command 'n.disallow-raw' expects a JSON string value")]
    [InlineData("""{"name":"n.disallow-null-default","value":{"a":null}}""", "Property 'a' of command 'n.disallow-null-default' must be a string")]
    public async Task Null_is_refused(string request, string message) =>
        Assert.Equal($$"""{"returncode":"500","message":"{{message}}"}""", await _commands.SendAsync(request));

    [Theory]
    [InlineData("n.disallow", "a", "int", "5")]
    [InlineData("n.disallow", "b", "string", "\"b\"")]
    [InlineData("n.disallow", "c", "System.DayOfWeek", "\"Friday\"")]
    [InlineData("n.disallow-null-default", "a", "string", null)]
    public void The_descriptor_names_the_type_the_value_binds_to(string name, string parameter, string type, string? json)
    {
        var descriptor = _commands.CreateRegistry().Commands.Single(c => c.Name == name).Parameters.Single(p => p.Name == parameter);
        Assert.Equal(type, descriptor.Type);
        Assert.Equal(json, descriptor.DefaultValue);
    }

    [Fact]
    public async Task A_constructor_parameter_that_refuses_null_is_a_required_service()
    {
        var services = new Hosting.ServiceMap();
        var missing = _commands.CreateRegistry(services);
        var invocation = new Commands.CommandInvocation("id", new Commands.ExchangeSession(), services, default);
        var exception = Assert.Throws<Commands.MissingServiceException>(() => missing.TryDispatch("n.constructed"u8, "\"\""u8.ToArray(), invocation, out _));
        Assert.Equal("Command class 'Sample.Constructed' needs the service 'string', which is not registered", exception.Message);
        Assert.Equal([typeof(string)], ((Commands.IRequiredServices)missing).RequiredServices.Where(r => r.CommandName == "n.constructed").Select(r => r.ServiceType));

        Assert.Equal("""{"returncode":"0","message":"L|none|none"}""", await _commands.SendAsync("""{"name":"n.constructed"}""", new Hosting.ServiceMap().Add("L")));
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(TortureCompiler.Load(TortureCompiler.Usings + Source));
}
