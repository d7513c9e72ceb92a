using static GuestAgent.Generators.Tests.Execution.ContractProbe;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Populate on fields, against the real source-generated context (.NET 10): the rules a property
/// has (<c>PopulatedContractExecutionTests</c>), and a struct's setter. A struct is read into a copy
/// its setter stores, so a struct field marked Populate itself without a setter the context holds (a
/// readonly one, <c>Nullable</c> of a struct too, or one <c>WhenReading</c> drops) fails as the type
/// is prepared, and so do a field of a polymorphic type marked Populate and a field populated in a
/// type created with values in hand: every read and write (GA0020, GA0021). A readonly struct field
/// under <c>[JsonInclude]</c> holds a setter that throws: accepted, it fails only the requests that
/// send it, as do a populated <c>ReadOnlyCollection&lt;T&gt;</c> and an <c>init</c>-only property
/// inside a populated value, <c>Nullable</c> of a struct too (GA0020). Fine: a settable struct field, <c>Nullable</c> of a struct
/// (field or property: its converter populates what the struct's does), a
/// readonly struct the type asks to populate (left alone), a polymorphic value it asks to populate
/// (populated: .NET 10 looks for a discriminator on the type being read, not on the field's), one <c>[JsonIgnore]</c>d,
/// a struct property under <c>WhenReading</c> the type asks to populate (no setter: not read), a type
/// created with values in hand whose Populate finds nothing it can populate, and a struct
/// property with a private setter under <c>[JsonInclude]</c> written as a result.
/// </summary>
public sealed class PopulatedStructFieldExecutionTests(PopulatedStructFieldExecutionTests.Samples samples) : IClassFixture<PopulatedStructFieldExecutionTests.Samples>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Collections.ObjectModel;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public struct Point { public int A { get; set; } public int B { get; set; } }
        public sealed class InitBox { public int A { get; init; } public int B { get; set; } }
        public struct InitPoint { public int A { get; init; } public int B { get; set; } }
        [JsonDerivedType(typeof(Leaf), "leaf")] public class Shape { public int A { get; set; } public int B { get; set; } }
        public sealed class Leaf : Shape;

        // Reported, for reads and writes.
        public sealed class ReadOnlyStruct { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly Point F = new() { A = 7 }; public int Y { get; set; } }
        public sealed class NotReadStruct { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate), JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public Point F = new() { A = 7 }; public int Y { get; set; } }
        public sealed class ReadOnlyNullable { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly Point? F = new Point() { A = 7 }; public int Y { get; set; } }
        public sealed class PolymorphicField { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Shape F = new() { A = 7 }; public int Y { get; set; } }
        public sealed class CreatedWithValues(int y) { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<int> F = [7]; public int Y { get; } = y; }
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class TypeCreatedWithValues(int y) { public List<int> F = [7]; public int Y { get; } = y; }

        // Reported, for the requests that send the field.
        public sealed class IncludedReadOnlyStruct { [JsonInclude, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly Point F = new() { A = 7 }; public int Y { get; set; } }
        public sealed class ReadOnlyItems { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public ReadOnlyCollection<int> F = new([7]); public int Y { get; set; } }
        public sealed class NullableInitInside { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public InitPoint? F { get; set; } = new InitPoint() { A = 7 }; public int Y { get; set; } }
        public sealed class InitInside { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public InitBox F = new() { A = 7 }; public int Y { get; set; } }

        // Fine.
        public sealed class SettableStruct { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Point F = new() { A = 7 }; public int Y { get; set; } }
        public sealed class NullableStruct { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Point? F = new Point() { A = 7 }; public int Y { get; set; } }
        public sealed class NullableStructProperty { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Point? F { get; set; } = new Point() { A = 7 }; public int Y { get; set; } }
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class TypeReadOnlyStruct { public readonly Point F = new() { A = 7 }; public int Y { get; set; } }
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class TypePolymorphic { public Shape F = new() { A = 7 }; public int Y { get; set; } }
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class TypeCreatedWithNumbers(int y) { public int Z = 7; public int Y { get; } = y; }
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class TypeNotReadStruct { [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public Point F { get; set; } = new() { A = 7 }; public int Y { get; set; } }
        public sealed class IgnoredStruct { [JsonIgnore, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly Point F = new() { A = 7 }; public int Y { get; set; } }
        public sealed class IncludedPrivateSet { [JsonInclude, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Point F { get; private set; } = new() { A = 7 }; public int Y { get; set; } }

        [JsonSourceGenerationOptions(IncludeFields = true)]
        [JsonSerializable(typeof(ReadOnlyStruct))] [JsonSerializable(typeof(NotReadStruct))] [JsonSerializable(typeof(ReadOnlyNullable))] [JsonSerializable(typeof(PolymorphicField))]
        [JsonSerializable(typeof(CreatedWithValues))] [JsonSerializable(typeof(TypeCreatedWithValues))] [JsonSerializable(typeof(IncludedReadOnlyStruct))] [JsonSerializable(typeof(ReadOnlyItems))]
        [JsonSerializable(typeof(InitInside))] [JsonSerializable(typeof(NullableInitInside))] [JsonSerializable(typeof(SettableStruct))] [JsonSerializable(typeof(NullableStruct))] [JsonSerializable(typeof(NullableStructProperty))]
        [JsonSerializable(typeof(TypeReadOnlyStruct))] [JsonSerializable(typeof(TypePolymorphic))] [JsonSerializable(typeof(IgnoredStruct))] [JsonSerializable(typeof(TypeCreatedWithNumbers))] [JsonSerializable(typeof(TypeNotReadStruct))] [JsonSerializable(typeof(IncludedPrivateSet))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("read-only-struct")] public static string TakeReadOnlyStruct(ReadOnlyStruct value) => JsonSerializer.Serialize(value, SampleJson.Default.ReadOnlyStruct);
            [Command("not-read-struct")] public static string TakeNotReadStruct(NotReadStruct value) => JsonSerializer.Serialize(value, SampleJson.Default.NotReadStruct);
            [Command("read-only-nullable")] public static string TakeReadOnlyNullable(ReadOnlyNullable value) => JsonSerializer.Serialize(value, SampleJson.Default.ReadOnlyNullable);
            [Command("polymorphic-field")] public static string TakePolymorphicField(PolymorphicField value) => JsonSerializer.Serialize(value, SampleJson.Default.PolymorphicField);
            [Command("created-with-values")] public static string TakeCreatedWithValues(CreatedWithValues value) => JsonSerializer.Serialize(value, SampleJson.Default.CreatedWithValues);
            [Command("type-created-with-values")] public static string TakeTypeCreatedWithValues(TypeCreatedWithValues value) => JsonSerializer.Serialize(value, SampleJson.Default.TypeCreatedWithValues);
            [Command("make-read-only-struct")] public static ReadOnlyStruct MakeReadOnlyStruct() => new();
            [Command("make-not-read-struct")] public static NotReadStruct MakeNotReadStruct() => new();
            [Command("make-polymorphic-field")] public static PolymorphicField MakePolymorphicField() => new();
            [Command("make-created-with-values")] public static CreatedWithValues MakeCreatedWithValues() => new(1);
            [Command("included-read-only-struct")] public static string TakeIncludedReadOnlyStruct(IncludedReadOnlyStruct value) => JsonSerializer.Serialize(value, SampleJson.Default.IncludedReadOnlyStruct);
            [Command("read-only-items")] public static string TakeReadOnlyItems(ReadOnlyItems value) => JsonSerializer.Serialize(value, SampleJson.Default.ReadOnlyItems);
            [Command("init-inside")] public static string TakeInitInside(InitInside value) => JsonSerializer.Serialize(value, SampleJson.Default.InitInside);
            [Command("nullable-init-inside")] public static string TakeNullableInitInside(NullableInitInside value) => JsonSerializer.Serialize(value, SampleJson.Default.NullableInitInside);
            [Command("make-included-read-only-struct")] public static IncludedReadOnlyStruct MakeIncludedReadOnlyStruct() => new();
            [Command("settable-struct")] public static string TakeSettableStruct(SettableStruct value) => JsonSerializer.Serialize(value, SampleJson.Default.SettableStruct);
            [Command("nullable-struct")] public static string TakeNullableStruct(NullableStruct value) => JsonSerializer.Serialize(value, SampleJson.Default.NullableStruct);
            [Command("nullable-struct-property")] public static string TakeNullableStructProperty(NullableStructProperty value) => JsonSerializer.Serialize(value, SampleJson.Default.NullableStructProperty);
            [Command("type-read-only-struct")] public static string TakeTypeReadOnlyStruct(TypeReadOnlyStruct value) => JsonSerializer.Serialize(value, SampleJson.Default.TypeReadOnlyStruct);
            [Command("type-polymorphic")] public static string TakeTypePolymorphic(TypePolymorphic value) => JsonSerializer.Serialize(value, SampleJson.Default.TypePolymorphic);
            [Command("type-created-with-numbers")] public static string TakeTypeCreatedWithNumbers(TypeCreatedWithNumbers value) => JsonSerializer.Serialize(value, SampleJson.Default.TypeCreatedWithNumbers);
            [Command("type-not-read-struct")] public static string TakeTypeNotReadStruct(TypeNotReadStruct value) => JsonSerializer.Serialize(value, SampleJson.Default.TypeNotReadStruct);
            [Command("ignored-struct")] public static string TakeIgnoredStruct(IgnoredStruct value) => JsonSerializer.Serialize(value, SampleJson.Default.IgnoredStruct);
            [Command("included-private-set")] public static string TakeIncludedPrivateSet(IncludedPrivateSet value) => JsonSerializer.Serialize(value, SampleJson.Default.IncludedPrivateSet);
            [Command("make-nullable-struct")] public static NullableStruct MakeNullableStruct() => new();
            [Command("make-included-private-set")] public static IncludedPrivateSet MakeIncludedPrivateSet() => new();
        }
        """;

    [Theory]
    [InlineData("read-only-struct", """{"Y":1}""")]
    [InlineData("not-read-struct", """{"Y":1}""")]
    [InlineData("read-only-nullable", """{"Y":1}""")]
    [InlineData("polymorphic-field", """{"Y":1}""")]
    [InlineData("created-with-values", """{"Y":1}""")]
    [InlineData("type-created-with-values", """{"Y":1}""")]
    [InlineData("make-read-only-struct", "null")]
    [InlineData("make-not-read-struct", "null")]
    [InlineData("make-polymorphic-field", "null")]
    [InlineData("make-created-with-values", "null")]
    public async Task Shapes_failing_as_the_type_is_prepared_fail_every_read_and_write(string command, string value) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")));

    [Theory]
    [InlineData("read-only-struct", InvalidOperation, "is marked with JsonObjectCreationHandling.Populate but is a value type that doesn't have a setter")]
    [InlineData("not-read-struct", InvalidOperation, "is marked with JsonObjectCreationHandling.Populate but is a value type that doesn't have a setter")]
    [InlineData("read-only-nullable", InvalidOperation, "is marked with JsonObjectCreationHandling.Populate but is a value type that doesn't have a setter")]
    [InlineData("polymorphic-field", InvalidOperation, "its type allows polymorphic deserialization")]
    [InlineData("created-with-values", NotSupported, "not supported in types with parameterized constructors")]
    [InlineData("type-created-with-values", NotSupported, "not supported in types with parameterized constructors")]
    public void The_context_throws_as_it_prepares_the_type(string command, string exception, string message)
    {
        var type = samples.Commands.GetType("Sample." + string.Concat(command.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])));
        var context = (System.Text.Json.Serialization.JsonSerializerContext)samples.Commands.GetType("Sample.SampleJson").GetProperty("Default")!.GetValue(null)!;

        var error = Assert.ThrowsAny<Exception>(() => context.GetTypeInfo(type)!.CreateObject);

        Assert.Equal(exception, error.GetType().Name);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private const string InvalidOperation = nameof(InvalidOperationException);
    private const string NotSupported = nameof(NotSupportedException);

    [Theory]
    [InlineData("included-read-only-struct", """{"F":{"B":2},"Y":1}""", "{'Y':1,'F':{'A':7,'B':0}}")]
    [InlineData("read-only-items", """{"F":[2],"Y":1}""", "{'Y':1,'F':[7]}")]
    [InlineData("init-inside", """{"F":{"A":2},"Y":1}""", "{'Y':1,'F':{'A':7,'B':0}}")]
    [InlineData("nullable-init-inside", """{"F":{"A":2},"Y":1}""", "{'F':{'A':7,'B':0},'Y':1}")]
    public async Task Shapes_failing_when_sent_fail_the_requests_that_send_the_field(string command, string sending, string without)
    {
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{sending}}}""")));
        Assert.Equal(without, Message(await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{"Y":1}}"""))));
    }

    [Theory]
    [InlineData("settable-struct", "{'Y':1,'F':{'A':7,'B':2}}")]
    [InlineData("nullable-struct", "{'Y':1,'F':{'A':7,'B':2}}")]
    [InlineData("nullable-struct-property", "{'F':{'A':7,'B':2},'Y':1}")]
    [InlineData("type-read-only-struct", "{'Y':1,'F':{'A':7,'B':0}}")]
    [InlineData("type-polymorphic", "{'Y':1,'F':{'A':7,'B':2}}")]
    [InlineData("ignored-struct", "{'Y':1}")]
    [InlineData("type-not-read-struct", "{'F':{'A':7,'B':0},'Y':1}")]
    [InlineData("type-created-with-numbers", "{'Y':1,'Z':7}")]
    [InlineData("init-inside", "{'Y':1,'F':{'A':7,'B':2}}")]
    [InlineData("nullable-init-inside", "{'F':{'A':7,'B':2},'Y':1}")]
    public async Task Shapes_not_reported_work(string command, string message) =>
        Assert.Equal(message, Message(await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{"F":{"B":2},"Y":1}}"""))));

    [Theory]
    [InlineData("make-included-read-only-struct", "{'Y':0,'F':{'A':7,'B':0}}")]
    [InlineData("make-nullable-struct", "{'Y':0,'F':{'A':7,'B':0}}")]
    [InlineData("make-included-private-set", "{'F':{'A':7,'B':0},'Y':0}")]
    public async Task Results_not_reported_are_written(string command, string message) =>
        Assert.Equal(message, Message(await samples.Commands.SendAsync(AnalyzedSamples.Request(command, "{}"))));

    [Theory]
    [InlineData("nullable-struct")]
    [InlineData("nullable-struct-property")]
    public async Task A_populated_nullable_struct_takes_null_and_its_schema_says_so(string command)
    {
        Assert.Contains("'F':null", Message(await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{"F":null,"Y":1}}"""))), StringComparison.Ordinal);
        var schema = RequestValue(samples.Commands, command).GetProperty("properties").GetProperty("F");
        Assert.Equal(["object", "null"], schema.GetProperty("anyOf").EnumerateArray().Select(s => s.GetProperty("type").GetString()));
    }

    [Fact]
    public void A_struct_property_the_type_asks_to_populate_under_WhenReading_is_not_in_the_request_schema() =>
        Assert.Equal(["Y"], Names(RequestValue(samples.Commands, "type-not-read-struct").GetProperty("properties")));

    [Fact]
    public void The_analyzer_reports_exactly_the_shapes_that_fail() =>
        Assert.Equal(
            ["GA0020 TakeReadOnlyStruct", "GA0020 TakeNotReadStruct", "GA0020 TakeReadOnlyNullable", "GA0020 TakePolymorphicField", "GA0020 TakeCreatedWithValues", "GA0020 TakeTypeCreatedWithValues",
                "GA0021 MakeReadOnlyStruct", "GA0021 MakeNotReadStruct", "GA0021 MakePolymorphicField", "GA0021 MakeCreatedWithValues",
                "GA0020 TakeIncludedReadOnlyStruct", "GA0020 TakeReadOnlyItems", "GA0020 TakeInitInside", "GA0020 TakeNullableInitInside", "GA0020 TakeIncludedPrivateSet"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));

    [Fact]
    public void The_messages_name_the_field_why_and_the_fix()
    {
        var messages = samples.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(messages, m => m.EndsWith(
            "'ReadOnlyStruct.F' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)], but its type 'Point' is a struct, which is populated in a copy the field's setter stores, "
            + "and it is a readonly field, so the context throws InvalidOperationException whenever it reads or writes a 'ReadOnlyStruct'; remove readonly, or remove the attribute", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith(
            "'NotReadStruct.F' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)], but its type 'Point' is a struct, which is populated in a copy the field's setter stores, "
            + "and it is under [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)], which drops its setter, so the context throws InvalidOperationException whenever it reads or writes a 'NotReadStruct'; "
            + "remove the WhenReading, or remove the attribute", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith(
            "'PolymorphicField.F' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)], but its type 'Shape' is polymorphic (a [JsonDerivedType] with a type discriminator), "
            + "so the context throws InvalidOperationException whenever it reads or writes a 'PolymorphicField'; remove the attribute, or declare the field as a type without a discriminator", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith(
            "'TypeCreatedWithValues.F' is populated in place (JsonObjectCreationHandling.Populate on 'TypeCreatedWithValues'), but the context creates 'TypeCreatedWithValues' with values in hand "
            + "(its constructor 'TypeCreatedWithValues(int y)'), and System.Text.Json populates nothing in such a type: it throws NotSupportedException whenever it reads or writes a 'TypeCreatedWithValues'; "
            + "remove the Populate, or give 'TypeCreatedWithValues' a public parameterless constructor and settable members", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith(
            "'ReadOnlyItems.F' is populated in place (JsonObjectCreationHandling.Populate on the field), but its type 'ReadOnlyCollection<int>' is read-only and cannot be added to, "
            + "so the context throws NotSupportedException whenever a request sends 'F'; declare it as a mutable collection (List<T>, Dictionary<TKey, TValue>)", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith(
            "'InitInside.F' is populated in place (JsonObjectCreationHandling.Populate on the field), but its type 'InitBox' has the init-only property 'A', which the generated code cannot set on an existing object, "
            + "so the context throws InvalidOperationException whenever a request sends 'A' inside 'F'; give 'A' a set accessor, or remove the Populate", StringComparison.Ordinal));
    }

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
