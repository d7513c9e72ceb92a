using System.Text.Json;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The schemas of members under <c>[JsonIgnore(Condition = …)]</c> and the options'
/// <c>DefaultIgnoreCondition</c>, against the real source-generated context (.NET 10): a request
/// schema lists what the context reads (not <c>WhenReading</c>, but a member a constructor parameter
/// binds, which the parameter reads), a result schema what it writes (not <c>WhenWriting</c>), and a
/// result's <c>required</c> only what it writes whatever the value (not <c>WhenWritingNull</c> on what
/// may be null, nor <c>WhenWritingDefault</c>; <c>Never</c> is). A default <c>WhenReading</c> changes nothing.
/// </summary>
public sealed class IgnoreConditionSchemaExecutionTests(IgnoreConditionSchemaExecutionTests.Compiled compiled) : IClassFixture<IgnoreConditionSchemaExecutionTests.Compiled>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Conditioned
        {
            public string Plain { get; set; } = "w";
            [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Kept { get; set; } = "w";
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? UnlessNull { get; set; } = "w";
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public string? UnlessDefault { get; set; } = "w";
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)] public string NotWritten { get; set; } = "w";
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public string NotRead { get; set; } = "w";
            [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)] public string NotWrittenField = "w";
            [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public string NotReadField = "w";

            /// <summary>The members a request set: those now "r".</summary>
            public string Changed()
            {
                var values = new Dictionary<string, string?>
                {
                    [nameof(Plain)] = Plain, [nameof(Kept)] = Kept, [nameof(UnlessNull)] = UnlessNull, [nameof(UnlessDefault)] = UnlessDefault,
                    [nameof(NotWritten)] = NotWritten, [nameof(NotRead)] = NotRead, [nameof(NotWrittenField)] = NotWrittenField, [nameof(NotReadField)] = NotReadField,
                };
                var changed = new List<string>();
                foreach (var pair in values)
                {
                    if (pair.Value == "r")
                    {
                        changed.Add(pair.Key);
                    }
                }

                changed.Sort(StringComparer.Ordinal);
                return string.Join(",", changed);
            }
        }

        public sealed class Demanded
        {
            [JsonRequired] public string? Plain { get; set; }
            [JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Kept { get; set; }
            [JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? UnlessNull { get; set; }
            [JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? UnlessNullNumber { get; set; }
            [JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int UnlessDefault { get; set; }
            [JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)] public string? NotWritten { get; set; }
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public required string? Named { get; set; }
        }

        public sealed class Bound(int size)
        {
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public int Size { get; } = size;
        }

        [JsonSerializable(typeof(Conditioned))] [JsonSerializable(typeof(Demanded))] [JsonSerializable(typeof(Bound))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("conditioned")] public static Conditioned Make() => new();
            [Command("take")] public static string Take(Conditioned value) => value.Changed();
            [Command("demanded")] public static Demanded MakeDemanded() => new() { Named = null };
            [Command("demand")] public static string TakeDemanded(Demanded value) => "read";
            [Command("bound")] public static int TakeBound(Bound value) => value.Size;
        }
        """;

    /// <summary>The same result type under each of the options' <c>DefaultIgnoreCondition</c> (<c>{0}</c>).</summary>
    private const string DefaultsSource = """
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.DefaultsJson))]

        namespace Sample;

        public sealed class Defaults
        {
            [JsonRequired] public string? Name { get; set; }
            [JsonRequired] public int Count { get; set; }
            [JsonRequired] public int? Maybe { get; set; }
            [JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Kept { get; set; }
            public string? Note { get; set; }
        }

        [JsonSerializable(typeof(Defaults))]
        [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.{0})]
        public partial class DefaultsJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("empty")] public static Defaults Empty() => new();
            [Command("full")] public static Defaults Full() => new() { Name = "n", Count = 1, Maybe = 1, Kept = "k", Note = "x" };
            [Command("take")] public static string Take(Defaults value) => value.Name + value.Note;
        }
        """;

    private static readonly string[] ConditionedMembers = ["Plain", "Kept", "UnlessNull", "UnlessDefault", "NotWritten", "NotRead", "NotWrittenField", "NotReadField"];

    private readonly LoadedCommands _commands = compiled.Commands;

    [Fact]
    public async Task A_result_schema_leaves_out_what_is_never_written()
    {
        var (schema, written) = await Written(_commands, "conditioned");
        Assert.Equal(["Kept", "NotRead", "NotReadField", "Plain", "UnlessDefault", "UnlessNull"], Names(written));
        Assert.Equal(Names(written), Names(schema.GetProperty("properties")));
        Assert.Equal(
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"Plain":{"type":"string"},"Kept":{"anyOf":[{"type":"string"},{"type":"null"}]},"UnlessNull":{"anyOf":[{"type":"string"},{"type":"null"}]},"UnlessDefault":{"anyOf":[{"type":"string"},{"type":"null"}]},"NotRead":{"type":"string"},"NotReadField":{"type":"string"}}}""",
            schema.GetRawText());
    }

    [Fact]
    public async Task A_request_schema_leaves_out_what_is_never_read()
    {
        // Every member is sent as "r"; the command answers which ones the context set.
        var request = JsonSerializer.Serialize(new { name = "take", value = new { value = ConditionedMembers.ToDictionary(m => m, _ => "r") } });
        var set = Message(await _commands.SendAsync(request)).Split(',');
        Assert.Equal(["Kept", "NotWritten", "NotWrittenField", "Plain", "UnlessDefault", "UnlessNull"], set);
        var schema = RequestValue(_commands, "take");
        Assert.Equal(set, Names(schema.GetProperty("properties")));
        Assert.Equal(
            """{"type":"object","properties":{"Plain":{"type":"string"},"Kept":{"anyOf":[{"type":"string"},{"type":"null"}]},"UnlessNull":{"anyOf":[{"type":"string"},{"type":"null"}]},"UnlessDefault":{"anyOf":[{"type":"string"},{"type":"null"}]},"NotWritten":{"type":"string"},"NotWrittenField":{"type":"string"}}}""",
            schema.GetRawText());
    }

    [Fact]
    public async Task A_result_requires_only_what_is_written_whatever_its_value()
    {
        // Every member is null or the default: what is still written is what the result may require.
        var (schema, written) = await Written(_commands, "demanded");
        Assert.Equal(["Kept", "Plain"], Names(written));
        Assert.Equal(["Kept", "Plain"], Required(schema));
    }

    [Fact]
    public async Task A_request_requires_every_required_member_it_reads()
    {
        Assert.Equal(["Kept", "Named", "NotWritten", "Plain", "UnlessDefault", "UnlessNull", "UnlessNullNumber"], Required(RequestValue(_commands, "demand")));
        var all = """{"Plain":null,"Kept":null,"UnlessNull":null,"UnlessNullNumber":null,"UnlessDefault":0,"NotWritten":null,"Named":null}""";
        Assert.Equal("read", Message(await _commands.SendAsync(AnalyzedSamples.Request("demand", $$"""{"value":{{all}}}"""))));
        foreach (var member in new[] { "UnlessNull", "UnlessDefault", "NotWritten", "Named" })
        {
            var without = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(all)!;
            without.Remove(member);
            var answer = await _commands.SendAsync(AnalyzedSamples.Request("demand", JsonSerializer.Serialize(new { value = without })));
            Assert.StartsWith("""{"returncode":"500",""", answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_member_ignored_when_reading_is_read_through_the_constructor_parameter_that_binds_it()
    {
        Assert.Equal("7", Message(await _commands.SendAsync(AnalyzedSamples.Request("bound", """{"value":{"Size":7}}"""))));
        Assert.Equal(["Size"], Names(RequestValue(_commands, "bound").GetProperty("properties")));
    }

    [Theory]
    [InlineData("Never", new[] { "Count", "Kept", "Maybe", "Name", "Note" }, new[] { "Count", "Kept", "Maybe", "Name" })]
    [InlineData("WhenWritingNull", new[] { "Count", "Kept", "Maybe", "Name", "Note" }, new[] { "Count", "Kept" })]
    [InlineData("WhenWritingDefault", new[] { "Count", "Kept", "Maybe", "Name", "Note" }, new[] { "Kept" })]
    [InlineData("WhenWriting", new[] { "Kept" }, new[] { "Kept" })]
    [InlineData("WhenReading", new[] { "Count", "Kept", "Maybe", "Name", "Note" }, new[] { "Count", "Kept", "Maybe", "Name" })]
    public async Task The_options_default_condition_shapes_the_result_schema_only(string condition, string[] properties, string[] required)
    {
        using var commands = LoadedCommands.Compile(DefaultsSource.Replace("{0}", condition, StringComparison.Ordinal));
        var (schema, full) = await Written(commands, "full");
        Assert.Equal(properties, Names(full));
        Assert.Equal(properties, Names(schema.GetProperty("properties")));
        var (_, empty) = await Written(commands, "empty");
        Assert.Equal(required, Names(empty).Where(n => n != "Note"));
        Assert.Equal(required, Required(schema));

        // Every default condition leaves reading alone: each member is read, the required ones required.
        Assert.Equal("nx", Message(await commands.SendAsync(AnalyzedSamples.Request("take", """{"value":{"Name":"n","Count":1,"Maybe":1,"Kept":"k","Note":"x"}}"""))));
        Assert.StartsWith("""{"returncode":"500",""", await commands.SendAsync(AnalyzedSamples.Request("take", """{"value":{"Count":1,"Maybe":1,"Kept":"k"}}""")), StringComparison.Ordinal);
        var request = RequestValue(commands, "take");
        Assert.Equal(["Count", "Kept", "Maybe", "Name", "Note"], Names(request.GetProperty("properties")));
        Assert.Equal(["Count", "Kept", "Maybe", "Name"], Required(request));
    }

    /// <summary>The schema of <paramref name="command"/>'s one parameter, <c>value</c>.</summary>
    private static JsonElement RequestValue(LoadedCommands commands, string command) =>
        JsonDocument.Parse(commands.CreateRegistry().Commands.Single(c => c.Name == command).RequestSchema).RootElement
            .GetProperty("properties").GetProperty("value").Clone();

    /// <summary>The result schema and the object the real context writes for <paramref name="command"/>.</summary>
    private static async Task<(JsonElement Schema, JsonElement Written)> Written(LoadedCommands commands, string command)
    {
        var registry = commands.CreateRegistry();
        var schema = JsonDocument.Parse(registry.Commands.Single(c => c.Name == command).ResultSchema).RootElement.Clone();
        var invocation = new CommandInvocation("1", new ExchangeSession(), EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);
        Assert.True(registry.TryDispatch(System.Text.Encoding.UTF8.GetBytes(command), default, invocation, out var running));
        return (schema, JsonDocument.Parse((await running).Message).RootElement.Clone());
    }

    private static string Message(string response)
    {
        using var document = JsonDocument.Parse(response);
        Assert.Equal("0", document.RootElement.GetProperty("returncode").GetString());
        return document.RootElement.GetProperty("message").GetString()!;
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static string[] Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal)] : [];

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}
