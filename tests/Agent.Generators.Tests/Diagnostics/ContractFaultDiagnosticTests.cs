using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;
using static GuestAgent.Generators.Tests.Infrastructure.HandWrittenJsonContext;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0020 and GA0021 for the contract faults beyond constructor binding and Populate (the real
/// context's behaviour for each is in <c>ContractFaultExecutionTests</c>): their messages, and the
/// neighbouring shapes the real context reads, which are not reported.
/// </summary>
public sealed class ContractFaultDiagnosticTests
{
    [Fact]
    public async Task A_JsonPolymorphic_without_a_JsonDerivedType_fails_reads_and_writes()
    {
        var diagnostics = await ReportsAsync(Source("""
            [JsonPolymorphic]
            public class Poly { public int X { get; set; } }
            public sealed class Holder { public List<Poly>? Items { get; set; } }

            [JsonPolymorphic] [JsonDerivedType(typeof(Leaf), "leaf")]
            public class Listed { public int X { get; set; } }
            public sealed class Leaf : Listed { }

            public static class A
            {
                [Command("a")] public static void Ma(Holder holder, Listed listed) { }
            }
            """, "", "Holder", "Listed"), "GA0020", "Holder");

        Assert.EndsWith(
            "at 'Holder.Items', 'Poly' is marked [JsonPolymorphic] but names no [JsonDerivedType], so the context throws InvalidOperationException whenever it reads or writes a 'Poly'; "
            + "add a [JsonDerivedType] for each derived type, or remove [JsonPolymorphic]",
            Message(diagnostics[0]),
            StringComparison.Ordinal);

        await ReportsAsync(Source("""
            [JsonPolymorphic]
            public class Poly { public int X { get; set; } }

            public static class A
            {
                [Command("a")] public static Poly Ma() => new();
            }
            """, "", "Poly"), "GA0021", "Poly");
    }

    [Fact]
    public async Task A_JsonRequired_property_without_a_setter_the_context_calls_fails_reads_and_writes()
    {
        var diagnostics = await ReportsAsync(Source("""
            public sealed class Getter { [JsonRequired] public int Size { get; } }
            public sealed class Bound(int size) { [JsonRequired] public int Size { get; } = size; }
            public sealed class InternalSet { [JsonRequired] public int Size { get; internal set; } }

            public sealed class Init { [JsonRequired] public int Size { get; init; } }
            public sealed class Included { [JsonRequired, JsonInclude] public int Size { get; internal set; } }

            public static class A
            {
                [Command("a")] public static void Ma(Getter getter) { }
                [Command("b")] public static void Mb(Bound bound) { }
                [Command("c")] public static void Mc(InternalSet internalSet) { }
                [Command("d")] public static void Md(Init init, Included included) { }
            }
            """, "", "Getter", "Bound", "InternalSet", "Init", "Included"), "GA0020", "Getter", "Bound", "InternalSet");

        Assert.EndsWith(
            "'Getter.Size' is marked [JsonRequired] but has no setter the context calls, so the context throws InvalidOperationException whenever it reads or writes a 'Getter'; "
            + "give it a public set or init accessor (or an internal one with [JsonInclude]), or remove [JsonRequired]",
            Message(diagnostics[0]),
            StringComparison.Ordinal);

        await ReportsAsync(Source("""
            public sealed class Getter { [JsonRequired] public int Size { get; } }

            public static class A
            {
                [Command("a")] public static Getter Ma() => new();
            }
            """, "", "Getter"), "GA0021", "Getter");
    }

    /// <summary>
    /// A required collection with a setter and no getter: the context never sets it (GA0026's rule), then
    /// finds a required member without a setter as it prepares the type. Not so once
    /// <c>[SetsRequiredMembers]</c> makes a C# required one optional (GA0026 then), or with a getter.
    /// </summary>
    [Fact]
    public async Task A_required_collection_with_a_setter_and_no_getter_fails_reads_and_writes()
    {
        var diagnostics = await ReportsAsync(Source("""
            public sealed class Marked { [JsonRequired] public List<int> Items { set { } } }
            public sealed class Keyword { public required Dictionary<string, int> Map { set { } } }

            #pragma warning disable GA0026 // Optional now, so never set: GA0026's (SetOnlyCollectionDiagnosticTests).
            public sealed class Released { [System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public Released() { } public required List<int> Items { set { } } }
            #pragma warning restore GA0026
            public sealed class Gettable { [JsonRequired] public List<int> Items { get; set; } = []; }

            public static class A
            {
                [Command("a")] public static void Ma(Marked marked, Keyword keyword) { }
                [Command("b")] public static void Mb(Released released, Gettable gettable) { }
            }
            """, "", "Marked", "Keyword", "Released", "Gettable"), "GA0020", "Marked", "Keyword");

        Assert.EndsWith(
            "'Marked.Items' is marked [JsonRequired] but a collection ('List<int>') with a setter and no getter the context calls, which System.Text.Json never sets, "
            + "so the context throws InvalidOperationException whenever it reads or writes a 'Marked'; give it a public get accessor, or remove [JsonRequired]",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
        Assert.EndsWith("or remove 'required'", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonNumberHandling_on_a_member_that_is_no_number_nor_a_collection_of_numbers_fails_reads_and_writes()
    {
        var diagnostics = await ReportsAsync(Source("""
            public sealed class Text { [JsonNumberHandling(JsonNumberHandling.WriteAsString)] public string Name { get; set; } = ""; }
            public sealed class Nested { [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public List<List<int>> Rows { get; set; } = []; }
            public sealed class Bytes { [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public byte[] Data { get; set; } = []; }
            public sealed class Conditional { [JsonNumberHandling(JsonNumberHandling.WriteAsString), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; set; } }
            public sealed class Holder { public Text? Text { get; set; } }

            // Numbers, object and collections of them take it; the type's own applies to its numbers only; an ignored member is never prepared.
            public sealed class Numbers
            {
                [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int? Count { get; set; }
                [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public Half Ratio { get; set; }
                [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public object? Any { get; set; }
                [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public List<long?> Sizes { get; set; } = [];
                [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public Dictionary<string, double> Weights { get; set; } = new();
                [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public Memory<int> Window { get; set; }
                [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public System.Collections.ArrayList Loose { get; set; } = [];
                [JsonNumberHandling(JsonNumberHandling.WriteAsString), JsonIgnore] public string Ignored { get; set; } = "";
                [JsonNumberHandling(JsonNumberHandling.WriteAsString)] private string Hidden { get; set; } = "";
            }
            [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
            public sealed class TypeLevel { public string Name { get; set; } = ""; public int Count { get; set; } }

            public static class A
            {
                [Command("a")] public static void Ma(Text text, Nested nested, Bytes bytes, Conditional conditional, Holder holder) { }
                [Command("b")] public static void Mb(Numbers numbers, TypeLevel typeLevel) { }
            }
            """, "", "Text", "Nested", "Bytes", "Conditional", "Holder", "Numbers", "TypeLevel"), "GA0020", "Text", "Nested", "Bytes", "Conditional", "Holder");

        Assert.EndsWith(
            "'Text.Name' is marked [JsonNumberHandling], which System.Text.Json allows only on a number or a collection of numbers, and its type is 'string', "
            + "so the context throws InvalidOperationException whenever it reads or writes a 'Text'; remove the attribute, or put it on the type (it then applies to the type's numbers only)",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
        Assert.Contains("at 'Holder.Text', 'Text.Name' is marked [JsonNumberHandling]", Message(diagnostics[4]), StringComparison.Ordinal);

        await ReportsAsync(Source("""
            public sealed class Text { [JsonNumberHandling(JsonNumberHandling.WriteAsString)] public string Name { get; set; } = ""; }

            public static class A
            {
                [Command("a")] public static Text Ma() => new();
            }
            """, "", "Text"), "GA0021", "Text");
    }

    [Theory]
    [InlineData("", "Pair Inherited", "'Pair.Count' and 'Pair.Size' both go by the name 'Size' in JSON, so the context throws InvalidOperationException whenever it reads or writes a 'Pair'")]
    [InlineData("[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]", "Policy CaseOnly",
        "'Policy.FooBar' and 'Policy.foo_bar' both go by the name 'foo_bar' in JSON, so the context throws InvalidOperationException whenever it reads or writes a 'Policy'")]
    [InlineData("[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]", "Pair Inherited CaseOnly",
        "'Pair.Count' and 'Pair.Size' both go by the name 'Size' in JSON (ignoring case, as the options compare names), so the context throws InvalidOperationException whenever it reads or writes a 'Pair'")]
    [InlineData("[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]", "Pair Inherited CaseOnly",
        "'Pair.Count' and 'Pair.Size' both go by the name 'size' in JSON (ignoring case, as the options compare names), so the context throws InvalidOperationException whenever it reads or writes a 'Pair'")]
    public async Task Two_members_going_by_one_name_in_JSON_fail_reads_and_writes(string options, string reported, string message)
    {
        var diagnostics = await ReportsAsync(Source("""
            public sealed class Pair { [JsonPropertyName("Size")] public int Count { get; set; } public int Size { get; set; } }
            public class Base { public int Total { get; set; } }
            public sealed class Inherited : Base { [JsonPropertyName("Total")] public int Sum { get; set; } }
            public sealed class Policy { public int FooBar { get; set; } public int foo_bar { get; set; } public int Other { get; set; } }
            public sealed class CaseOnly { public int Value { get; set; } public int value { get; set; } }

            // An ignored member, a hidden one and extension data go by no name.
            public sealed class Ignored { [JsonPropertyName("Size")] public int Count { get; set; } [JsonIgnore] public int Size { get; set; } }
            public sealed class Hiding : Base { public new int Total { get; set; } }
            public sealed class Extra { [JsonExtensionData, JsonPropertyName("Size")] public Dictionary<string, object>? Bag { get; set; } public int Size { get; set; } }

            public static class A
            {
                [Command("a")] public static void Ma(Pair pair, Inherited inherited, Policy policy, CaseOnly caseOnly) { }
                [Command("b")] public static void Mb(Ignored ignored, Hiding hiding, Extra extra) { }
            }
            """, options, "Pair", "Inherited", "Policy", "CaseOnly", "Ignored", "Hiding", "Extra"), "GA0020", reported.Split(' '));

        Assert.EndsWith(
            message + "; give one another name with [JsonPropertyName], or mark one [JsonIgnore]",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_constructor_parameters_fail_a_value_populated_in_place_whose_member_has_no_setter()
    {
        var diagnostics = await ReportsAsync(Source("""
            public sealed class Sized(int size) { public int Size { get; } = size; public int Count { get; set; } }
            public sealed class HoldsSized { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Sized Inner { get; } = new(7); }

            public sealed class Settable(int size) { public int Size { get; set; } = size; }
            public sealed class HoldsSettable { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Settable Inner { get; } = new(7); }

            public sealed class Defaulted(int size = 1) { public int Size { get; } = size; }
            public sealed class HoldsDefaulted { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Defaulted Inner { get; } = new(7); }

            public static class A
            {
                [Command("a")] public static void Ma(HoldsSized value) { }
                [Command("b")] public static void Mb(HoldsSettable settable, HoldsDefaulted defaulted, Sized sized) { }
            }
            """, "[JsonSourceGenerationOptions(RespectRequiredConstructorParameters = true)]", "HoldsSized", "HoldsSettable", "HoldsDefaulted", "Sized"), "GA0020", "HoldsSized");

        Assert.EndsWith(
            "at 'HoldsSized.Inner', a 'Sized' here is populated in place, never created, but the context's options set RespectRequiredConstructorParameters, "
            + "which makes the parameter 'size' of its constructor 'Sized(int size)' required, and 'Size', which it binds, has no setter the context calls, so it is never read: "
            + "the context throws JsonException (missing required properties) for every request that sends this value; give 'Size' a setter, give 'size' a default value, or remove the Populate",
            Message(diagnostics[0]),
            StringComparison.Ordinal);

        // Without the option the parameter is not required: nothing to report.
        await ReportsAsync(Source("""
            public sealed class Sized(int size) { public int Size { get; } = size; public int Count { get; set; } }
            public sealed class HoldsSized { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Sized Inner { get; } = new(7); }

            public static class A
            {
                [Command("a")] public static void Ma(HoldsSized value) { }
            }
            """, "", "HoldsSized"), "GA0020");
    }

    [Fact]
    public async Task A_JsonPolymorphic_without_a_JsonDerivedType_is_reported_on_a_type_or_member_with_a_converter_of_its_own()
    {
        const string Types = """
            [JsonPolymorphic] [JsonConverter(typeof(PolyConverter))]
            public class Poly { public int X { get; set; } }
            public sealed class PolyConverter : JsonConverter<Poly>
            {
                public override Poly Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new();
                public override void Write(Utf8JsonWriter writer, Poly value, JsonSerializerOptions options) { }
            }
            public sealed class Holder { [JsonConverter(typeof(PolyConverter))] public Poly? Inner { get; set; } }

            """;
        var diagnostics = await ReportsAsync(Source(Types + """
            public static class A
            {
                [Command("a")] public static void Ma(Poly poly) { }
                [Command("b")] public static void Mb(Holder holder) { }
            }
            """, "", "Poly", "Holder"), "GA0020", "Poly", "Holder");

        Assert.EndsWith(
            "'Poly' is marked [JsonPolymorphic] but names no [JsonDerivedType], so the context throws InvalidOperationException whenever it reads or writes a 'Poly'; "
            + "add a [JsonDerivedType] for each derived type, or remove [JsonPolymorphic]",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
        Assert.Contains("at 'Holder.Inner', 'Poly' is marked [JsonPolymorphic]", Message(diagnostics[1]), StringComparison.Ordinal);

        await ReportsAsync(Source(Types + """
            public static class A { [Command("a")] public static Holder Ma() => new(); }
            """, "", "Holder"), "GA0021", "Holder");
    }

    [Fact]
    public async Task JsonRequired_with_JsonIgnore_on_a_member_of_the_contract_fails_reads_and_writes()
    {
        var diagnostics = await ReportsAsync(Source("""
            public sealed class Init { [JsonRequired, JsonIgnore] public int Size { get; init; } }
            public sealed class Field { [JsonRequired, JsonIgnore, JsonInclude] public int Size; }

            public sealed class Internal { [JsonRequired, JsonIgnore] internal int Size { get; set; } }
            public sealed class Conditional { [JsonRequired, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int Size { get; set; } }

            public static class A
            {
                [Command("a")] public static void Ma(Init init, Field field) { }
                [Command("b")] public static void Mb(Internal value, Conditional conditional) { }
            }
            """, "", "Init", "Field", "Internal", "Conditional"), "GA0020", "Init", "Field");

        Assert.EndsWith(
            "'Init.Size' is marked both [JsonRequired] and [JsonIgnore], so the context has no setter for it and throws InvalidOperationException whenever it reads or writes a 'Init'; remove one of the two",
            Message(diagnostics[0]),
            StringComparison.Ordinal);

        await ReportsAsync(Source("""
            public sealed class Getter { [JsonRequired, JsonIgnore] public int Size { get; } }

            public static class A { [Command("a")] public static Getter Ma() => new(); }
            """, "", "Getter"), "GA0021", "Getter");
    }

    [Fact]
    public async Task A_JsonRequired_readonly_field_fails_reads_and_writes_without_JsonInclude_and_reads_with_it()
    {
        var diagnostics = await ReportsAsync(Source("""
            public sealed class Bound(int size) { [JsonRequired] public readonly int Size = size; }
            public sealed class Writable { [JsonRequired] public int Size; }

            public static class A { [Command("a")] public static void Ma(Bound bound, Writable writable) { } }
            """, "[JsonSourceGenerationOptions(IncludeFields = true)]", "Bound", "Writable"), "GA0020", "Bound");

        Assert.EndsWith(
            "'Bound.Size' is marked [JsonRequired] but is a readonly field, which the context cannot set, so it throws InvalidOperationException whenever it reads or writes a 'Bound'; "
            + "remove readonly, or remove [JsonRequired]",
            Message(diagnostics[0]),
            StringComparison.Ordinal);

        const string Included = """
            public sealed class Included { [JsonRequired, JsonInclude] public readonly int Size; }
            public sealed class IncludedBound(int size) { [JsonRequired, JsonInclude] public readonly int Size = size; }

            """;
        diagnostics = await ReportsAsync(Source(Included + """
            public static class A { [Command("a")] public static void Ma(Included included, IncludedBound bound) { } }
            """, "", "Included", "IncludedBound"), "GA0020", "Included");
        Assert.EndsWith(
            "'Included.Size' is marked [JsonRequired] and [JsonInclude] but is a readonly field, so the context fails every read of a 'Included': "
            + "it throws InvalidOperationException (not visible to the source generator) when a request sends 'Size', and JsonException (missing required properties) when it does not; "
            + "remove readonly, bind it to a constructor parameter, or remove [JsonRequired]",
            Message(diagnostics[0]),
            StringComparison.Ordinal);

        // Written fine.
        await ReportsAsync(Source(Included + """
            public static class A { [Command("a")] public static Included Ma() => new(); }
            """, "", "Included"), "GA0021");
    }

    [Fact]
    public async Task JsonRequired_and_JsonInclude_on_a_property_with_a_private_setter_fail_reads_only()
    {
        const string Types = """
            public sealed class PrivateSet { [JsonRequired, JsonInclude] public int Size { get; private set; } }
            public sealed class GetterOnly { [JsonRequired, JsonInclude] public int Size { get; } }
            public sealed class Bound(int size) { [JsonRequired, JsonInclude] public int Size { get; private set; } = size; }

            """;
        var diagnostics = await ReportsAsync(Source(Types + """
            public static class A { [Command("a")] public static void Ma(PrivateSet value, GetterOnly getter, Bound bound) { } }
            """, "", "PrivateSet", "GetterOnly", "Bound"), "GA0020", "PrivateSet", "GetterOnly");

        Assert.EndsWith(
            "'PrivateSet.Size' is marked [JsonRequired] and [JsonInclude] but has no setter the context can call, so the context fails every read of a 'PrivateSet': "
            + "it throws InvalidOperationException (not visible to the source generator) when a request sends 'Size', and JsonException (missing required properties) when it does not; "
            + "give it a public set or init accessor (or an internal one), bind it to a constructor parameter, or remove [JsonRequired]",
            Message(diagnostics[0]),
            StringComparison.Ordinal);

        // Written fine: no GA0021 (it used to be reported as failing writes too).
        await ReportsAsync(Source(Types + """
            public static class A { [Command("a")] public static PrivateSet Ma() => new(); [Command("b")] public static GetterOnly Mb() => new(); }
            """, "", "PrivateSet", "GetterOnly"), "GA0021");
    }

    [Fact]
    public async Task A_member_the_walk_s_direction_does_not_take_is_prepared_all_the_same()
    {
        const string Types = """
            [JsonPolymorphic]
            public class Poly { public int X { get; set; } }
            public sealed class SetOnly { public Poly? Inner { set { } } public int Y { get; set; } }
            public sealed class GetterOnly { public Poly Inner => new(); public int Y { get; set; } }

            """;
        var diagnostics = await ReportsAsync(Source(Types + """
            public static class A { [Command("a")] public static SetOnly Ma() => new(); }
            """, "", "SetOnly"), "GA0021", "SetOnly");
        Assert.Contains("at 'SetOnly.Inner', 'Poly' is marked [JsonPolymorphic]", Message(diagnostics[0]), StringComparison.Ordinal);

        diagnostics = await ReportsAsync(Source(Types + """
            public static class A { [Command("a")] public static void Ma(GetterOnly value) { } }
            """, "", "GetterOnly"), "GA0020", "GetterOnly");
        Assert.Contains("at 'GetterOnly.Inner', 'Poly' is marked [JsonPolymorphic]", Message(diagnostics[0]), StringComparison.Ordinal);

        // Only the faults found as the type is prepared count there: a getter-only member's parameter that binds nothing does no harm.
        await ReportsAsync(Source("""
            public sealed class Unbound { public Unbound(int zzz) { } public int A { get; set; } }
            public sealed class Holder { public Unbound Inner => new(1); public int Y { get; set; } }

            public static class A { [Command("a")] public static void Ma(Holder value) { } }
            """, "", "Holder"), "GA0020");
    }

    [Fact]
    public async Task A_JsonInclude_member_without_a_setter_fails_the_requests_that_send_it()
    {
        const string Types = """
            public sealed class GetOnly { [JsonInclude] public int Size { get; } }
            public sealed class ReadonlyField { [JsonInclude] public readonly int Size; }
            public class ProtectedSet { [JsonInclude] public int Size { get; protected set; } }
            public sealed class Holder { public List<GetOnly>? Items { get; set; } }

            public sealed class InternalSet { [JsonInclude] public int Size { get; internal set; } }
            public sealed class Bound(int size) { [JsonInclude] public int Size { get; private set; } = size; }
            public sealed class Plain { public int Size { get; } }
            public sealed class Populated { [JsonInclude, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<int> Size { get; } = []; }

            """;
        var diagnostics = await ReportsAsync(Source(Types + """
            public static class A
            {
                [Command("a")] public static void Ma(GetOnly value) { }
                [Command("b")] public static void Mb(ReadonlyField value) { }
                [Command("c")] public static void Mc(ProtectedSet value) { }
                [Command("d")] public static void Md(Holder value) { }
                [Command("e")] public static void Me(InternalSet a, Bound b, Plain c, Populated d) { }
            }
            """, "", "GetOnly", "ReadonlyField", "ProtectedSet", "Holder", "InternalSet", "Bound", "Plain", "Populated"), "GA0020", "GetOnly", "ReadonlyField", "ProtectedSet", "Holder");

        Assert.EndsWith(
            "'GetOnly.Size' is marked [JsonInclude] but has no setter the context can call, so the context throws InvalidOperationException (not visible to the source generator) "
            + "whenever a request sends 'Size' in a 'GetOnly'; give it a public set or init accessor (or an internal one), bind it to a constructor parameter, or remove [JsonInclude]",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
        Assert.Contains("'ReadonlyField.Size' is marked [JsonInclude] but is a readonly field, so the context throws InvalidOperationException", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.EndsWith("remove readonly, bind it to a constructor parameter, or remove [JsonInclude]", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("'ProtectedSet.Size' is marked [JsonInclude] but has no setter", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.Contains("at 'Holder.Items', 'GetOnly.Size' is marked [JsonInclude]", Message(diagnostics[3]), StringComparison.Ordinal);

        // Written fine: not GA0021.
        await ReportsAsync(Source(Types + """
            public static class A { [Command("a")] public static GetOnly Ma() => new(); [Command("b")] public static ReadonlyField Mb() => new(); }
            """, "", "GetOnly", "ReadonlyField"), "GA0021");
    }
}
