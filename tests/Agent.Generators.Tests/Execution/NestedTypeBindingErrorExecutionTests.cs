using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The one binding error that names a C# type, a complex value the context refuses ("must be a JSON value of
/// type 'X'"), spells a nested type after the types containing it, as the diagnostics do: the author reading
/// the answer finds the type by that name, which a bare 'Request' (declared in every command class) does not
/// give. The other binding errors name JSON kinds ("a string", "true or false") and the protocol's texts no
/// type at all.
/// </summary>
public sealed class NestedTypeBindingErrorExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public static class Copy
        {
            public sealed record Request(string From, string To);

            [Command("copy")] public static string Run(Request request, int count = 1) => request.From + count;
        }

        public sealed class Outer<T> { public sealed record Deep(T Value); }

        public static class Deeps
        {
            [Command("deep")] public static int Run(Outer<int>.Deep deep) => deep.Value;
        }

        [JsonSerializable(typeof(Copy.Request))]
        [JsonSerializable(typeof(Outer<int>.Deep))]
        public partial class SampleJson : JsonSerializerContext;
        """;

    [Fact]
    public async Task A_refused_complex_value_names_its_nested_type_after_its_container()
    {
        var commands = samples.Compile(Source);

        Assert.Equal(
            """{"returncode":"500","message":"Property 'request' of command 'copy' must be a JSON value of type 'Copy.Request'"}""",
            await commands.SendAsync("""{"name":"copy","value":{"request":5}}"""));
        Assert.Equal(
            """{"returncode":"500","message":"Property 'deep' of command 'deep' must be a JSON value of type 'Outer<int>.Deep' (at $.Value)"}""",
            await commands.SendAsync("""{"name":"deep","value":{"deep":{"Value":"x"}}}"""));
    }
}
