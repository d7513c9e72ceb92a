using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;
using static GuestAgent.Generators.Tests.Infrastructure.HandWrittenJsonContext;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0021: a result type the JSON context cannot write, at the return type (the real context's
/// behaviour for each shape is in <c>UnwritableResultExecutionTests</c>).
/// </summary>
public sealed class UnwritableResultDiagnosticTests
{
    [Fact]
    public async Task A_result_the_context_fails_to_prepare_is_reported_with_why_writing_fails()
    {
        var diagnostics = await ReportsAsync(Source("""
            public sealed class CasePair(int count) { public int Count { get; } = count; public int count { get; set; } }

            public sealed class Holder { public CasePair? Pair { get; set; } }

            public sealed class Move(int speed) { public int Other { get; } = speed; }

            public static class A
            {
                [Command("a")] public static CasePair Ma() => new(1);
                [Command("b")] public static Task<Holder> Mb() => Task.FromResult(new Holder());
                [Command("d")] public static Move Md() => new(1);
            }
            """, "", "CasePair", "Holder", "Move"), "GA0021", "CasePair", "Task<Holder>");

        Assert.Equal(
            "Command method 'A.Ma()' returns 'CasePair', which the assembly's JSON context cannot write, so calls fail after the method has run and are answered with an internal error: "
            + "the constructor 'CasePair(int count)' System.Text.Json creates 'CasePair' with has the parameter 'count', which binds to both 'Count' and 'count' "
            + "(members whose names differ only in case), so the context throws InvalidOperationException whenever it reads or writes a 'CasePair'; "
            + "rename one of them, or make one internal (without [JsonInclude])",
            Message(diagnostics[0]));
        Assert.Contains("returns 'Holder', which the assembly's JSON context cannot write", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains(": at 'Holder.Pair', the constructor 'CasePair(int count)'", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_faults_found_as_the_type_is_prepared_are_reported_for_a_result()
    {
        await ReportsAsync(Source("""
            public sealed class Frozen { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public ReadOnlyCollection<int> Items { get; } = new(new List<int>()); }

            public sealed class Limits { public int Max { get; init; } }
            public sealed class Limited { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Limits Limits { get; } = new(); }

            public sealed class Move(int speed) { public int Other { get; } = speed; }

            public static class A
            {
                [Command("a")] public static Frozen Ma() => new();
                [Command("b")] public static Limited Mb() => new();
                [Command("c")] public static Move Mc() => new(1);
            }
            """, "", "Frozen", "Limited", "Move"), "GA0021");
    }

    [Fact]
    public async Task A_converter_in_the_options_writes_the_type_it_names_and_nothing_else()
    {
        const string Types = """
            public sealed class CasePair(int count) { public int Count { get; } = count; public int count { get; set; } }
            public sealed class OtherPair(int count) { public int Count { get; } = count; public int count { get; set; } }
            public sealed class Holder { public CasePair? Pair { get; set; } }

            public sealed class PairConverter : JsonConverter<CasePair>
            {
                public override CasePair Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt32());
                public override void Write(Utf8JsonWriter writer, CasePair value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Count);
            }

            public sealed class AnyFactory : JsonConverterFactory
            {
                public override bool CanConvert(Type type) => true;
                public override JsonConverter? CreateConverter(Type type, JsonSerializerOptions options) => null;
            }

            public static class A
            {
                [Command("a")] public static CasePair Ma() => new(1);
                [Command("b")] public static Holder Mb() => new();
                [Command("c")] public static OtherPair Mc() => new(1);
            }
            """;
        await ReportsAsync(Source(Types, "[JsonSourceGenerationOptions(Converters = [typeof(PairConverter)])]", "CasePair", "Holder", "OtherPair"), "GA0021", "OtherPair");

        // A factory may write any type: which ones is not known here, so nothing is reported.
        await ReportsAsync(Source(Types, "[JsonSourceGenerationOptions(Converters = [typeof(AnyFactory)])]", "CasePair", "Holder", "OtherPair"), "GA0021");
    }
}
