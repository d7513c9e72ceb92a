using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// Types System.Text.Json cannot (or only silently wrongly) handle are GA0007/GA0008, never
/// GA0009: listing them on the JSON context would compile and then fail at run time.
/// </summary>
public sealed class UnsupportedTypeDiagnosticTests
{
    /// <summary><paramref name="types"/> with a context that lists the unsupported types they use (listing one must not silence GA0007 or GA0008).</summary>
    private static string ListingUnsupportedTypes(string types) =>
        HandWrittenJsonContext.Source(types, "", "object", "System.IO.Stream", "(int, int)", "IAsyncEnumerable<int>");

    [Fact]
    public async Task GA0007_for_parameters_without_a_usable_json_form_even_when_the_context_lists_them()
    {
        var diagnostics = await ReportsAsync(ListingUnsupportedTypes("""
            public delegate int Handler(int x);
            public static class A
            {
                [Command("o")] public static void O(object any) { }
                [Command("d")] public static void D(dynamic any) { }
                [Command("s")] public static void S(System.IO.Stream data) { }
                [Command("m")] public static void M(System.IO.MemoryStream data) { }
                [Command("e")] public static void E(IAsyncEnumerable<int> items) { }
                [Command("f")] public static void F(Func<int> callback) { }
                [Command("h")] public static void H(Handler handler) { }
                [Command("t")] public static void T((int, int) pair) { }
                [Command("n")] public static void N((int Count, string Name)? named) { }
                [Command("l")] public static void L(List<(int, int)> pairs) { }
                [Command("a")] public static void Arr(System.IO.Stream[] streams) { }
                [Command("g")] public static void G(Dictionary<string, List<Func<int>>> deep) { }
            }
            """), "GA0007",
            "object", "dynamic", "System.IO.Stream", "System.IO.MemoryStream", "IAsyncEnumerable<int>", "Func<int>", "Handler",
            "(int, int)", "(int Count, string Name)?", "List<(int, int)>", "System.IO.Stream[]", "Dictionary<string, List<Func<int>>>");

        Assert.Equal(
            "Parameter 'any' of command method 'A.O(object)' has type 'object', which cannot be bound from a JSON value: it says nothing about the JSON it stands for; use JsonElement for any JSON value, or a specific type",
            Message(diagnostics[0]));
        Assert.EndsWith("has type 'MemoryStream', which cannot be bound from a JSON value: a stream has no JSON form; take a string or a byte[] (base64) instead", Message(diagnostics[3]), StringComparison.Ordinal);
        Assert.EndsWith(
            "has type 'IAsyncEnumerable<int>', which cannot be bound from a JSON value: System.Text.Json writes IAsyncEnumerable<T> only asynchronously into a Stream and never reads it into a response; use T[] or List<T>",
            Message(diagnostics[4]),
            StringComparison.Ordinal);
        Assert.EndsWith("a delegate has no JSON form", Message(diagnostics[6]), StringComparison.Ordinal);
        Assert.EndsWith(
            "has type '(int, int)', which cannot be bound from a JSON value: System.Text.Json writes a value tuple as {} and reads nothing into it: its elements are fields (Item1, Item2 …), skipped unless IncludeFields is set; use a record",
            Message(diagnostics[7]),
            StringComparison.Ordinal);
        Assert.EndsWith("has type 'List<(int, int)>', which cannot be bound from a JSON value: '(int, int)' inside it: System.Text.Json writes a value tuple as {} and reads nothing into it: its elements are fields (Item1, Item2 …), skipped unless IncludeFields is set; use a record", Message(diagnostics[9]), StringComparison.Ordinal);
        Assert.EndsWith("'Func<int>' inside it: a delegate has no JSON form", Message(diagnostics[11]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0008_for_results_without_a_usable_json_form()
    {
        var diagnostics = await ReportsAsync(ListingUnsupportedTypes("""
            public static class A
            {
                [Command("o")] public static object O() => null!;
                [Command("s")] public static Task<System.IO.Stream> S() => null!;
                [Command("e")] public static async IAsyncEnumerable<int> E() { await Task.Yield(); yield return 1; }
                [Command("t")] public static ValueTask<(int, int)> T() => default;
                [Command("f")] public static Func<int> F() => null!;
            }
            """), "GA0008", "object", "Task<System.IO.Stream>", "IAsyncEnumerable<int>", "ValueTask<(int, int)>", "Func<int>");

        Assert.Equal(
            "Command method 'A.O()' returns 'object', which is not a supported return type: it says nothing about the JSON it stands for; use JsonElement for any JSON value, or a specific type",
            Message(diagnostics[0]));
        Assert.Equal(
            "Command method 'A.S()' returns 'Task<Stream>', which is not a supported return type: a stream has no JSON form; take a string or a byte[] (base64) instead",
            Message(diagnostics[1]));
    }

    /// <summary>
    /// .NET 10's context compiles for <c>int[,]</c> and then throws NotSupportedException on every
    /// read and write of it: each request was "failed with an internal error", with no diagnostic.
    /// </summary>
    [Fact]
    public async Task Multi_dimensional_arrays_are_refused_even_when_the_context_lists_them()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class A
            {
                [Command("p")] public static void P(int[,] grid) { }
                [Command("l")] public static void L(List<string[,,]> grids) { }
                [Command("j")] public static void J(int[][] jagged) { }
            }
            """, "", "int[,]", "List<string[,,]>", "int[][]"), "GA0007", "int[,]", "List<string[,,]>");
        await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class A { [Command("r")] public static Task<int[,]> R() => null!; }
            """, "", "int[,]"), "GA0008", "Task<int[,]>");

        Assert.Equal(
            "Parameter 'grid' of command method 'A.P(int[,])' has type 'int[,]', which cannot be bound from a JSON value: System.Text.Json reads and writes no multi-dimensional array; use a jagged array (T[][]) or a list of lists",
            Message(diagnostics[0]));
        Assert.EndsWith("'string[,,]' inside it: System.Text.Json reads and writes no multi-dimensional array; use a jagged array (T[][]) or a list of lists", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    /// <summary>
    /// A native-sized integer is refused as the parameter or result itself, and System.Text.Json
    /// refuses it inside a collection just the same (its unsupported-type converter throws
    /// NotSupportedException on every read and write of an item): <c>List&lt;nint&gt;</c>,
    /// <c>nuint[]</c> or a dictionary of them compiled with no diagnostic before session 67, and
    /// every request was "failed with an internal error".
    /// </summary>
    [Fact]
    public async Task Native_sized_integers_are_refused_inside_collections_too()
    {
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<List<nint>>("[1]", JsonSerializerOptions.Default));
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(new nuint[] { 1 }, JsonSerializerOptions.Default));

        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class A
            {
                [Command("l")] public static void L(List<nint> sizes) { }
                [Command("a")] public static void Arr(nuint?[] sizes) { }
                [Command("d")] public static void D(Dictionary<string, nint> sizes) { }
            }
            """, "", "List<nint>", "nuint?[]", "Dictionary<string, nint>"), "GA0007", "List<nint>", "nuint?[]", "Dictionary<string, nint>");
        await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class A { [Command("r")] public static Task<nint[]> R() => null!; }
            """, "", "nint[]"), "GA0008", "Task<nint[]>");

        Assert.EndsWith("has type 'List<nint>', which cannot be bound from a JSON value: 'nint' inside it: a native-sized integer has no portable JSON form; use int or long", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    /// <summary>
    /// A dictionary is a JSON object, so its key must become a property name: .NET 10's context
    /// compiles for <c>Dictionary&lt;Pt, int&gt;</c> and throws NotSupportedException on every read
    /// (and every write of a non-empty one); each request was "failed with an internal error". The
    /// keys accepted here were each read by a real context in a probe (strings, numbers, enums, Guid,
    /// dates and times, Uri, Version).
    /// </summary>
    [Fact]
    public async Task Dictionaries_keyed_by_a_type_without_a_property_name_form_are_refused()
    {
        const string Types = """
            public record struct Pt(int X);
            [System.Text.Json.Serialization.JsonConverter(typeof(KeyedConverter))] public record Keyed(string Name);
            public class KeyedConverter : System.Text.Json.Serialization.JsonConverter<Keyed>
            {
                public override Keyed Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new(reader.GetString()!);
                public override void Write(Utf8JsonWriter writer, Keyed value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
                public override Keyed ReadAsPropertyName(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new(reader.GetString()!);
            }
            // Its base class gives the property name.
            [System.Text.Json.Serialization.JsonConverter(typeof(DerivedKeyedConverter))] public record DerivedKeyed(string Name);
            public class DerivedKeyedBase : System.Text.Json.Serialization.JsonConverter<DerivedKeyed>
            {
                public override DerivedKeyed Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new(reader.GetString()!);
                public override void Write(Utf8JsonWriter writer, DerivedKeyed value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
                public override void WriteAsPropertyName(Utf8JsonWriter writer, DerivedKeyed value, JsonSerializerOptions options) => writer.WritePropertyName(value.Name);
            }
            public sealed class DerivedKeyedConverter : DerivedKeyedBase { }
            // A factory's converters are not known here.
            [System.Text.Json.Serialization.JsonConverter(typeof(MadeKeyFactory))] public record MadeKey(string Name);
            public sealed class MadeKeyFactory : System.Text.Json.Serialization.JsonConverterFactory
            {
                public override bool CanConvert(Type type) => type == typeof(MadeKey);
                public override System.Text.Json.Serialization.JsonConverter? CreateConverter(Type type, JsonSerializerOptions options) => null;
            }
            [System.Text.Json.Serialization.JsonConverter(typeof(UnnamedConverter))] public record Unnamed(string Name);
            public sealed class UnnamedConverter : System.Text.Json.Serialization.JsonConverter<Unnamed>
            {
                public override Unnamed Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new(reader.GetString()!);
                public override void Write(Utf8JsonWriter writer, Unnamed value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
            }
            public static class A
            {
                [Command("p")] public static void P(Dictionary<Pt, int> byPoint) { }
                [Command("e")] public static void E(IReadOnlyDictionary<JsonElement, int> byElement) { }
                [Command("n")] public static void N(List<SortedDictionary<int[], string>> nested) { }
                [Command("o")] public static void O(IDictionary<object, int> byObject) { }
                [Command("u")] public static void U(Dictionary<Unnamed, int> byUnnamed) { }
                [Command("ok")] public static void Ok(Dictionary<string, int> a, Dictionary<DayOfWeek, int> b, Dictionary<Guid, int> c, Dictionary<DateTimeOffset, int> d,
                    Dictionary<Version, int> e, Dictionary<double, int> f, Dictionary<Keyed, int> g, Dictionary<Uri, int> i, Dictionary<DerivedKeyed, int> j, Dictionary<MadeKey, int> k) { }
            }
            """;
        string[] listed = ["Dictionary<Pt, int>", "IReadOnlyDictionary<JsonElement, int>", "List<SortedDictionary<int[], string>>", "IDictionary<object, int>", "Dictionary<Unnamed, int>",
            "Dictionary<string, int>", "Dictionary<DayOfWeek, int>", "Dictionary<Guid, int>", "Dictionary<DateTimeOffset, int>", "Dictionary<Version, int>", "Dictionary<double, int>",
            "Dictionary<Keyed, int>", "Dictionary<Uri, int>", "Dictionary<DerivedKeyed, int>", "Dictionary<MadeKey, int>"];
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source(Types, "", listed), "GA0007",
            "Dictionary<Pt, int>", "IReadOnlyDictionary<JsonElement, int>", "List<SortedDictionary<int[], string>>", "IDictionary<object, int>", "Dictionary<Unnamed, int>");

        Assert.Equal(
            "Parameter 'byPoint' of command method 'A.P(Dictionary<Pt, int>)' has type 'Dictionary<Pt, int>', which cannot be bound from a JSON value: System.Text.Json writes a dictionary as a JSON object and has no property name for a key of type 'Pt' (it throws NotSupportedException); key it by a string, a number, an enum or a Guid",
            Message(diagnostics[0]));
        Assert.Contains("'SortedDictionary<int[], string>' inside it: ", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.Equal(
            "Parameter 'byObject' of command method 'A.O(IDictionary<object, int>)' has type 'IDictionary<object, int>', which cannot be bound from a JSON value: System.Text.Json reads no object key (it throws NotSupportedException) and writes one only when the key's run-time type is in the JSON context; key it by a string",
            Message(diagnostics[3]));
        await ReportsAsync(HandWrittenJsonContext.Source("""
            public record struct Pt(int X);
            public static class A { [Command("r")] public static Dictionary<Pt, int> R() => new(); }
            """, "", "Dictionary<Pt, int>"), "GA0008", "Dictionary<Pt, int>");

        // Written, an object key fails unless its run-time type has metadata in the context (a
        // string key in a context that lists no string answered 500), so results are refused too.
        await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class A { [Command("r")] public static Dictionary<object, int> R() => new() { ["a"] = 1 }; }
            """, "", "Dictionary<object, int>"), "GA0008", "Dictionary<object, int>");

        // A converter of its own that overrides neither ReadAsPropertyName nor WriteAsPropertyName gives no property name.
        Assert.Equal(
            "Parameter 'byUnnamed' of command method 'A.U(Dictionary<Unnamed, int>)' has type 'Dictionary<Unnamed, int>', which cannot be bound from a JSON value: System.Text.Json writes a dictionary as a JSON object, and 'UnnamedConverter', the converter of its key type 'Unnamed', overrides neither ReadAsPropertyName nor WriteAsPropertyName (so it throws NotSupportedException); override them, or key it by a string, a number, an enum or a Guid",
            Message(diagnostics[4]));

        // A converter among the context's Converters gives a key type its property-name form when it overrides them...
        const string PointConverters = """
            public sealed class PtConverter : System.Text.Json.Serialization.JsonConverter<Pt>
            {
                public override Pt Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new(reader.GetInt32());
                public override void Write(Utf8JsonWriter writer, Pt value, JsonSerializerOptions options) => writer.WriteNumberValue(value.X);
            }
            public sealed class NamingPtConverter : System.Text.Json.Serialization.JsonConverter<Pt>
            {
                public override Pt Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new(reader.GetInt32());
                public override void Write(Utf8JsonWriter writer, Pt value, JsonSerializerOptions options) => writer.WriteNumberValue(value.X);
                public override Pt ReadAsPropertyName(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new(int.Parse(reader.GetString()!));
                public override void WriteAsPropertyName(Utf8JsonWriter writer, Pt value, JsonSerializerOptions options) => writer.WritePropertyName(value.X.ToString());
            }
            public sealed class UnnamedListConverter : System.Text.Json.Serialization.JsonConverter<List<SortedDictionary<int[], string>>>
            {
                public override List<SortedDictionary<int[], string>> Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) { reader.Skip(); return []; }
                public override void Write(Utf8JsonWriter writer, List<SortedDictionary<int[], string>> value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Count);
            }
            """;
        await ReportsAsync(HandWrittenJsonContext.Source(Types + PointConverters, "[JsonSourceGenerationOptions(Converters = [typeof(NamingPtConverter), typeof(UnnamedListConverter)])]", listed), "GA0007",
            "IReadOnlyDictionary<JsonElement, int>", "IDictionary<object, int>", "Dictionary<Unnamed, int>");

        // ...and not when it does not (the first that reads the key is the one used).
        diagnostics = await ReportsAsync(HandWrittenJsonContext.Source(Types + PointConverters, "[JsonSourceGenerationOptions(Converters = [typeof(PtConverter), typeof(NamingPtConverter)])]", listed), "GA0007",
            "Dictionary<Pt, int>", "IReadOnlyDictionary<JsonElement, int>", "List<SortedDictionary<int[], string>>", "IDictionary<object, int>", "Dictionary<Unnamed, int>");
        Assert.Contains("'PtConverter', the converter of its key type 'Pt', overrides neither", Message(diagnostics[0]), StringComparison.Ordinal);

        // The options' converter comes before the key type's own, which names keys (as the real context has it).
        diagnostics = await ReportsAsync(HandWrittenJsonContext.Source(Types + """
            public sealed class PlainKeyedConverter : System.Text.Json.Serialization.JsonConverter<Keyed>
            {
                public override Keyed Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new(reader.GetString()!);
                public override void Write(Utf8JsonWriter writer, Keyed value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
            }
            """, "[JsonSourceGenerationOptions(Converters = [typeof(PlainKeyedConverter)])]", listed), "GA0007",
            "Dictionary<Pt, int>", "IReadOnlyDictionary<JsonElement, int>", "List<SortedDictionary<int[], string>>", "IDictionary<object, int>", "Dictionary<Unnamed, int>", "Dictionary<Keyed, int>");
        Assert.Contains("'PlainKeyedConverter', the converter of its key type 'Keyed', overrides neither", Message(diagnostics[5]), StringComparison.Ordinal);

        // A factory among them may read any key: none is judged.
        await ReportsAsync(HandWrittenJsonContext.Source(Types + """
            public sealed class AnyFactory : System.Text.Json.Serialization.JsonConverterFactory
            {
                public override bool CanConvert(Type type) => true;
                public override System.Text.Json.Serialization.JsonConverter? CreateConverter(Type type, JsonSerializerOptions options) => null;
            }
            """, "[JsonSourceGenerationOptions(Converters = [typeof(AnyFactory)])]", listed), "GA0007");
    }

    /// <summary>
    /// A converter among the options comes before System.Text.Json's own handling: what it reads is not refused (as the
    /// real context has it, see OptionConverterExecutionTests), but for pointers and delegates. A converter of exactly the
    /// type is needed (one of MemoryStream does not read a Stream).
    /// </summary>
    [Fact]
    public async Task What_a_converter_among_the_options_reads_is_not_refused()
    {
        const string Types = """
            public sealed class PairConverter : System.Text.Json.Serialization.JsonConverter<(int, int)>
            {
                public override (int, int) Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => (reader.GetInt32(), 0);
                public override void Write(Utf8JsonWriter writer, (int, int) value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Item1);
            }
            public sealed class TypeConverter : System.Text.Json.Serialization.JsonConverter<Type>
            {
                public override Type Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => typeof(int);
                public override void Write(Utf8JsonWriter writer, Type value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
            }
            public sealed class MemoryConverter : System.Text.Json.Serialization.JsonConverter<System.IO.MemoryStream>
            {
                public override System.IO.MemoryStream Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new(reader.GetBytesFromBase64());
                public override void Write(Utf8JsonWriter writer, System.IO.MemoryStream value, JsonSerializerOptions options) => writer.WriteBase64StringValue(value.ToArray());
            }
            public sealed class GridConverter : System.Text.Json.Serialization.JsonConverter<int[,]>
            {
                public override int[,] Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new int[1, 1];
                public override void Write(Utf8JsonWriter writer, int[,] value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Length);
            }
            public sealed class ActionConverter : System.Text.Json.Serialization.JsonConverter<Action>
            {
                public override Action Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => () => { };
                public override void Write(Utf8JsonWriter writer, Action value, JsonSerializerOptions options) => writer.WriteNullValue();
            }
            public static class A
            {
                [Command("pair")] public static void Pair((int, int) pair, List<(int, int)> pairs) { }
                [Command("type")] public static void T(Type type) { }
                [Command("memory")] public static void Memory(System.IO.MemoryStream memory) { }
                [Command("grid")] public static void Grid(int[,] grid) { }
                [Command("named")] public static void Named((int, string) named) { }
                [Command("stream")] public static void Stream(System.IO.Stream stream) { }
                [Command("action")] public static void Act(Action action) { }
            }
            """;
        string[] listed = ["(int, int)", "List<(int, int)>", "Type", "System.IO.MemoryStream", "int[,]", "(int, string)", "System.IO.Stream", "Action"];
        const string Options = "[JsonSourceGenerationOptions(Converters = [typeof(PairConverter), typeof(TypeConverter), typeof(MemoryConverter), typeof(GridConverter), typeof(ActionConverter)])]";
        await ReportsAsync(HandWrittenJsonContext.Source(Types, Options, listed), "GA0007", "(int, string)", "System.IO.Stream", "Action");

        // Without them, each is refused.
        await ReportsAsync(HandWrittenJsonContext.Source(Types, "", listed), "GA0007",
            "(int, int)", "List<(int, int)>", "Type", "System.IO.MemoryStream", "int[,]", "(int, string)", "System.IO.Stream", "Action");
    }

    /// <summary>System.Text.Json throws NotSupportedException for these, listed or not: each request failed with an internal error.</summary>
    [Fact]
    public async Task Types_and_other_reflection_objects_are_refused()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class A
            {
                [Command("t")] public static void T(Type type) { }
                [Command("m")] public static void M(List<System.Reflection.MethodInfo> methods) { }
            }
            """, "", "Type", "List<System.Reflection.MethodInfo>"), "GA0007", "Type", "List<System.Reflection.MethodInfo>");

        Assert.Equal(
            "Parameter 'type' of command method 'A.T(Type)' has type 'Type', which cannot be bound from a JSON value: System.Text.Json reads and writes no Type or other reflection object (it throws NotSupportedException); take a name as a string",
            Message(diagnostics[0]));
        await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class A { [Command("r")] public static Type R() => typeof(int); }
            """, "", "Type"), "GA0008", "Type");
    }

    [Fact]
    public async Task Value_tuples_are_refused_under_IncludeFields_too_for_the_names_they_lose()
    {
        // Under IncludeFields the context writes (1, "a") as {"Item1":1,"Item2":"a"}: it works,
        // but the element names never reach the wire.
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class A
            {
                [Command("t")] public static void T((int Count, string Name) pair) { }
            }
            """, "[JsonSourceGenerationOptions(IncludeFields = true)]", "(int Count, string Name)"), "GA0007", "(int Count, string Name)");

        Assert.EndsWith(
            "which cannot be bound from a JSON value: System.Text.Json writes a value tuple's elements as Item1, Item2 …, never by their names, so its JSON would not say what they are; use a record",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0007_for_pointers()
    {
        var compilation = TestCompiler.Compile(Usings + """
            public static unsafe class A
            {
                [Command("p")] public static void P(int* pointer) { }
                [Command("a")] public static void Arr(int*[] pointers) { }
                [Command("f")] public static void F(delegate*<int> function) { }
            }
            """);
        var diagnostics = await ReportsAsync(compilation.WithOptions(compilation.Options.WithAllowUnsafe(true)), "GA0007", "int*", "int*[]", "delegate*<int>");

        Assert.EndsWith("which cannot be bound from a JSON value: a pointer has no JSON form", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.EndsWith("which cannot be bound from a JSON value: 'int*' inside it: a pointer has no JSON form", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Object_inside_a_collection_is_still_left_to_the_json_context() =>
        await ReportsAsync("""
            public static class A
            {
                [Command("x")] public static void Run(Dictionary<string, object> bag) { }
                [Command("y")] public static Tuple<int, int> Pair() => null!;
            }
            """, "GA0009", "Dictionary<string, object>", "Tuple<int, int>");
}
