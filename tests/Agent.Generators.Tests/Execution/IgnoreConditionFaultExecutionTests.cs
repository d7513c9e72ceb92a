using System.Text.Json;
using System.Text.Json.Serialization;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// GA0020 and GA0021 on ignore conditions, against the real source-generated context (.NET 10).
/// Failing as the context prepares the type (reads and writes): <c>[JsonRequired]</c> with
/// <c>[JsonIgnore(Condition = WhenReading)]</c> (the context drops the setter, even an init one, an
/// included field or one a constructor parameter binds), and <c>WhenWritingNull</c> on a value type
/// that cannot be null (a number, a struct, a generic argument that is one), and a C# <c>required</c>
/// member with <c>[JsonIgnore]</c> or <c>WhenReading</c>. Fine, so not reported: <c>WhenWritingNull</c>
/// on <c>int?</c> or a generic argument that is a class, <c>[JsonRequired]</c> with <c>WhenWriting</c>,
/// a C# <c>required</c> member ignored when reading in a type with a <c>[SetsRequiredMembers]</c>
/// constructor, and a member the context never reads (<c>WhenReading</c>) whose type it could not read.
/// </summary>
public sealed class IgnoreConditionFaultExecutionTests(IgnoreConditionFaultExecutionTests.Samples samples) : IClassFixture<IgnoreConditionFaultExecutionTests.Samples>
{
    private const string Source = """
        using System.Diagnostics.CodeAnalysis;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        // Reported for reads and writes.
        public sealed class RequiredNotRead { [JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public int Size { get; set; } }
        public sealed class RequiredNotReadInit { [JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public int Size { get; init; } }
        public sealed class RequiredNotReadField { [JsonRequired, JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public int Size; }
        public sealed class RequiredNotReadBound(int size) { [JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public int Size { get; set; } = size; }
        public sealed class NullOnNumber { [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int Size { get; set; } }
        public struct Point { public int X { get; set; } }
        public sealed class NullOnStruct { [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Point At; }
        public sealed class NullOnGeneric<T> { [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public T? Value { get; set; } }
        public sealed class KeywordNotRead { [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public required int Size { get; set; } }
        public sealed class KeywordIgnored { [JsonIgnore] public required int Size { get; set; } public int Y { get; set; } }

        // Fine.
        public sealed class NullOnNullable { [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Size { get; set; } }
        public sealed class RequiredNotWritten { [JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)] public int Size { get; set; } }
        public sealed class Unbound { public Unbound(int zzz) { } public int X { get; set; } }
        public sealed class KeywordNotReadSet { [SetsRequiredMembers] public KeywordNotReadSet() { } [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public required int Size { get; set; } public int Y { get; set; } }
        public sealed class HoldsUnread { [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public Unbound Inner { get; set; } = new(1); public int Y { get; set; } }

        [JsonSerializable(typeof(RequiredNotRead))] [JsonSerializable(typeof(RequiredNotReadInit))] [JsonSerializable(typeof(RequiredNotReadField))]
        [JsonSerializable(typeof(RequiredNotReadBound))] [JsonSerializable(typeof(NullOnNumber))] [JsonSerializable(typeof(NullOnStruct))]
        [JsonSerializable(typeof(NullOnNullable))] [JsonSerializable(typeof(RequiredNotWritten))] [JsonSerializable(typeof(HoldsUnread))]
        [JsonSerializable(typeof(NullOnGeneric<int>))] [JsonSerializable(typeof(NullOnGeneric<string>))] [JsonSerializable(typeof(KeywordNotRead))]
        [JsonSerializable(typeof(KeywordIgnored))] [JsonSerializable(typeof(KeywordNotReadSet))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("required-not-read")] public static int TakeRequiredNotRead(RequiredNotRead value) => value.Size;
            [Command("required-not-read-init")] public static int TakeRequiredNotReadInit(RequiredNotReadInit value) => value.Size;
            [Command("required-not-read-field")] public static int TakeRequiredNotReadField(RequiredNotReadField value) => value.Size;
            [Command("required-not-read-bound")] public static int TakeRequiredNotReadBound(RequiredNotReadBound value) => value.Size;
            [Command("null-on-number")] public static int TakeNullOnNumber(NullOnNumber value) => value.Size;
            [Command("null-on-struct")] public static int TakeNullOnStruct(NullOnStruct value) => value.At.X;
            [Command("null-on-generic-number")] public static int TakeNullOnGenericNumber(NullOnGeneric<int> value) => value.Value;
            [Command("keyword-not-read")] public static int TakeKeywordNotRead(KeywordNotRead value) => value.Size;
            [Command("keyword-ignored")] public static int TakeKeywordIgnored(KeywordIgnored value) => value.Y;
            [Command("null-on-nullable")] public static int TakeNullOnNullable(NullOnNullable value) => value.Size ?? -1;
            [Command("required-not-written")] public static int TakeRequiredNotWritten(RequiredNotWritten value) => value.Size;
            [Command("holds-unread")] public static int TakeHoldsUnread(HoldsUnread value) => value.Y;
            [Command("null-on-generic-text")] public static string TakeNullOnGenericText(NullOnGeneric<string> value) => value.Value ?? "none";
            [Command("keyword-not-read-set")] public static int TakeKeywordNotReadSet(KeywordNotReadSet value) => value.Y;

            [Command("make-required-not-read")] public static RequiredNotRead MakeRequiredNotRead() => new();
            [Command("make-null-on-number")] public static NullOnNumber MakeNullOnNumber() => new();
            [Command("make-null-on-struct")] public static NullOnStruct MakeNullOnStruct() => new();
            [Command("make-keyword-not-read")] public static KeywordNotRead MakeKeywordNotRead() => new() { Size = 1 };
            [Command("make-null-on-nullable")] public static NullOnNullable MakeNullOnNullable() => new();
            [Command("make-required-not-written")] public static RequiredNotWritten MakeRequiredNotWritten() => new();
            [Command("make-holds-unread")] public static HoldsUnread MakeHoldsUnread() => new();
            [Command("make-keyword-not-read-set")] public static KeywordNotReadSet MakeKeywordNotReadSet() => new() { Size = 1 };
        }
        """;

    [Theory]
    [InlineData("required-not-read", """{"Size":1}""")]
    [InlineData("required-not-read-init", """{"Size":1}""")]
    [InlineData("required-not-read-field", """{"Size":1}""")]
    [InlineData("required-not-read-bound", """{"Size":1}""")]
    [InlineData("null-on-number", """{"Size":1}""")]
    [InlineData("null-on-struct", """{"At":{"X":1}}""")]
    [InlineData("null-on-generic-number", """{"Value":1}""")]
    [InlineData("keyword-not-read", """{"Size":1}""")]
    [InlineData("keyword-ignored", """{"Y":1}""")]
    [InlineData("make-required-not-read", "null")]
    [InlineData("make-keyword-not-read", "null")]
    [InlineData("make-null-on-number", "null")]
    [InlineData("make-null-on-struct", "null")]
    public async Task Reported_shapes_fail_every_read_and_write(string command, string value) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")));

    [Theory]
    [InlineData("Sample.RequiredNotRead", "is marked required but does not specify a setter")]
    [InlineData("Sample.NullOnNumber", "is not valid on value-type member")]
    [InlineData("Sample.KeywordIgnored", "is marked required but does not specify a setter")]
    public void The_context_throws_InvalidOperationException_as_it_prepares_the_type(string type, string message)
    {
        var context = (JsonSerializerContext)samples.Commands.GetType("Sample.SampleJson").GetProperty("Default")!.GetValue(null)!;

        var error = Assert.Throws<InvalidOperationException>(() => context.GetTypeInfo(samples.Commands.GetType(type)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null-on-nullable", """{"Size":2}""", "2")]
    [InlineData("required-not-written", """{"Size":2}""", "2")]
    [InlineData("holds-unread", """{"Inner":{"X":1},"Y":2}""", "2")]
    [InlineData("null-on-generic-text", """{"Value":"t"}""", "t")]
    [InlineData("keyword-not-read-set", """{"Size":1,"Y":2}""", "2")]
    [InlineData("make-keyword-not-read-set", "null", "{'Size':1,'Y':0}")]
    [InlineData("make-null-on-nullable", "null", "{}")]
    [InlineData("make-required-not-written", "null", "{}")]
    [InlineData("make-holds-unread", "null", "{'Inner':{'X':0},'Y':0}")]
    public async Task Shapes_not_reported_work(string command, string value, string message)
    {
        using var answer = JsonDocument.Parse(await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")));
        Assert.Equal("0", answer.RootElement.GetProperty("returncode").GetString());
        Assert.Equal(message, answer.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void The_analyzer_reports_exactly_the_shapes_that_fail() =>
        Assert.Equal(
            [
                "GA0020 TakeRequiredNotRead", "GA0020 TakeRequiredNotReadInit", "GA0020 TakeRequiredNotReadField", "GA0020 TakeRequiredNotReadBound",
                "GA0020 TakeNullOnNumber", "GA0020 TakeNullOnStruct", "GA0020 TakeNullOnGenericNumber", "GA0020 TakeKeywordNotRead", "GA0020 TakeKeywordIgnored",
                "GA0021 MakeRequiredNotRead", "GA0021 MakeNullOnNumber", "GA0021 MakeNullOnStruct", "GA0021 MakeKeywordNotRead",
            ],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));

    [Fact]
    public void The_messages_name_the_member_and_the_fix()
    {
        var messages = samples.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(messages, m => m.Contains(
            "'RequiredNotRead.Size' is marked [JsonRequired] but also [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)], so the context never sets it: "
            + "it throws InvalidOperationException whenever it reads or writes a 'RequiredNotRead'; remove one of the two", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains(
            "'NullOnStruct.At' is marked [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] but its type 'Point' is a value type, never null, "
            + "so the context throws InvalidOperationException whenever it reads or writes a 'NullOnStruct'; use JsonIgnoreCondition.WhenWritingDefault, or make the type nullable", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains(
            "'KeywordNotRead.Size' is a C# required member but also marked [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)], so the context counts it required but never sets it: "
            + "it throws InvalidOperationException whenever it reads or writes a 'KeywordNotRead'; remove 'required' or the [JsonIgnore]", StringComparison.Ordinal));
    }

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
