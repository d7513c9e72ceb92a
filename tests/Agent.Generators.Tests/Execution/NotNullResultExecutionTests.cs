using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Generators.Tests.Torture;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A synchronous result marked <c>[return: NotNull]</c> (<c>Thing?</c>, <c>int?</c>, a struct
/// <c>Pt?</c>) is never null: it is described and written as the same method declared without the
/// <c>?</c> and the attribute, its result schema admitting no <c>null</c> (it used to, as the
/// unmarked form's does), as session 29 made a <c>[return: NotNull] Task&lt;T&gt;?</c> a task.
/// </summary>
public sealed class NotNullResultExecutionTests
{
    private const string Source = """
        using System.Diagnostics.CodeAnalysis;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed record Thing(string Name);

        public record struct Pt(int X, int Y);

        public enum Color { Red, Green }

        [JsonSerializable(typeof(Thing))]
        [JsonSerializable(typeof(Pt))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Results
        {
            [Command("thing")] [return: NotNull] public static Thing? GetThing(string name = "a") => new(name);
            [Command("thing.plain")] public static Thing PlainThing(string name = "a") => new(name);
            [Command("count")] [return: NotNull] public static int? Count(int n = 2) => n;
            [Command("count.plain")] public static int PlainCount(int n = 2) => n;
            [Command("point")] [return: NotNull] public static Pt? Point(int x = 1) => new Pt(x, 2);
            [Command("point.plain")] public static Pt PlainPoint(int x = 1) => new Pt(x, 2);
            [Command("color")] [return: NotNull] public static Color? GetColor() => Color.Green;
            [Command("color.plain")] public static Color PlainColor() => Color.Green;
            [Command("thing.nullable")] public static Thing? NullableThing() => null;
            [Command("count.nullable")] public static int? NullableCount() => null;
        }
        """;

    [Theory]
    [InlineData("thing")]
    [InlineData("count")]
    [InlineData("point")]
    [InlineData("color")]
    public async Task A_result_marked_not_null_is_described_and_written_as_its_plain_form(string name)
    {
        var compilation = TortureCompiler.Compile([Source]);
        var (output, _) = TortureCompiler.Generate(compilation);
        Assert.Empty((await TestCompiler.AnalyzeAsync(output)).Select(d => d.ToString()));

        using var commands = LoadedCommands.Load(TortureCompiler.Build(compilation));
        var registry = commands.CreateRegistry().Commands;
        var marked = registry.Single(c => c.Name == name);
        var plain = registry.Single(c => c.Name == name + ".plain");
        Assert.Equal(plain.ResultSchema, marked.ResultSchema);
        Assert.DoesNotContain("null", marked.ResultSchema, StringComparison.Ordinal);
        Assert.Equal(plain.ResultEncoding, marked.ResultEncoding);
        Assert.Equal(
            await commands.SendAsync($$"""{"name":"{{name}}.plain"}"""),
            await commands.SendAsync($$"""{"name":"{{name}}"}"""));
    }

    /// <summary>
    /// A method breaking the promise: a nullable struct's <c>.Value</c> throws in the generated code,
    /// which the caller gets as the protocol's internal-error answer, not <c>null</c> (which the
    /// result schema no longer admits) and not a failure of the request loop. A reference breaking it
    /// is written as the plain form's null is.
    /// </summary>
    [Fact]
    public async Task A_null_from_a_method_marked_not_null_is_answered_as_its_plain_form_would_be()
    {
        using var commands = LoadedCommands.Compile("""
            using System.Diagnostics.CodeAnalysis;
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

            namespace Sample;

            public sealed record Thing(string Name);

            public record struct Pt(int X, int Y);

            [JsonSerializable(typeof(Thing))]
            [JsonSerializable(typeof(Pt))]
            public partial class SampleJson : JsonSerializerContext;

            public static class Broken
            {
                [Command("count")] [return: NotNull] public static int? Count() => None<int>()!;
                [Command("point")] [return: NotNull] public static Pt? Point() => None<Pt>()!;
                [Command("thing")] [return: NotNull] public static Thing? GetThing() => null!;
                [Command("thing.plain")] public static Thing PlainThing() => null!;

                private static T? None<T>() where T : struct => null;
            }
            """);
        Assert.Equal("""{"returncode":"500","message":"Command 'count' failed with an internal error"}""", await commands.SendAsync("""{"name":"count"}"""));
        Assert.Equal("""{"returncode":"500","message":"Command 'point' failed with an internal error"}""", await commands.SendAsync("""{"name":"point"}"""));
        Assert.Equal("""{"returncode":"0","message":"null"}""", await commands.SendAsync("""{"name":"thing.plain"}"""));
        Assert.Equal("""{"returncode":"0","message":"null"}""", await commands.SendAsync("""{"name":"thing"}"""));

        // The request loop goes on: the next request on the same parser is answered.
        var parser = new GuestAgent.Protocol.NovaJsonParser(commands.CreateRegistry());
        Assert.Equal("""{"returncode":"500","message":"Command 'count' failed with an internal error"}""", await SendAsync(parser, """{"name":"count"}"""));
        Assert.Equal("""{"returncode":"0","message":"null"}""", await SendAsync(parser, """{"name":"thing"}"""));
    }

    [Fact]
    public async Task An_unmarked_nullable_result_still_admits_null()
    {
        using var commands = LoadedCommands.Compile(Source);
        var registry = commands.CreateRegistry().Commands;
        Assert.Contains("\"null\"", registry.Single(c => c.Name == "thing.nullable").ResultSchema, StringComparison.Ordinal);
        Assert.Contains("\"null\"", registry.Single(c => c.Name == "count.nullable").ResultSchema, StringComparison.Ordinal);
        Assert.Equal("""{"returncode":"0","message":"null"}""", await commands.SendAsync("""{"name":"count.nullable"}"""));
    }

    private static async Task<string> SendAsync(GuestAgent.Protocol.NovaJsonParser parser, string request) =>
        (await parser.ParseRequestAsync(
            new GuestAgent.Protocol.AgentRequest("test", System.Text.Encoding.UTF8.GetBytes(request), new GuestAgent.Commands.ExchangeSession()),
            TestContext.Current.CancellationToken)).ToJson();
}
