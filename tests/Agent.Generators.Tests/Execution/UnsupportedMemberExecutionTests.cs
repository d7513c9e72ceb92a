using System.Text.Json;
using System.Text.Json.Serialization;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Members of a parameter's type whose type System.Text.Json refuses (its unsupported-type converter, or its
/// refusal of a multi-dimensional array), against the real context: a native-sized integer (also as a
/// collection's item, or bound by a record's constructor), a <c>Type</c> or other reflection object, a
/// delegate, an <c>int[,]</c>. The JSON generator compiles them without a word, and the context throws
/// NotSupportedException (not a JsonException, so no binding error) for every request that sends a value
/// for one: an internal error, which GA0020 reports. A <c>null</c> for a reference type never reaches the
/// converter. Not reported: a member the context never reads (no setter, <c>[JsonIgnore]</c>) and one a
/// converter of its own reads. Before session 67 these had no GA0020, and a delegate's had one
/// advising to give <c>Func&lt;int&gt;</c>'s constructor parameters properties to bind.
/// </summary>
public sealed class UnsupportedMemberExecutionTests(UnsupportedMemberExecutionTests.Samples samples) : IClassFixture<UnsupportedMemberExecutionTests.Samples>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Sized { public nint Size { get; set; } public int Y { get; set; } }
        public sealed class Typed { public Type? Size { get; set; } public int Y { get; set; } }
        public sealed class Called { public Func<int>? Size { get; set; } public int Y { get; set; } }
        public sealed class Gridded { public int[,]? Size { get; set; } public int Y { get; set; } }
        public sealed class Listed { public List<nuint>? Size { get; set; } public int Y { get; set; } }
        public sealed record Bound(nint Size, int Y);
        public sealed class Method { public System.Reflection.MethodInfo? Size { get; set; } public int Y { get; set; } }
        public sealed class Outer { public Sized? Size { get; set; } public int Y { get; set; } }
        public sealed class GetOnly { public nint Size { get; } public int Y { get; set; } }
        public sealed class Ignored { [JsonIgnore] public nint Size { get; set; } public int Y { get; set; } }
        public sealed class NintConverter : JsonConverter<nint>
        {
            public override nint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => (nint)reader.GetInt64();
            public override void Write(Utf8JsonWriter writer, nint value, JsonSerializerOptions options) => writer.WriteNumberValue((long)value);
        }
        public sealed class Converted { [JsonConverter(typeof(NintConverter))] public nint Size { get; set; } public int Y { get; set; } }

        [JsonSerializable(typeof(Sized))] [JsonSerializable(typeof(Typed))] [JsonSerializable(typeof(Called))] [JsonSerializable(typeof(Gridded))]
        [JsonSerializable(typeof(Listed))] [JsonSerializable(typeof(Bound))] [JsonSerializable(typeof(Method))] [JsonSerializable(typeof(Outer))]
        [JsonSerializable(typeof(GetOnly))] [JsonSerializable(typeof(Ignored))] [JsonSerializable(typeof(Converted))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("sized")] public static int TakeSized(Sized value) => value.Y;
            [Command("typed")] public static int TakeTyped(Typed value) => value.Y;
            [Command("called")] public static int TakeCalled(Called value) => value.Y;
            [Command("gridded")] public static int TakeGridded(Gridded value) => value.Y;
            [Command("listed")] public static int TakeListed(Listed value) => value.Y;
            [Command("bound")] public static int TakeBound(Bound value) => value.Y;
            [Command("method")] public static int TakeMethod(Method value) => value.Y;
            [Command("outer")] public static int TakeOuter(Outer value) => value.Y;
            [Command("get-only")] public static int TakeGetOnly(GetOnly value) => value.Y;
            [Command("ignored")] public static int TakeIgnored(Ignored value) => value.Y;
            [Command("converted")] public static int TakeConverted(Converted value) => value.Y;
        }
        """;

    [Theory]
    [InlineData("sized", "1")]
    [InlineData("typed", "\"System.Int32\"")]
    [InlineData("called", "1")]
    [InlineData("gridded", "[[1]]")]
    [InlineData("listed", "[1]")]
    [InlineData("bound", "1")]
    [InlineData("method", "{}")]
    [InlineData("outer", """{"Size":1}""")]
    public async Task A_request_that_sends_the_member_fails_and_one_without_it_works(string command, string size)
    {
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$$"""{"value":{"Size":{{{size}}},"Y":2}}""")));
        Assert.Equal("""{"returncode":"0","message":"2"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{"Y":2}}""")));
    }

    [Theory]
    [InlineData("Sample.Sized", "1")]
    [InlineData("Sample.Typed", "\"System.Int32\"")]
    [InlineData("Sample.Called", "1")]
    [InlineData("Sample.Gridded", "[[1]]")]
    [InlineData("Sample.Listed", "[1]")]
    [InlineData("Sample.Method", "{}")]
    public void The_context_throws_NotSupportedException_for_the_member(string type, string size)
    {
        var context = (JsonSerializerContext)samples.Commands.GetType("Sample.SampleJson").GetProperty("Default")!.GetValue(null)!;
        var info = context.GetTypeInfo(samples.Commands.GetType(type))!;

        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize($$"""{"Size":{{size}}}""", info));
    }

    [Theory]
    [InlineData("get-only", "1")]
    [InlineData("ignored", "1")]
    [InlineData("converted", "1")]
    [InlineData("typed", "null")]
    public async Task A_member_the_context_never_reads_or_reads_otherwise_does_no_harm(string command, string size) =>
        Assert.Equal("""{"returncode":"0","message":"2"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$$"""{"value":{"Size":{{{size}}},"Y":2}}""")));

    [Fact]
    public void The_analyzer_reports_exactly_the_commands_whose_requests_may_fail() =>
        Assert.Equal(
            ["GA0020 TakeSized", "GA0020 TakeTyped", "GA0020 TakeCalled", "GA0020 TakeGridded", "GA0020 TakeListed", "GA0020 TakeBound", "GA0020 TakeMethod", "GA0020 TakeOuter"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));

    [Fact]
    public void The_message_names_the_member_and_why()
    {
        var messages = samples.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.EndsWith(
            "has type 'Sized', which the assembly's JSON context cannot read: at 'Sized.Size', a value of type 'nint' makes the context throw NotSupportedException whenever a request sends one: a native-sized integer has no portable JSON form; use int or long",
            messages[0],
            StringComparison.Ordinal);
        Assert.EndsWith("at 'Called.Size', a value of type 'Func<int>' makes the context throw NotSupportedException whenever a request sends one: a delegate has no JSON form", messages[2], StringComparison.Ordinal);
        Assert.Contains("at 'Listed.Size', a value of type 'nuint' makes", messages[4], StringComparison.Ordinal);
        Assert.Contains("at 'Outer.Size.Size', a value of type 'nint' makes", messages[7], StringComparison.Ordinal);
    }

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
