using System.Text;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Protocol;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A property given again in another case, when the JSON context ignores case and refuses repeated
/// names, with names outside ASCII: the error names the parameter and the name as given, each
/// exactly (the response's UTF-8 bytes compared: no '?' or other replacement on the way), and which
/// names repeat one another is what the context's own comparison says, probed beside it.
/// </summary>
public sealed class NonAsciiRepeatedPropertyExecutionTests(NonAsciiRepeatedPropertyExecutionTests.Sample sample) : IClassFixture<NonAsciiRepeatedPropertyExecutionTests.Sample>
{
    private const string Source = """
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Spec { public int S { get; set; } public int Ä { get; set; } }

        [JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, AllowDuplicateProperties = false)]
        [JsonSerializable(typeof(Spec))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("ascii")] public static int Ascii(int s) => s;

            [Command("umlaut")] public static int Umlaut(int ä) => ä;

            [Command("spec")] public static string TakeSpec(Spec v) => v.S + " " + v.Ä;

            public static string Reference(string json)
            {
                try
                {
                    var spec = JsonSerializer.Deserialize(json, SampleJson.Default.Spec)!;
                    return spec.S + " " + spec.Ä;
                }
                catch (JsonException)
                {
                    return "!";
                }
            }
        }
        """;

    // The binder's text, before the wire: each name exactly as given (escaped or not), as UTF-8.
    [Theory]
    [InlineData("umlaut", """{"\u00e4":1,"\u00c4":2}""", "Command 'umlaut' has property '\u00e4' more than once ('\u00c4' repeats it: the JSON context ignores the case of names)")]
    [InlineData("umlaut", "{\"\u00e4\":1,\"\u00c4\":2}", "Command 'umlaut' has property '\u00e4' more than once ('\u00c4' repeats it: the JSON context ignores the case of names)")]
    // U+017F does not fold to 's' under OrdinalIgnoreCase, which the context compares names with (below):
    // an unknown property, named exactly, with no hint.
    [InlineData("ascii", "{\"s\":1,\"\u017f\":2}", "Command 'ascii' has no property '\u017f'")]
    [InlineData("ascii", """{"s":1,"\u017f":2}""", "Command 'ascii' has no property '\u017f'")]
    [InlineData("ascii", """{"s":1,"S":2}""", "Command 'ascii' has property 's' more than once ('S' repeats it: the JSON context ignores the case of names)")]
    public async Task Names_each_name_exactly_in_the_error_text(string command, string value, string message)
    {
        var registry = sample.Commands.CreateRegistry();
        var invocation = new CommandInvocation("id", new ExchangeSession(), EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);

        Assert.True(registry.TryDispatch(Encoding.UTF8.GetBytes(command), Encoding.UTF8.GetBytes(value), invocation, out var running));
        var result = await running;

        Assert.Equal(ReturnCodes.Error, result.ReturnCode);
        Assert.Equal(Encoding.UTF8.GetBytes(message), Encoding.UTF8.GetBytes(result.Message));
    }

    // On the Nova wire every character outside printable ASCII is one '?' (docs/architecture.md: no escape
    // may reach Nova's xenstore-read); the bytes are exactly these.
    [Fact]
    public async Task Writes_the_names_on_the_wire_as_the_response_rules_say()
    {
        var parser = new NovaJsonParser(sample.Commands.CreateRegistry());
        var response = await parser.ParseRequestAsync(
            new AgentRequest("test", Encoding.UTF8.GetBytes(AnalyzedSamples.Request("umlaut", "{\"\u00e4\":1,\"\u00c4\":2}")), new ExchangeSession()),
            TestContext.Current.CancellationToken);

        Assert.Equal(
            """{"returncode":"500","message":"Command 'umlaut' has property '?' more than once ('?' repeats it: the JSON context ignores the case of names)"}"""u8.ToArray(),
            response.ToUtf8Json());
    }

    // What the binder calls a repeat is what the context calls one: 'ä' and 'Ä' repeat each other, 'ſ' and 'S' do not.
    [Fact]
    public async Task Repeats_a_name_where_the_context_does()
    {
        var reference = (Func<string, string>)sample.Commands.GetType("Sample.Commands").GetMethod("Reference")!.CreateDelegate(typeof(Func<string, string>));

        Assert.Equal(
            ["!", "1 0", """{"returncode":"0","message":"1 0"}"""],
            [reference("{\"\u00c4\":1,\"\u00e4\":2}"), reference("{\"S\":1,\"\u017f\":2}"), await sample.Commands.SendAsync(AnalyzedSamples.Request("spec", """{"v":{"S":1,"\u017f":2}}"""))]);
    }

    public sealed class Sample : IDisposable
    {
        internal LoadedCommands Commands { get; } = LoadedCommands.Compile(Source);

        public void Dispose() => Commands.Dispose();
    }
}
