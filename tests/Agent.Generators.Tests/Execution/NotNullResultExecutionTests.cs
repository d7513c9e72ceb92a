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

    [Fact]
    public async Task An_unmarked_nullable_result_still_admits_null()
    {
        using var commands = LoadedCommands.Compile(Source);
        var registry = commands.CreateRegistry().Commands;
        Assert.Contains("\"null\"", registry.Single(c => c.Name == "thing.nullable").ResultSchema, StringComparison.Ordinal);
        Assert.Contains("\"null\"", registry.Single(c => c.Name == "count.nullable").ResultSchema, StringComparison.Ordinal);
        Assert.Equal("""{"returncode":"0","message":"null"}""", await commands.SendAsync("""{"name":"count.nullable"}"""));
    }
}
