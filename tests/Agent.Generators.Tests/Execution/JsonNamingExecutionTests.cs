using System.Text.Json;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The property names a schema lists are the names the real System.Text.Json context writes,
/// whatever naming the context's options ask for.
/// </summary>
public sealed class JsonNamingExecutionTests
{
    private const string Source = """
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Plan
        {
            public string Name { get; set; } = "n";
            public bool DryRun { get; set; }
            public string XMLHttpRequest { get; set; } = "";
            public string IPv4Address { get; set; } = "";
            public int A1B2 { get; set; }
            public int already_snake { get; set; }
            [JsonPropertyName("Explicit-Name")] public int Renamed { get; set; }
            public Inner Nested { get; set; } = new();
        }

        public sealed class Inner
        {
            public int SHA512Hash { get; set; }
        }

        OPTIONS
        [JsonSerializable(typeof(Plan))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("plan")] public static Plan Make() => new();
        }
        """;

    [Theory]
    [InlineData("")]
    [InlineData("[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]")]
    [InlineData("[JsonSourceGenerationOptions(JsonSerializerDefaults.General)]")]
    [InlineData("[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]")]
    [InlineData("[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]")]
    [InlineData("[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]")]
    [InlineData("[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseUpper)]")]
    [InlineData("[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower)]")]
    [InlineData("[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseUpper)]")]
    public async Task Schema_property_names_are_the_names_on_the_wire(string options)
    {
        using var commands = LoadedCommands.Compile(Source.Replace("OPTIONS", options, StringComparison.Ordinal));
        var registry = commands.CreateRegistry();
        var schema = JsonDocument.Parse(registry.Commands.Single(c => c.Name == "plan").ResultSchema).RootElement;

        var invocation = new CommandInvocation("1", new ExchangeSession(), EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);
        Assert.True(registry.TryDispatch("plan"u8, default, invocation, out var running));
        var written = JsonDocument.Parse((await running).Message).RootElement;

        Assert.Equal(Names(written), Names(schema.GetProperty("properties")));
        var nestedName = Names(written).Single(n => n.Contains("nested", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(
            Names(written.GetProperty(nestedName)),
            Names(schema.GetProperty("properties").GetProperty(nestedName).GetProperty("properties")));
        Assert.Contains("Explicit-Name", Names(written));
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
