using System.Text.Json;
using System.Text.Json.Serialization;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Members of a result's type whose type System.Text.Json refuses (its unsupported-type converter, or its
/// refusal of a multi-dimensional array), against the real context: a native-sized integer (also as a
/// collection's item, or a record's positional property), a <c>Type</c> or other reflection object, a
/// delegate, an <c>int[,]</c>. The JSON generator compiles them without a word, and the context throws
/// NotSupportedException whenever it writes a value for one: the command has run (its side effect is
/// done) and the answer is an internal error, which GA0021 reports at the return type. A <c>null</c> for
/// a reference type never reaches the converter (written as <c>null</c>), nor does a value a
/// <c>WhenWritingDefault</c> leaves out. Not reported: a member the context never writes (no getter it
/// calls, <c>[JsonIgnore]</c>, <c>WhenWriting</c>) and one a converter of its own writes. Before session 67
/// none was reported.
/// </summary>
public sealed class UnwritableMemberExecutionTests(UnwritableMemberExecutionTests.Samples samples) : IClassFixture<UnwritableMemberExecutionTests.Samples>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Sized { public nint Size { get; set; } public int Y { get; set; } = 2; }
        public sealed class Typed { public Type? Size { get; set; } public int Y { get; set; } = 2; }
        public sealed class Called { public Func<int>? Size { get; set; } public int Y { get; set; } = 2; }
        public sealed class Gridded { public int[,]? Size { get; set; } public int Y { get; set; } = 2; }
        public sealed class Listed { public List<nuint>? Size { get; set; } public int Y { get; set; } = 2; }
        public sealed record Bound(nint Size, int Y);
        public sealed class Method { public System.Reflection.MethodInfo? Size { get; set; } public int Y { get; set; } = 2; }
        public sealed class Outer { public Sized? Size { get; set; } public int Y { get; set; } = 2; }
        public sealed class Defaulted { [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public nint Size { get; set; } public int Y { get; set; } = 2; }
        public sealed class SetOnly { public nint Size { set { } } public int Y { get; set; } = 2; }
        public sealed class Hidden { public nint Size { private get; set; } public int Y { get; set; } = 2; }
        public sealed class Ignored { [JsonIgnore] public nint Size { get; set; } public int Y { get; set; } = 2; }
        public sealed class NeverWritten { [JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)] public nint Size { get; set; } public int Y { get; set; } = 2; }
        public sealed class NintConverter : JsonConverter<nint>
        {
            public override nint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => (nint)reader.GetInt64();
            public override void Write(Utf8JsonWriter writer, nint value, JsonSerializerOptions options) => writer.WriteNumberValue((long)value);
        }
        // A type reached first through a member only prepared (set-only), then through one written; an array's items.
        public sealed class Twice { public Sized? First { set { } } public Sized? Second { get; set; } = new(); }
        public sealed class Arrayed { public nint[]? Size { get; set; } = [1]; public int Y { get; set; } = 2; }
        public sealed class Converted { [JsonConverter(typeof(NintConverter))] public nint Size { get; set; } = 1; public int Y { get; set; } = 2; }

        [JsonSerializable(typeof(Sized))] [JsonSerializable(typeof(Typed))] [JsonSerializable(typeof(Called))] [JsonSerializable(typeof(Gridded))]
        [JsonSerializable(typeof(Listed))] [JsonSerializable(typeof(Bound))] [JsonSerializable(typeof(Method))] [JsonSerializable(typeof(Outer))]
        [JsonSerializable(typeof(Defaulted))] [JsonSerializable(typeof(SetOnly))] [JsonSerializable(typeof(Hidden))] [JsonSerializable(typeof(Ignored))]
        [JsonSerializable(typeof(NeverWritten))] [JsonSerializable(typeof(Converted))] [JsonSerializable(typeof(Twice))] [JsonSerializable(typeof(Arrayed))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            /// <summary>How many times "sized" ran: its side effect, done before its result fails to be written.</summary>
            public static int SizedRuns;

            [Command("sized")] public static Sized MakeSized() { SizedRuns++; return new(); }
            [Command("typed")] public static Typed MakeTyped() => new() { Size = typeof(int) };
            [Command("typed-null")] public static Typed MakeTypedNull() => new();
            [Command("called")] public static Called MakeCalled() => new() { Size = () => 1 };
            [Command("gridded")] public static Gridded MakeGridded() => new() { Size = new int[1, 1] };
            [Command("listed")] public static Task<Listed> MakeListed() => Task.FromResult(new Listed { Size = [1] });
            [Command("bound")] public static Bound MakeBound() => new(1, 2);
            [Command("method")] public static Method MakeMethod() => new() { Size = typeof(object).GetMethod("ToString") };
            [Command("outer")] public static Outer MakeOuter() => new() { Size = new() };
            [Command("defaulted")] public static Defaulted MakeDefaulted() => new() { Size = 1 };
            [Command("defaulted-zero")] public static Defaulted MakeDefaultedZero() => new();
            [Command("set-only")] public static SetOnly MakeSetOnly() => new();
            [Command("hidden")] public static Hidden MakeHidden() => new();
            [Command("ignored")] public static Ignored MakeIgnored() => new();
            [Command("never-written")] public static NeverWritten MakeNeverWritten() => new();
            [Command("converted")] public static Converted MakeConverted() => new();
            [Command("twice")] public static Twice MakeTwice() => new();
            [Command("arrayed")] public static Arrayed MakeArrayed() => new();
        }
        """;

    [Theory]
    [InlineData("sized")]
    [InlineData("typed")]
    [InlineData("called")]
    [InlineData("gridded")]
    [InlineData("listed")]
    [InlineData("bound")]
    [InlineData("method")]
    [InlineData("outer")]
    [InlineData("defaulted")]
    [InlineData("twice")]
    [InlineData("arrayed")]
    public async Task A_result_holding_a_value_for_the_member_fails_to_be_written(string command) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, "null")));

    [Fact]
    public async Task The_command_has_run_before_its_result_fails()
    {
        var runs = samples.Commands.GetType("Sample.Commands").GetField("SizedRuns")!;
        var before = (int)runs.GetValue(null)!;

        Assert.Equal(AnalyzedSamples.InternalError("sized"), await samples.Commands.SendAsync(AnalyzedSamples.Request("sized", "null")));

        Assert.Equal(before + 1, (int)runs.GetValue(null)!);
    }

    [Theory]
    [InlineData("Sample.Sized")]
    [InlineData("Sample.Listed")]
    public void The_context_throws_NotSupportedException_writing_the_member(string type)
    {
        var context = (JsonSerializerContext)samples.Commands.GetType("Sample.SampleJson").GetProperty("Default")!.GetValue(null)!;
        var info = context.GetTypeInfo(samples.Commands.GetType(type))!;
        var value = Activator.CreateInstance(samples.Commands.GetType(type));
        if (type == "Sample.Listed")
        {
            info.Type.GetProperty("Size")!.SetValue(value, new List<nuint> { 1 });
        }

        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(value, info));
    }

    [Theory]
    [InlineData("typed-null", "{'Size':null,'Y':2}")]
    [InlineData("defaulted-zero", "{'Y':2}")]
    [InlineData("set-only", "{'Y':2}")]
    [InlineData("hidden", "{'Y':2}")]
    [InlineData("ignored", "{'Y':2}")]
    [InlineData("never-written", "{'Y':2}")]
    [InlineData("converted", "{'Size':1,'Y':2}")]
    public async Task A_member_the_context_never_writes_or_writes_otherwise_does_no_harm(string command, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request(command, "null")));

    [Fact]
    public void The_analyzer_reports_exactly_the_commands_whose_result_may_fail_at_their_return_type()
    {
        Assert.Equal(
            ["GA0021 MakeSized", "GA0021 MakeTyped", "GA0021 MakeTypedNull", "GA0021 MakeCalled", "GA0021 MakeGridded", "GA0021 MakeListed", "GA0021 MakeBound",
                "GA0021 MakeMethod", "GA0021 MakeOuter", "GA0021 MakeDefaulted", "GA0021 MakeDefaultedZero",
                "GA0021 MakeTwice", "GA0021 MakeArrayed"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));
        // At the return type: the span is what precedes the method's name ("Task<Listed>" in "Task<Listed> MakeListed()").
        Assert.All(samples.Diagnostics, d =>
        {
            var text = d.Location.SourceTree!.GetText(TestContext.Current.CancellationToken);
            var line = text.Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString();
            Assert.Contains("public static " + text.ToString(d.Location.SourceSpan) + " Make", line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_message_names_the_member_and_why()
    {
        var messages = samples.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.EndsWith(
            "so calls fail after the method has run and are answered with an internal error: at 'Sized.Size', the context throws NotSupportedException whenever it writes a value of type 'nint': a native-sized integer has no portable JSON form; use int or long",
            messages[0],
            StringComparison.Ordinal);
        // Session 70: the message began "so every call fails", and then said a null is written fine.
        Assert.EndsWith(
            "so calls fail after the method has run and are answered with an internal error: at 'Typed.Size', the context throws NotSupportedException whenever it writes a value of type 'Type' (a null is written fine): System.Text.Json reads and writes no Type or other reflection object (it throws NotSupportedException); take a name as a string",
            messages[1],
            StringComparison.Ordinal);
        Assert.All(messages, message => Assert.DoesNotContain("every call", message, StringComparison.Ordinal));
        Assert.Contains("at 'Listed.Size', the context throws NotSupportedException whenever it writes a value of type 'nuint':", messages[5], StringComparison.Ordinal);
        Assert.Contains("at 'Outer.Size.Size', the context throws", messages[8], StringComparison.Ordinal);
        Assert.Contains("at 'Twice.Second.Size', the context throws", messages[11], StringComparison.Ordinal);
        Assert.Contains("at 'Arrayed.Size', the context throws NotSupportedException whenever it writes a value of type 'nint':", messages[12], StringComparison.Ordinal);
    }

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
