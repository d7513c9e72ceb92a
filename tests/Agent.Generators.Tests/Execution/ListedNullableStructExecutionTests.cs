using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Generators.Tests.Torture;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A JSON context that lists only <c>Pt?</c> also has <c>Pt</c>'s metadata: System.Text.Json's generator
/// writes the underlying type's for a nullable struct (its nullable converter reads through it;
/// checked with the SDK's generator: <c>GetTypeInfo(typeof(Pt))</c> answers, and the context has a
/// <c>Pt</c> property). So a command that binds or returns <c>Pt</c> itself (a plain <c>Pt</c>, or a
/// <c>[DisallowNull] Pt?</c>, which binds <c>Pt</c>) is served; before session 29 it drew GA0009, which asked
/// for <c>Pt</c> to be listed as well. The reverse does not hold for System.Text.Json (listing <c>Pt</c> gives no
/// <c>Pt?</c> metadata); the registry reads a <c>Pt?</c> through <c>Pt</c>'s then (NullableStructExecutionTests).
/// </summary>
public sealed class ListedNullableStructExecutionTests
{
    private const string Source = """
        using System.Diagnostics.CodeAnalysis;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public readonly record struct Pt(int X, int Y);

        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
        [JsonSerializable(typeof(Pt?))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("strict")] public static string Strict([DisallowNull] Pt? p) => p.Value.X + "," + p.Value.Y;
            [Command("plain")] public static string Plain(Pt p) => p.X + "," + p.Y;
            [Command("made")] public static Pt Made(int x) => new(x, x + 1);
            [Command("maybe")] public static Pt? Maybe(Pt? p = null) => p;
        }
        """;

    [Fact]
    public async Task A_struct_whose_nullable_form_is_listed_binds_and_is_written_without_GA0009()
    {
        var compilation = TortureCompiler.Compile([Source]);
        var (output, _) = TortureCompiler.Generate(compilation);
        Assert.Empty((await TestCompiler.AnalyzeAsync(output)).Select(d => d.ToString()));

        using var commands = LoadedCommands.Load(TortureCompiler.Build(compilation));
        Assert.Equal("""{"returncode":"0","message":"1,2"}""", await commands.SendAsync("""{"name":"strict","value":{"p":{"x":1,"y":2}}}"""));
        Assert.Equal("""{"returncode":"500","message":"Property 'p' of command 'strict' must be a JSON value of type 'Pt'"}""", await commands.SendAsync("""{"name":"strict","value":{"p":null}}"""));
        Assert.Equal("""{"returncode":"0","message":"3,4"}""", await commands.SendAsync("""{"name":"plain","value":{"p":{"x":3,"y":4}}}"""));
        Assert.Equal("""{"returncode":"0","message":"{'x':5,'y':6}"}""", await commands.SendAsync("""{"name":"made","value":{"x":5}}"""));
        Assert.Equal("""{"returncode":"0","message":"null"}""", await commands.SendAsync("""{"name":"maybe"}"""));
        Assert.Equal("""{"returncode":"0","message":"{'x':7,'y':8}"}""", await commands.SendAsync("""{"name":"maybe","value":{"p":{"x":7,"y":8}}}"""));
    }
}
