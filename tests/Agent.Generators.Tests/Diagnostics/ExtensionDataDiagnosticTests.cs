using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0024: a <c>[JsonExtensionData]</c> property without a setter the JSON context can call, inside
/// a parameter's type, at the parameter's type (the real context leaving it empty is
/// <c>IncludedWithoutSetterExecutionTests</c>' <c>dropped-extra</c>; one under <c>[JsonInclude]</c> filled there too).
/// One with a setter, one under <c>[JsonInclude]</c> and a readonly field under it (all filled) are not reported;
/// one marked <c>[JsonIgnore]</c>, never filled, is, and so is a field the context leaves out or cannot set.
/// GA0020: one the context must set as it creates the object (an <c>init</c> accessor, a constructor
/// parameter), or a required one, which extension data cannot be (the context throwing for the first,
/// <c>IncludedWithoutSetterExecutionTests</c>' <c>init-extra</c>).
/// </summary>
public sealed class ExtensionDataDiagnosticTests
{
    [Fact]
    public async Task GA0024_a_get_only_extension_data_property_inside_the_parameter_type()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public sealed class Bag
                {
                    [JsonExtensionData] public Dictionary<string, object> Extra { get; } = new();
                    public int N { get; set; }
                }

                public sealed class Filled
                {
                    [JsonExtensionData] public Dictionary<string, object> Extra { get; set; } = new();
                    [JsonInclude, JsonExtensionData] public readonly Dictionary<string, JsonElement> More = new();
                }

                public sealed class Included
                {
                    [JsonInclude, JsonExtensionData] public Dictionary<string, object> Extra { get; } = new();
                }

                // A private init the context cannot call: never filled (GA0024), nor set as the object is created (no GA0020).
                public sealed class PrivateInit
                {
                    [JsonExtensionData] public Dictionary<string, object> Extra { get; private init; } = new();
                }

                public sealed record Outer(List<Bag>? Bags = null);

                // [JsonIgnore] keeps the context from ever filling it, init or not (probed).
                public sealed class IgnoredBag
                {
                    [JsonExtensionData, JsonIgnore] public Dictionary<string, object>? Extra { get; set; }
                }

                public sealed class IgnoredInitBag
                {
                    [JsonExtensionData, JsonIgnore] public Dictionary<string, object>? Extra { get; init; }
                }

                public static class A
                {
                    [Command("bag")] public static void TakeBag(Bag bag) { }
                    [Command("private-init")] public static void TakePrivateInit(PrivateInit bag) { }
                    [Command("outer")] public static void TakeOuter(Outer? outer) { }
                    [Command("filled")] public static void TakeFilled(Filled filled) { }
                    [Command("included")] public static void TakeIncluded(Included included) { }
                    [Command("ignored")] public static void TakeIgnored(IgnoredBag bag) { }
                    [Command("ignored-init")] public static void TakeIgnoredInit(IgnoredInitBag bag) { }
                }
                """, "", "Bag", "Filled", "Included", "PrivateInit", "Outer", "IgnoredBag", "IgnoredInitBag"),
            "GA0024", "Bag", "PrivateInit", "Outer?", "IgnoredBag", "IgnoredInitBag");

        Assert.Equal(
            "Parameter 'bag' of command method 'A.TakeBag(Bag)' has type 'Bag', whose [JsonExtensionData] property 'Bag.Extra' has no setter the JSON context can call nor [JsonInclude], "
            + "so the context never fills it and drops without an error every member of a request that no property names; give it a public set accessor or mark it [JsonInclude]",
            Message(diagnostics[0]));
        Assert.Contains("whose [JsonExtensionData] property 'Bag.Extra' has no setter", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.EndsWith(
            "whose [JsonExtensionData] property 'IgnoredBag.Extra' is marked [JsonIgnore], so the context never fills it and drops without an error every member of a request that no property names; remove [JsonIgnore]",
            Message(diagnostics[3]), StringComparison.Ordinal);
        Assert.Contains("'IgnoredInitBag.Extra' is marked [JsonIgnore]", Message(diagnostics[4]), StringComparison.Ordinal);
    }

    /// <summary>
    /// A field the context leaves out (public without <c>[JsonInclude]</c> nor <c>IncludeFields</c>,
    /// internal without <c>[JsonInclude]</c>), a readonly one without <c>[JsonInclude]</c> (even under
    /// <c>IncludeFields</c>) and a member under <c>WhenReading</c> are never filled (probed against .NET 10's
    /// source-generated context: the request's other members dropped); a public field under
    /// <c>IncludeFields</c> and one under <c>[JsonInclude]</c> are.
    /// </summary>
    [Fact]
    public async Task GA0020_extension_data_in_a_type_marked_to_disallow_unmapped_members()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source("""
                #pragma warning disable GA0024 // The ignored and the private extension data are never filled too.
                [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
                public sealed class Strict { public int N { get; set; } [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }

                // Inherited or ignored, it conflicts all the same.
                public class Extended { [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }
                [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] public sealed class StrictDerived : Extended { public int N { get; set; } }
                [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
                public sealed class StrictIgnored { [JsonIgnore, JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }

                // A private one is out of the contract; the attribute is not inherited; Skip takes extension data.
                [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
                public sealed class StrictPrivate { public int N { get; set; } [JsonExtensionData] private Dictionary<string, object>? Extra { get; set; } }
                [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] public class StrictBase { public int N { get; set; } }
                public sealed class LooseDerived : StrictBase { [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }
                [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
                public sealed class Skipping { [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }

                public static class A
                {
                    [Command("a")] public static void Ma(Strict strict, StrictDerived strictDerived, StrictIgnored strictIgnored) { }
                    [Command("b")] public static void Mb(StrictPrivate strictPrivate, LooseDerived looseDerived, Skipping skipping) { }
                }
                """, "", "Strict", "StrictDerived", "StrictIgnored", "StrictPrivate", "LooseDerived", "Skipping"),
            "GA0020", "Strict", "StrictDerived", "StrictIgnored");

        Assert.EndsWith(
            "'Strict' is marked [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] and its 'Extra' [JsonExtensionData], which takes the members that name no property: "
            + "the two conflict, so the context throws InvalidOperationException whenever it reads or writes a 'Strict'; "
            + "remove one of them (extension data alone keeps the unknown members, Disallow alone refuses them)",
            Message(diagnostics[0]),
            StringComparison.Ordinal);

        // The options' Disallow beside extension data is fine: it takes the unknown members.
        await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public sealed class Extended { [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }
                public static class A { [Command("a")] public static Extended Ma(Extended extended) => extended; }
                """, "[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]", "Extended"),
            "GA0020");
    }

    [Fact]
    public async Task GA0024_not_inside_a_type_a_converter_among_the_options_reads()
    {
        // The converter reads a Bag whole, so the context never fills its extension data, nor needs to; a Bag2 beside it it reads itself.
        await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public sealed class Bag { [JsonExtensionData] public Dictionary<string, object> Extra { get; } = new(); }
                public sealed class Bag2 { [JsonExtensionData] public Dictionary<string, object> Extra { get; } = new(); }

                public sealed class BagConverter : JsonConverter<Bag>
                {
                    public override Bag Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) { reader.Skip(); return new(); }
                    public override void Write(Utf8JsonWriter writer, Bag value, JsonSerializerOptions options) => writer.WriteNullValue();
                }

                public sealed record Holder(Bag? Bag, Bag2? Bag2);

                public static class A
                {
                    [Command("bag")] public static void TakeBag(Bag bag) { }
                    [Command("holder")] public static void TakeHolder(Holder holder) { }
                }
                """, "[JsonSourceGenerationOptions(Converters = [typeof(BagConverter)])]", "Bag", "Holder"),
            "GA0024", "Holder");
    }

    [Fact]
    public async Task GA0024_an_extension_data_field_the_context_leaves_out_or_one_ignored_when_reading()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public sealed class FieldBag
                {
                    public int N { get; set; }
                    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra;
                }

                public sealed class InternalBag
                {
                    [JsonExtensionData] internal Dictionary<string, JsonElement>? Extra;
                }

                public sealed class ReadingBag
                {
                    [JsonExtensionData, JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public Dictionary<string, JsonElement> Extra { get; set; } = new();
                }

                public sealed class IncludedFields
                {
                    [JsonExtensionData, JsonInclude] internal Dictionary<string, JsonElement>? Extra;
                }

                // Refused by System.Text.Json's own generator (SYSLIB1038), and throws: not "never filled".
                public sealed class PrivateIncluded
                {
                    [JsonExtensionData, JsonInclude] private Dictionary<string, JsonElement>? Extra;
                    public int Count => Extra?.Count ?? 0;
                }

                public static class A
                {
                    [Command("field")] public static void TakeField(FieldBag bag) { }
                    [Command("internal")] public static void TakeInternal(InternalBag bag) { }
                    [Command("reading")] public static void TakeReading(ReadingBag bag) { }
                    [Command("included")] public static void TakeIncluded(IncludedFields bag) { }
                    [Command("private")] public static void TakePrivate(PrivateIncluded bag) { }
                }
                """, "", "FieldBag", "InternalBag", "ReadingBag", "IncludedFields", "PrivateIncluded"),
            "GA0024", "FieldBag", "InternalBag", "ReadingBag");

        Assert.Equal(
            "Parameter 'bag' of command method 'A.TakeField(FieldBag)' has type 'FieldBag', whose [JsonExtensionData] field 'FieldBag.Extra' is a field the JSON context leaves out "
            + "(it reads a public one under IncludeFields, else one marked [JsonInclude]), so the context never fills it and drops without an error every member of a request that no property names; "
            + "make it public or internal and mark it [JsonInclude]",
            Message(diagnostics[0]));
        Assert.Contains("field 'InternalBag.Extra' is a field the JSON context leaves out", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.EndsWith(
            "property 'ReadingBag.Extra' is marked [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)], so the context never fills it and drops without an error every member of a request that no property names; remove that [JsonIgnore]",
            Message(diagnostics[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0024_a_readonly_extension_data_field_without_JsonInclude_under_IncludeFields()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public sealed class ReadOnlyBag
                {
                    [JsonExtensionData] public readonly Dictionary<string, JsonElement> Extra = new();
                }

                public sealed class FieldBag
                {
                    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra;
                }

                public static class A
                {
                    [Command("readonly")] public static void TakeReadOnly(ReadOnlyBag bag) { }
                    [Command("field")] public static void TakeField(FieldBag bag) { }
                }
                """, "[JsonSourceGenerationOptions(IncludeFields = true)]", "ReadOnlyBag", "FieldBag"),
            "GA0024", "ReadOnlyBag");

        Assert.EndsWith(
            "whose [JsonExtensionData] field 'ReadOnlyBag.Extra' is readonly and not marked [JsonInclude], so the context never fills it and drops without an error every member of a request that no property names; mark it [JsonInclude]",
            Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0024_an_auto_property_whose_backing_field_alone_is_marked()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public sealed class BackingBag
                {
                    public int N { get; set; }
                    [field: JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
                }

                public class BaseBag { [field: JsonExtensionData] public Dictionary<string, object> More { get; } = new(); }
                public sealed class DerivedBag : BaseBag { public int N { get; set; } }

                // Marked on the property too: read as extension data, filled.
                public sealed class BothBag { [JsonExtensionData][field: JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; } }

                public static class A
                {
                    [Command("backing")] public static void TakeBacking(BackingBag bag) { }
                    [Command("derived")] public static void TakeDerived(List<DerivedBag> bags) { }
                    [Command("both")] public static void TakeBoth(BothBag bag) { }
                }
                """, "", "BackingBag", "List<DerivedBag>", "BothBag"),
            "GA0024", "BackingBag", "List<DerivedBag>");

        Assert.Equal(
            "Parameter 'bag' of command method 'A.TakeBacking(BackingBag)' has type 'BackingBag', whose [JsonExtensionData] property 'BackingBag.Extra' has the attribute on its backing field only "
            + "([field: JsonExtensionData]), which the JSON context never looks at, so the context never fills it and drops without an error every member of a request that no property names; "
            + "mark the property itself [JsonExtensionData]",
            Message(diagnostics[0]));
        Assert.Contains("whose [JsonExtensionData] property 'DerivedBag.More' has the attribute on its backing field only", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0020_an_extension_data_property_set_as_the_object_is_created_or_required()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public sealed class InitBag
                {
                    [JsonExtensionData] public Dictionary<string, object> Extra { get; init; } = new();
                }

                public sealed record RecordBag([property: JsonExtensionData] Dictionary<string, JsonElement>? Extra = null);

                public sealed class RequiredBag
                {
                    [JsonExtensionData] public required Dictionary<string, object> Extra { get; set; }
                }

                public sealed class SetBag
                {
                    [JsonExtensionData] public Dictionary<string, object> Extra { get; set; } = new();
                }

                public sealed record Outer(InitBag[]? Bags = null);

                public static class A
                {
                    [Command("init")] public static void TakeInit(InitBag bag) { }
                    [Command("record")] public static void TakeRecord(RecordBag bag) { }
                    [Command("required")] public static void TakeRequired(RequiredBag bag) { }
                    [Command("set")] public static void TakeSet(SetBag bag) { }
                    [Command("outer")] public static void TakeOuter(Outer outer) { }
                }
                """, "", "InitBag", "RecordBag", "RequiredBag", "SetBag", "Outer"),
            "GA0020", "InitBag", "RecordBag", "RequiredBag", "Outer");

        Assert.Equal(
            "Parameter 'bag' of command method 'A.TakeInit(InitBag)' has type 'InitBag', which the assembly's JSON context cannot read: "
            + "'InitBag.Extra' is marked [JsonExtensionData] but is init-only (set only as the object is created), which extension data cannot be, so the context throws InvalidOperationException whenever it reads or writes a 'InitBag'; "
            + "give it a set accessor, and leave it out of the constructor and of the required members",
            Message(diagnostics[0]));
        Assert.Contains("'RecordBag.Extra' is marked [JsonExtensionData] but a parameter of the constructor the context creates it with binds it", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("'RequiredBag.Extra' is marked [JsonExtensionData] but is required (C# required or [JsonRequired])", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.Contains("at 'Outer.Bags'", Message(diagnostics[3]), StringComparison.Ordinal);
    }

    /// <summary>
    /// A constructor parameter binding extension data makes the context throw as it prepares the
    /// type even when the member is <c>[JsonIgnore]</c>d, and for a <c>[JsonInclude]</c> field too
    /// (probed against .NET 10's source-generated context), and it is no GA0024 then. An ignored one
    /// nothing binds, <c>init</c> or not, is never set and never throws: GA0024, above.
    /// </summary>
    [Fact]
    public async Task GA0020_an_ignored_or_field_extension_data_member_a_constructor_binds()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public sealed class IgnoredBound
                {
                    [JsonConstructor] public IgnoredBound(int n, Dictionary<string, JsonElement>? extra) => (N, Extra) = (n, extra);
                    public int N { get; set; }
                    [JsonExtensionData, JsonIgnore] public Dictionary<string, JsonElement>? Extra { get; set; }
                }

                public sealed class FieldBound
                {
                    [JsonConstructor] public FieldBound(int n, Dictionary<string, JsonElement>? extra) => (N, Extra) = (n, extra);
                    public int N { get; set; }
                    [JsonExtensionData, JsonInclude] public Dictionary<string, JsonElement>? Extra;
                }

                public sealed class IgnoredFieldBound
                {
                    [JsonConstructor] public IgnoredFieldBound(int n, Dictionary<string, JsonElement>? extra) => (N, Extra) = (n, extra);
                    public int N { get; set; }
                    [JsonExtensionData, JsonInclude, JsonIgnore] public Dictionary<string, JsonElement>? Extra;
                }

                // Reported as any ignored required member is; no GA0024 beside it.
                public sealed class IgnoredRequired
                {
                    [JsonExtensionData, JsonIgnore] public required Dictionary<string, JsonElement>? Extra { get; set; }
                }

                // Out of the contract, so the parameter binds no member: no GA0024 beside that GA0020.
                public sealed class PlainFieldBound
                {
                    [JsonConstructor] public PlainFieldBound(int n, Dictionary<string, JsonElement>? extra) => (N, Extra) = (n, extra);
                    public int N { get; set; }
                    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra;
                }

                public static class A
                {
                    [Command("ignored")] public static void TakeIgnored(IgnoredBound bag) { }
                    [Command("field")] public static void TakeField(FieldBound bag) { }
                    [Command("ignored-field")] public static void TakeIgnoredField(IgnoredFieldBound bag) { }
                    [Command("ignored-required")] public static void TakeIgnoredRequired(IgnoredRequired bag) { }
                    [Command("plain-field")] public static void TakePlainField(PlainFieldBound bag) { }
                }
                """, "", "IgnoredBound", "FieldBound", "IgnoredFieldBound", "IgnoredRequired", "PlainFieldBound"),
            "GA0020", "IgnoredBound", "FieldBound", "IgnoredFieldBound", "IgnoredRequired", "PlainFieldBound");

        Assert.Contains("'IgnoredRequired.Extra' is a C# required member but also marked [JsonIgnore]", Message(diagnostics[3]), StringComparison.Ordinal);
        Assert.Contains("'PlainFieldBound'", Message(diagnostics[4]), StringComparison.Ordinal);
        Assert.All(
            diagnostics.Take(3),
            d => Assert.Contains(".Extra' is marked [JsonExtensionData] but a parameter of the constructor the context creates it with binds it", Message(d), StringComparison.Ordinal));
    }
}
