using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A command's own property given twice: the last value is taken, as System.Text.Json reads a
/// member given twice, unless the JSON context's options refuse a repeated name
/// (<c>AllowDuplicateProperties = false</c>, or the <c>JsonSerializerDefaults.Strict</c> preset, as
/// the context's own options say); then the binder refuses it too, as the context refuses one
/// inside a complex value.
/// </summary>
public sealed class RepeatedPropertyExecutionTests(RepeatedPropertyExecutionTests.Refusing refusing) : IClassFixture<RepeatedPropertyExecutionTests.Refusing>
{
    private static string Source(string options) => $$"""
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Spec { public int A { get; set; } }

        [JsonSourceGenerationOptions({{options}})]
        [JsonSerializable(typeof(Spec))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("two")] public static string Two(int x, string? note = null) => x + " " + note;

            [Command("spec")] public static int TakeSpec(Spec s) => s.A;
        }
        """;

    [Theory]
    [InlineData("""{"x":1,"x":2}""", "x")]
    [InlineData("""{"x":1,"note":"a","note":"b"}""", "note")]
    [InlineData("""{"note":null,"x":1,"note":null}""", "note")]
    // Names compare unescaped, as the binder matches them.
    [InlineData("""{"x":1,"\u0078":2}""", "x")]
    // Refused at the name, before its value is read: the first fault met.
    [InlineData("""{"x":1,"x":"two"}""", "x")]
    public async Task Refuses_a_repeated_property_when_the_context_refuses_repeated_names(string value, string property) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Command 'two' has property '{{property}}' more than once"}""",
            await refusing.Commands.SendAsync(AnalyzedSamples.Request("two", value)));

    [Theory]
    [InlineData("""{"x":1,"note":"a"}""", "1 a")]
    [InlineData("""{"note":"a","x":3}""", "3 a")]
    [InlineData("""{"x":4}""", "4 ")]
    public async Task Binds_each_property_given_once(string value, string message) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{message}}"}""",
            await refusing.Commands.SendAsync(AnalyzedSamples.Request("two", value)));

    [Fact]
    public async Task The_context_refuses_a_repeated_member_inside_a_complex_value() =>
        Assert.Equal(
            """{"returncode":"500","message":"Property 's' of command 'spec' must be a JSON value of type 'Spec' (at $.A)"}""",
            await refusing.Commands.SendAsync(AnalyzedSamples.Request("spec", """{"s":{"A":1,"A":2}}""")));

    [Theory]
    [InlineData("", """{"returncode":"0","message":"2 b"}""")]
    [InlineData("AllowDuplicateProperties = true", """{"returncode":"0","message":"2 b"}""")]
    [InlineData("JsonSerializerDefaults.Strict", """{"returncode":"500","message":"Command 'two' has property 'x' more than once"}""")]
    [InlineData("JsonSerializerDefaults.Strict, AllowDuplicateProperties = true", """{"returncode":"0","message":"2 b"}""")]
    [InlineData("JsonSerializerDefaults.Web, AllowDuplicateProperties = false", """{"returncode":"500","message":"Command 'two' has property 'x' more than once"}""")]
    public async Task Takes_the_last_value_unless_the_options_refuse_repeated_names(string options, string response)
    {
        using var commands = LoadedCommands.Compile(Source(options));

        Assert.Equal(response, await commands.SendAsync(AnalyzedSamples.Request("two", """{"x":1,"note":"a","x":2,"note":"b"}""")));
    }

    public sealed class Refusing() : CompiledCommandsFixture(LoadedCommands.Compile(Source("AllowDuplicateProperties = false")));
}
