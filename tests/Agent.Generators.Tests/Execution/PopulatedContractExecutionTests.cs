using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A property with no setter the context calls is still read when
/// <c>JsonObjectCreationHandling.Populate</c> applies to it (on the property, its type, or the
/// context's options) and its value can be populated: a mutable collection, a dictionary, a class.
/// The request schema lists exactly the members the real context sets: every member is sent, the
/// command answers which ones changed.
/// </summary>
public sealed class PopulatedContractExecutionTests(PopulatedContractExecutionTests.Samples samples) : IClassFixture<PopulatedContractExecutionTests.Samples>
{
    private const string Types = """
        public sealed class Inner
        {
            public string Value { get; set; } = "w";
        }

        public sealed class InnerConverter : JsonConverter<Inner>
        {
            public override Inner Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new() { Value = reader.GetString()! };

            public override void Write(Utf8JsonWriter writer, Inner value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
        }

        public sealed class Built
        {
            public Built(string name) => Name = name;

            public string Name { get; }
            public List<string> Items { get; } = new();

            public string Changed() => (Name == "r" ? "Name" : "") + (Items.Contains("r") ? ",Items" : "");
        }

        public struct Point
        {
            public string Value { get; set; }
        }

        public sealed class Filled
        {
            [Populated] public List<string> List { get; } = new();
            [Populated] public IList<string> Interface { get; } = new List<string>();
            [Populated] public Dictionary<string, string> Map { get; } = new();
            [Populated] public Inner Nested { get; } = new();
            [Populated] public List<string> PrivateSet { get; private set; } = new();
            [Replaced] public List<string> Replaced { get; } = new();
            public List<string> Unmarked { get; } = new();

            // Never populated: an array, a read-only or immutable collection, a struct without a
            // setter, a string, object, a type with a converter of its own (Uri's built-in one too).
            public string[] Array { get; } = [];
            public IReadOnlyList<string> ReadOnly { get; } = new List<string>();
            public Point Struct { get; }
            public string Text { get; } = "w";
            public object Any { get; } = new();
            public ImmutableList<string> Frozen { get; } = ImmutableList<string>.Empty;
            public Uri Link { get; } = new("http://w/");
            [JsonConverter(typeof(InnerConverter))] public Inner Converted { get; } = new();

            /// <summary>The members a request set: those now holding "r".</summary>
            public string Changed()
            {
                var values = new Dictionary<string, bool>
                {
                    [nameof(List)] = List.Contains("r"), [nameof(Interface)] = Interface.Contains("r"),
                    [nameof(Map)] = Map.ContainsValue("r"), [nameof(Nested)] = Nested.Value == "r",
                    [nameof(PrivateSet)] = PrivateSet.Contains("r"), [nameof(Replaced)] = Replaced.Contains("r"),
                    [nameof(Unmarked)] = Unmarked.Contains("r"), [nameof(Array)] = Array.Contains("r"),
                    [nameof(ReadOnly)] = ReadOnly.Contains("r"), [nameof(Struct)] = Struct.Value == "r", [nameof(Text)] = Text == "r",
                    [nameof(Frozen)] = Frozen.Contains("r"), [nameof(Link)] = Link.Host == "r", [nameof(Converted)] = Converted.Value == "r",
                };
                var changed = values.Where(v => v.Value).Select(v => v.Key).ToList();
                changed.Sort(StringComparer.Ordinal);
                return string.Join(",", changed);
            }
        }

        public static class Commands
        {
            [Command("take")] public static string Take(Filled filled) => filled.Changed();
            [Command("build")] public static string Build(Built built) => built.Changed();
        }
        """;

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Linq;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        """;

    private const string Request = """
        {"name":"take","value":{"filled":{"List":["r"],"Interface":["r"],"Map":{"k":"r"},"Nested":{"Value":"r"},"PrivateSet":["r"],
        "Replaced":["r"],"Unmarked":["r"],"Array":["r"],"ReadOnly":["r"],"Struct":{"Value":"r"},"Text":"r",
        "Any":"r","Frozen":["r"],"Link":"http://r/","Converted":"r"}}}
        """;

    private readonly LoadedCommands _byProperty = samples.ByProperty;
    private readonly LoadedCommands _byOptions = samples.ByOptions;
    private readonly LoadedCommands _byType = samples.ByType;

    [Fact]
    public async Task Populate_on_a_property_makes_a_mutable_collection_a_dictionary_or_a_class_read()
    {
        var set = await SetAsync(_byProperty);
        Assert.Equal(["Interface", "List", "Map", "Nested", "PrivateSet"], set);
        Assert.Equal(set, RequestProperties(_byProperty));
    }

    [Fact]
    public async Task Populate_preferred_by_the_options_applies_where_the_property_does_not_say_otherwise()
    {
        var set = await SetAsync(_byOptions);
        Assert.Equal(["Interface", "List", "Map", "Nested", "PrivateSet", "Unmarked"], set);
        Assert.Equal(set, RequestProperties(_byOptions));
    }

    [Fact]
    public async Task Populate_preferred_by_the_type_wins_over_the_options()
    {
        var set = await SetAsync(_byType);
        Assert.Equal(["Interface", "List", "Map", "Nested", "PrivateSet", "Unmarked"], set);
        Assert.Equal(set, RequestProperties(_byType));
    }

    [Fact]
    public async Task Nothing_is_populated_in_a_type_read_through_a_parameterized_constructor()
    {
        var answer = await _byOptions.SendAsync("""{"name":"build","value":{"built":{"Name":"r","Items":["r"]}}}""");
        Assert.Equal("""{"returncode":"0","message":"Name"}""", answer);
        Assert.Equal(["Name"], RequestProperties(_byOptions, "build", "built"));
    }

    private static string Marks(string populated, string replaced, string context) =>
        Types.Replace("[Populated]", populated, StringComparison.Ordinal)
            .Replace("[Replaced]", replaced, StringComparison.Ordinal)
        + "\n" + context + "\n";

    private static async Task<string[]> SetAsync(LoadedCommands commands)
    {
        using var document = JsonDocument.Parse(await commands.SendAsync(Request.ReplaceLineEndings("")));
        Assert.Equal("0", document.RootElement.GetProperty("returncode").GetString());
        var message = document.RootElement.GetProperty("message").GetString()!;
        return message.Length == 0 ? [] : message.Split(',');
    }

    private static string[] RequestProperties(LoadedCommands commands, string command = "take", string parameter = "filled") =>
        [.. JsonDocument.Parse(commands.CreateRegistry().Commands.Single(c => c.Name == command).RequestSchema).RootElement
            .GetProperty("properties").GetProperty(parameter).GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>The three variants of the sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Samples : IDisposable
    {
        /// <summary>Populate asked for on each property: the type and the options say nothing.</summary>
        internal LoadedCommands ByProperty { get; } = LoadedCommands.Compile(Header + Marks(
            populated: "[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]",
            replaced: "[JsonObjectCreationHandling(JsonObjectCreationHandling.Replace)]",
            context: "[JsonSerializable(typeof(Filled))] [JsonSerializable(typeof(Built))] public partial class SampleJson : JsonSerializerContext;"));

        /// <summary>Populate preferred by the options; the type says nothing.</summary>
        internal LoadedCommands ByOptions { get; } = LoadedCommands.Compile(Header + Marks(
            populated: "",
            replaced: "[JsonObjectCreationHandling(JsonObjectCreationHandling.Replace)]",
            context: """
                [JsonSourceGenerationOptions(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
                [JsonSerializable(typeof(Filled))] [JsonSerializable(typeof(Built))] public partial class SampleJson : JsonSerializerContext;
                """));

        /// <summary>Populate preferred by the type, Replace by the options.</summary>
        internal LoadedCommands ByType { get; } = LoadedCommands.Compile(Header + Marks(
            populated: "",
            replaced: "[JsonObjectCreationHandling(JsonObjectCreationHandling.Replace)]",
            context: """
                [JsonSourceGenerationOptions(PreferredObjectCreationHandling = JsonObjectCreationHandling.Replace)]
                [JsonSerializable(typeof(Filled))] [JsonSerializable(typeof(Built))] public partial class SampleJson : JsonSerializerContext;
                """).Replace("public sealed class Filled", "[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public sealed class Filled", StringComparison.Ordinal));

        public void Dispose()
        {
            ByProperty.Dispose();
            ByOptions.Dispose();
            ByType.Dispose();
        }
    }
}
