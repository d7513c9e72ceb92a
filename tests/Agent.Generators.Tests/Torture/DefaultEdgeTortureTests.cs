using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// Defaults a demanding author writes: a null default the parameter's type refuses
/// (<c>= null!</c>, a bare <c>[Optional] string</c>), <c>[AllowNull]</c>, a string default holding
/// half a surrogate pair, and a signed <c>[Flags]</c> default no member names (<c>[DisallowNull]</c>
/// is <see cref="DisallowNullTortureTests"/>). The generated code must compile warning-free under the
/// strictest settings, and every default the descriptor states must be one the binder accepts. A
/// <c>[DateTimeConstant]</c> default (a constant C# has no literal for) on a parameter and on an
/// instance class's constructor parameter was written as <c>(DateTime)(01/01/2000 00:00:00)</c>
/// before session 27, which did not compile.
/// </summary>
public sealed class DefaultEdgeTortureTests(DefaultEdgeTortureTests.Compiled compiled) : IClassFixture<DefaultEdgeTortureTests.Compiled>
{
    private const string Source = """
        using System.Diagnostics.CodeAnalysis;
        using System.Runtime.CompilerServices;
        using System.Runtime.InteropServices;

        [assembly: CommandJsonContext(typeof(Sample.CharJson))]

        namespace Sample
        {
            [Flags] public enum Signed : short { None = 0, All = -1 }

            [System.Text.Json.Serialization.JsonSerializable(typeof(char))]
            internal partial class CharJson : System.Text.Json.Serialization.JsonSerializerContext;

            public sealed class Since([Optional, DateTimeConstant(630822816000000000)] DateTime since)
            {
                [Command("d.date-service")] public string Run() => since.ToString("o");
            }

            public static class Nullability
            {
                private static string Show(object? value) => value?.ToString() ?? "null";

                [Command("d.bang")] public static string Bang(string a = null!, int b = 1) => Show(a) + b;
                [Command("d.bang-raw")] public static string BangRaw(string a = null!) => Show(a);
                [Command("d.optional")] public static string Optional([Optional] string a, int b = 1) => Show(a) + b;
                [Command("d.allow")] public static string Allow([AllowNull] string a = null, int b = 1) => Show(a) + b;
                [Command("d.allow-raw")] public static string AllowRaw([AllowNull] string a = "x") => Show(a);
                [Command("d.surrogate")] public static string Surrogate(string a = "x\ud800y", int b = 1) => ((int)a[1]).ToString("x") + b;
                [Command("d.char")] public static string Char(char a = '\ud800', char b = '\'', int c = 1) => ((int)a).ToString("x") + b + c;
                [Command("d.date")]
                public static string Date([Optional, DateTimeConstant(630822816000000000)] DateTime a, [Optional, DateTimeConstant(630822816001234567)] DateTime? b, int c = 1) =>
                    a.ToString("o") + " " + b?.ToString("o") + " " + c;
                [Command("d.signed")] public static string SignedFlags(Signed f = (Signed)(-2), Signed g = Signed.All) => ((short)f).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + g;
            }
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("d.bang", "null1")]
    [InlineData("d.bang-raw", "null")]
    [InlineData("d.optional", "null1")]
    [InlineData("d.allow", "null1")]
    [InlineData("d.allow-raw", "x")]
    [InlineData("d.surrogate", "d8001")]
    [InlineData("d.signed", "-2 All")]
    [InlineData("d.char", "d800'1")]
    [InlineData("d.date", "2000-01-01T00:00:00.0000000 2000-01-01T00:00:00.1234567 1")]
    [InlineData("d.date-service", "2000-01-01T00:00:00.0000000")]
    public async Task Omitted_parameters_take_the_defaults_written(string name, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await _commands.SendAsync($$"""{"name":"{{name}}"}"""));

    [Theory]
    [InlineData("""{"name":"d.allow","value":{"a":null,"b":2}}""", "null2")]
    [InlineData("""{"name":"d.allow-raw","value":null}""", "null")]
    [InlineData("""{"name":"d.signed","value":{"f":-2,"g":"All"}}""", "-2 All")]
    public async Task Values_bind(string request, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await _commands.SendAsync(request));

    /// <summary>A parameter whose type or attribute refuses null refuses a JSON null, whatever its default.</summary>
    [Theory]
    [InlineData("""{"name":"d.bang","value":{"a":null}}""", "Property 'a' of command 'd.bang' must be a string")]
    [InlineData("""{"name":"d.bang-raw","value":null}""", "Command 'd.bang-raw' expects a JSON string value")]
    [InlineData("""{"name":"d.optional","value":{"a":null}}""", "Property 'a' of command 'd.optional' must be a string")]
    public async Task Null_is_refused_where_the_parameter_refuses_it(string request, string message) =>
        Assert.Equal($$"""{"returncode":"500","message":"{{message}}"}""", await _commands.SendAsync(request));

    [Theory]
    [InlineData("d.bang", "a", null)]
    [InlineData("d.bang-raw", "a", null)]
    [InlineData("d.optional", "a", null)]
    [InlineData("d.allow", "a", "null")]
    [InlineData("d.surrogate", "a", null)]
    [InlineData("d.signed", "f", "-2")]
    [InlineData("d.char", "a", null)]
    [InlineData("d.char", "b", "\"'\"")]
    [InlineData("d.signed", "g", "\"All\"")]
    [InlineData("d.date", "a", "\"2000-01-01T00:00:00\"")]
    [InlineData("d.date", "b", "\"2000-01-01T00:00:00.1234567\"")]
    public void The_descriptor_states_a_default_only_in_a_form_the_binder_takes(string name, string parameter, string? json) =>
        Assert.Equal(json, _commands.CreateRegistry().Commands.Single(c => c.Name == name).Parameters.Single(p => p.Name == parameter).DefaultValue);

    [Fact]
    public async Task Every_stated_default_is_the_schema_default_and_binds_to_the_default_itself()
    {
        foreach (var command in _commands.CreateRegistry().Commands)
        {
            // A schema holding half a surrogate pair is not JSON a reader takes (it has no UTF-8 form).
            using var schema = JsonDocument.Parse(command.RequestSchema);
            var omitted = await _commands.SendAsync($$"""{"name":"{{command.Name}}"}""");
            foreach (var parameter in command.Parameters.Where(p => !p.IsRequired))
            {
                var properties = schema.RootElement.TryGetProperty("properties", out var all) ? all : default;
                var own = properties.ValueKind == JsonValueKind.Object ? properties.GetProperty(parameter.Name) : schema.RootElement;
                Assert.Equal(own.TryGetProperty("default", out var value) ? value.GetRawText() : null, parameter.DefaultValue);
                if (parameter.DefaultValue is { } json)
                {
                    var request = properties.ValueKind == JsonValueKind.Object
                        ? $$$"""{"name":"{{{command.Name}}}","value":{"{{{parameter.Name}}}":{{{json}}}}}"""
                        : $$"""{"name":"{{command.Name}}","value":{{json}}}""";
                    Assert.Equal(omitted, await _commands.SendAsync(request));
                }
            }
        }
    }

    [Theory]
    [InlineData("d.allow", "a", "string?")]
    public void The_descriptor_names_the_type_the_value_binds_to(string name, string parameter, string type) =>
        Assert.Equal(type, _commands.CreateRegistry().Commands.Single(c => c.Name == name).Parameters.Single(p => p.Name == parameter).Type);

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(TortureCompiler.Load(TortureCompiler.Usings + Source));
}
