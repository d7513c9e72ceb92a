using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A nullable struct (<c>Pt?</c>) binds and is written through its underlying type's metadata:
/// listing <c>Pt</c> on the JSON context is enough, and GA0009 does not fire for <c>Pt?</c>.
/// </summary>
public sealed class NullableStructExecutionTests(NullableStructExecutionTests.Compiled compiled) : IClassFixture<NullableStructExecutionTests.Compiled>
{
    private const string Source = """
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public readonly record struct Pt(int X, int Y);

        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
        [JsonSerializable(typeof(Pt))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("req")] public static string Required(Pt? p) => p is { } v ? v.X + "," + v.Y : "none";

            [Command("opt")] public static string Optional(Pt? p = null, int n = 0) => (p is { } v ? v.X + "," + v.Y : "none") + " " + n;

            [Command("echo")] public static Pt? Echo(int x, bool none = false) => none ? null : new Pt(x, x + 1);
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("""{"name":"req","value":{"p":{"x":1,"y":2}}}""", """{"returncode":"0","message":"1,2"}""")]
    [InlineData("""{"name":"req","value":{"p":null}}""", """{"returncode":"0","message":"none"}""")]
    [InlineData("""{"name":"req","value":{}}""", """{"returncode":"500","message":"Command 'req' requires property 'p' (the value is an object with property 'p'; send {'p': {...}})"}""")]
    [InlineData("""{"name":"req","value":{"p":3}}""", """{"returncode":"500","message":"Property 'p' of command 'req' must be a JSON value of type 'Pt'"}""")]
    [InlineData("""{"name":"opt","value":{"n":4}}""", """{"returncode":"0","message":"none 4"}""")]
    [InlineData("""{"name":"opt","value":{"p":{"x":5,"y":6}}}""", """{"returncode":"0","message":"5,6 0"}""")]
    [InlineData("""{"name":"echo","value":{"x":7}}""", """{"returncode":"0","message":"{'x':7,'y':8}"}""")]
    [InlineData("""{"name":"echo","value":{"x":7,"none":true}}""", """{"returncode":"0","message":"null"}""")]
    public async Task Nullable_struct_uses_the_underlying_types_metadata(string request, string expected) =>
        Assert.Equal(expected, await _commands.SendAsync(request));

    [Fact]
    public async Task Listing_the_underlying_struct_covers_the_nullable_one()
    {
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(Source), withJson: true);
        var diagnostics = await TestCompiler.AnalyzeAsync(output);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task An_unlisted_nullable_struct_asks_for_its_underlying_type()
    {
        var source = Source.Replace("[JsonSerializable(typeof(Pt))]", "[JsonSerializable(typeof(int))]", StringComparison.Ordinal);
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(source), withJson: true);
        var diagnostics = await TestCompiler.AnalyzeAsync(output);
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Equal("GA0009", d.Id));
        Assert.All(diagnostics, d => Assert.Contains("add [JsonSerializable(typeof(Pt))]", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}
