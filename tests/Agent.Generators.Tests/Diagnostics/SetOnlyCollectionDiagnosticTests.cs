using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0026: a property with a setter and no getter the JSON context calls, of a type System.Text.Json
/// reads as a collection, inside a parameter's type: the context never sets it (the real context
/// leaving such members unset is <c>SetOnlyCollectionExecutionTests</c>). Reported at the property, once
/// however many commands' types hold it. Not for a set-only value (int, string, byte[], Memory&lt;byte&gt;,
/// a node, an object), one with a getter, under <c>[JsonInclude]</c>, with an <c>init</c> accessor,
/// an ignore condition of its own, a converter of its own, or bound by a constructor parameter: .NET 10's
/// context sets each of those (probed).
/// </summary>
public sealed class SetOnlyCollectionDiagnosticTests
{
    [Fact]
    public async Task GA0026_at_each_set_only_collection_once()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public class Sets
                {
                    public List<int> Items { set { } }
                    [JsonPropertyName("named")] public int[] Named { set { } }
                    public Dictionary<string, int> Map { set { } }
                    public IEnumerable<int> Seq { set { } }
                    public System.Collections.Immutable.ImmutableArray<int>? Imm { set { } }
                    public Memory<int> Mem { set { } }
                    public System.Collections.ArrayList Loose { set { } }
                    public List<int> PrivateGet { private get => []; set { } }
                    public System.Collections.IEnumerable Untyped { set { } }
                    public IAsyncEnumerable<int> Stream { set { } }

                    // Out of the contract.
                    public static List<int> Shared { set { } }
                    public List<int> this[int index] { set { } }
                    internal List<int> Hidden { set { } }

                    // Each of these is set (probed against .NET 10's source-generated context).
                    [JsonInclude] public List<int> Included { set { } }
                    public List<int> Both { get; set; } = [];
                    public int Number { set { } }
                    public string Text { set { } }
                    public byte[] Bytes { set { } }
                    public Memory<byte> MemoryBytes { set { } }
                    public System.Text.Json.Nodes.JsonArray Array { set { } }
                    public Item Object { set { } }
                    public List<int> Init { init { } }
                    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public List<int> Never { set { } }
                    [JsonConverter(typeof(ListConverter))] public List<int> Converted { set { } }
                    public Bag TypeConverted { set { } }
                    public JsonElement Element { set { } }
                }

                [JsonConverter(typeof(BagConverter))]
                public sealed class Bag : List<int>;

                public sealed class BagConverter : JsonConverter<Bag>
                {
                    public override Bag Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => [];
                    public override void Write(Utf8JsonWriter writer, Bag value, JsonSerializerOptions options) { }
                }

                public sealed class Derived : Sets;

                public sealed class Item { public int A { get; set; } }

                public sealed class Outer { public List<Sets> All { get; set; } = []; public Derived? One { get; set; } }

                // The constructor's parameter gets the value.
                public sealed class Bound(List<int> items) { public List<int> Items { set { } } public int Count => items.Count; }

                public sealed class ListConverter : JsonConverter<List<int>>
                {
                    public override List<int> Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => [];
                    public override void Write(Utf8JsonWriter writer, List<int> value, JsonSerializerOptions options) { }
                }

                public static class A
                {
                    [Command("sets")] public static void TakeSets(Sets sets) { }
                    [Command("again")] public static void TakeAgain(Sets sets) { }
                    [Command("derived")] public static void TakeDerived(Derived derived) { }
                    [Command("outer")] public static void TakeOuter(Outer outer) { }
                    [Command("bound")] public static void TakeBound(Bound bound) { }
                }
                """, "", "Sets", "Derived", "Outer", "Bound"),
            "GA0026", "Items", "Named", "Map", "Seq", "Imm", "Mem", "Loose", "PrivateGet", "Untyped", "Stream");

        Assert.Equal(
            "'Sets.Items' has a setter and no getter the JSON context calls, and System.Text.Json never sets a collection ('List<int>') through a setter alone, "
            + "so no request ever sets it and the request schema leaves it out; give it a public get accessor (marked [JsonInclude] instead, it is set, but the context throws whenever it writes a 'Sets')",
            Message(diagnostics[0]));
        Assert.Contains("'Sets.Imm' has a setter and no getter", Message(diagnostics[4]), StringComparison.Ordinal);
    }

    /// <summary>
    /// The context never sets the member but prepares its type all the same (probed: reading a
    /// <c>Holder</c> throws for <c>Bad</c>'s init-only extension data), so GA0020 still looks inside it.
    /// One marked Populate itself is GA0020's alone (the context throws: populating needs a getter).
    /// </summary>
    [Fact]
    public async Task GA0020_still_looks_inside_a_set_only_collection()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public sealed class Bad { [JsonExtensionData] public Dictionary<string, object>? X { get; init; } }

                public sealed class Holder
                {
                    #pragma warning disable GA0026
                    public List<Bad> Items { set { } }
                    #pragma warning restore GA0026
                    public int N { get; set; }
                }

                // Populate asked of a member without a getter: the context throws as it prepares the type.
                public sealed class Asked
                {
                    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<int> Items { set { } }
                }

                public static class A
                {
                    [Command("holder")] public static void TakeHolder(Holder holder) { }
                    [Command("asked")] public static void TakeAsked(Asked asked) { }
                }
                """, "", "Holder", "Asked"),
            "GA0020", "Holder", "Asked");

        Assert.Contains("'Bad.X' is marked [JsonExtensionData] but is init-only", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_for_a_base_property_a_derived_one_hides()
    {
        await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public class Base { public List<int> Items { set { } } }

                public sealed class Hiding : Base { public new List<int> Items { get; set; } = []; }

                public static class A
                {
                    [Command("hiding")] public static void TakeHiding(Hiding hiding) { }
                }
                """, "", "Hiding"),
            "GA0026");
    }

    /// <summary>
    /// A converter among the options' <c>Converters</c> that reads the property's type reads it as one value, and the context then
    /// sets it (probed: a <c>JsonConverter&lt;List&lt;int&gt;&gt;</c> there sets a set-only <c>List&lt;int&gt;</c>, required or not,
    /// and leaves a set-only <c>Dictionary&lt;string, int&gt;</c> beside it unset; a <c>JsonConverter&lt;ImmutableArray&lt;int&gt;&gt;</c>
    /// sets a set-only <c>ImmutableArray&lt;int&gt;?</c> through it). One that reads the type holding them reads it whole, so
    /// the context sets none of its members (OptionConverterExecutionTests). A factory, or a converter overriding
    /// <c>CanConvert</c>, may read any type, which is not known here: nothing is judged then.
    /// </summary>
    [Theory]
    [InlineData("typeof(ListConverter)", new[] { "Map", "Imm" })]
    [InlineData("typeof(ListConverter), typeof(ImmConverter)", new[] { "Map" })]
    [InlineData("typeof(ListConverter), typeof(AnyFactory)", new string[0])]
    [InlineData("typeof(ClaimingConverter)", new string[0])]
    [InlineData("typeof(ListConverter), typeof(SetsConverter)", new string[0])]
    public async Task Not_where_a_converter_among_the_options_may_read_the_type(string converters, string[] reported)
    {
        await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public sealed class Sets
                {
                    public List<int> Items { set { } }
                    public Dictionary<string, int> Map { set { } }
                    public System.Collections.Immutable.ImmutableArray<int>? Imm { set { } }
                }
                public sealed class Required { [JsonRequired] public List<int> Items { set { } } }

                public sealed class ListConverter : JsonConverter<List<int>>
                {
                    public override List<int> Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => [];
                    public override void Write(Utf8JsonWriter writer, List<int> value, JsonSerializerOptions options) { }
                }

                public sealed class ImmConverter : JsonConverter<System.Collections.Immutable.ImmutableArray<int>>
                {
                    public override System.Collections.Immutable.ImmutableArray<int> Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => [];
                    public override void Write(Utf8JsonWriter writer, System.Collections.Immutable.ImmutableArray<int> value, JsonSerializerOptions options) { }
                }

                // Reads a Sets whole: the context never looks at its members.
                public sealed class SetsConverter : JsonConverter<Sets>
                {
                    public override Sets Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) { reader.Skip(); return new(); }
                    public override void Write(Utf8JsonWriter writer, Sets value, JsonSerializerOptions options) => writer.WriteNullValue();
                }

                public sealed class AnyFactory : JsonConverterFactory
                {
                    public override bool CanConvert(Type type) => false;
                    public override JsonConverter? CreateConverter(Type type, JsonSerializerOptions options) => null;
                }

                public sealed class ClaimingConverter : JsonConverter<object>
                {
                    public override bool CanConvert(Type type) => true;
                    public override object? Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => null;
                    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) { }
                }

                public static class A
                {
                    [Command("sets")] public static void TakeSets(Sets sets, Required required) { }
                }
                """, $"[JsonSourceGenerationOptions(Converters = [{converters}])]", "Sets", "Required"),
            "GA0026",
            reported);
    }

    [Fact]
    public async Task A_pragma_at_the_property_silences_it()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public sealed class Sets
                {
                    #pragma warning disable GA0026
                    public List<int> Items { set { } }
                    #pragma warning restore GA0026
                    public List<int> Other { set { } }
                }

                public sealed class Wrapper { public Sets? Inner { get; set; } }

                public static class A
                {
                    [Command("wrapper")] public static void TakeWrapper(Wrapper wrapper) { }
                }
                """, "", "Wrapper"),
            "GA0026", "Other");

        // Named as the type that declares it, not the parameter's.
        Assert.StartsWith("'Sets.Other' has a setter and no getter", Message(diagnostics[0]), StringComparison.Ordinal);
    }
}
