using System.Text.Json;
using System.Text.Json.Serialization;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The options' <c>DefaultIgnoreCondition = JsonIgnoreCondition.Always</c>, against the real
/// source-generated context (.NET 10): the JSON generator reports nothing and writes the options as
/// given, <c>JsonSerializerOptions</c> refuses the value, so the context's type initializer throws
/// and every command whose value or result goes through the context fails (GA0020, GA0021), even a
/// type a converter of the options reads, and beside a factory that may read any type; a command
/// with only simple values does not use the context and works.
/// </summary>
public sealed class DefaultIgnoreAlwaysExecutionTests(DefaultIgnoreAlwaysExecutionTests.Samples samples) : IClassFixture<DefaultIgnoreAlwaysExecutionTests.Samples>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Plain { public int X { get; set; } }
        public sealed class Converted { public int X { get; set; } }
        public sealed class ConvertedConverter : JsonConverter<Converted>
        {
            public override Converted Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new() { X = reader.GetInt32() };
            public override void Write(Utf8JsonWriter writer, Converted value, JsonSerializerOptions options) => writer.WriteNumberValue(value.X);
        }

        // A factory may read any type (which ones is not known at compile time): the fault is reported all the same.
        public sealed class UnusedFactory : JsonConverterFactory
        {
            public override bool CanConvert(Type typeToConvert) => false;
            public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) => null;
        }

        [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Always, Converters = [typeof(ConvertedConverter), typeof(UnusedFactory)])]
        [JsonSerializable(typeof(Plain))] [JsonSerializable(typeof(Converted))] [JsonSerializable(typeof(List<int>))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("plain")] public static int TakePlain(Plain value) => value.X;
            [Command("converted")] public static int TakeConverted(Converted value) => value.X;
            [Command("list")] public static int TakeList(List<int> value) => value.Count;
            [Command("make-plain")] public static Plain MakePlain() => new();
            [Command("number")] public static int TakeNumber(int value) => value + 1;
        }
        """;

    [Fact]
    public void The_JSON_generator_reports_nothing()
    {
        var (_, result) = TestCompiler.Generate(TestCompiler.Compile(Source), withJson: true);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void The_context_cannot_be_created()
    {
        var context = samples.Commands.GetType("Sample.SampleJson");

        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => context.GetProperty("Default")!.GetValue(null));

        var initializer = Assert.IsType<TypeInitializationException>(error.InnerException);
        var refused = Assert.IsType<ArgumentException>(initializer.InnerException);
        Assert.Contains("The value cannot be 'JsonIgnoreCondition.Always'", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", """{"X":1}""")]
    [InlineData("converted", "1")]
    [InlineData("list", "[1]")]
    [InlineData("make-plain", "null")]
    public async Task Every_command_that_goes_through_the_context_fails(string command, string value) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")));

    [Fact]
    public async Task A_command_with_only_simple_values_works() =>
        Assert.Equal("2", ContractProbe.Message(await samples.Commands.SendAsync(AnalyzedSamples.Request("number", """{"value":1}"""))));

    [Fact]
    public void The_analyzer_reports_every_command_that_goes_through_the_context() =>
        Assert.Equal(
            ["GA0020 TakePlain", "GA0020 TakeConverted", "GA0020 TakeList", "GA0021 MakePlain"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));

    [Fact]
    public void The_message_names_the_option_and_the_fix() =>
        Assert.All(samples.Diagnostics, d => Assert.EndsWith(
            "the options of 'SampleJson' set DefaultIgnoreCondition = JsonIgnoreCondition.Always, which System.Text.Json refuses (ArgumentException), "
            + "so 'SampleJson' cannot be created and every read and write through it throws TypeInitializationException; "
            + "set DefaultIgnoreCondition to Never (the default: remove the setting), WhenWritingNull, WhenWritingDefault or WhenWriting, and mark [JsonIgnore] each member to leave out",
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

    [Theory]
    [InlineData("Never", "{'X':0,'Y':null}")]
    [InlineData("WhenWritingNull", "{'X':0}")]
    [InlineData("WhenWritingDefault", "{}")]
    [InlineData("WhenWriting", "{}")]
    public async Task The_values_the_hint_offers_are_taken_and_a_member_marked_JsonIgnore_is_left_out(string condition, string written)
    {
        var source = $$"""
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

            namespace Sample;

            public sealed class Plain { public int X { get; set; } public string? Y { get; set; } [JsonIgnore] public int Hidden { get; set; } = 1; }

            [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.{{condition}})]
            [JsonSerializable(typeof(Plain))]
            public partial class SampleJson : JsonSerializerContext;

            public static class Commands { [Command("make-plain")] public static Plain MakePlain() => new(); }
            """;
        using var commands = LoadedCommands.Compile(source);

        Assert.Equal(written, ContractProbe.Message(await commands.SendAsync(AnalyzedSamples.Request("make-plain", "{}"))));
        Assert.Empty(await AnalyzedSamples.AnalyzeAsync(source));
    }

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
