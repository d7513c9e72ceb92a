using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The edges of GA0020's and GA0021's contract faults, each against the real source-generated
/// context. Failing as the context prepares the type (reads and writes): a [JsonPolymorphic]
/// without a [JsonDerivedType] on a type or a member with a converter of its own; [JsonRequired]
/// with [JsonIgnore]; [JsonRequired] on a readonly field under IncludeFields; any of these as the
/// type of a member the walk's direction does not take (a set-only member of a result, a
/// getter-only one of a parameter). Failing every read, written fine: [JsonRequired, JsonInclude]
/// on a member without a setter (a private one, a readonly field). Read, or written, fine though
/// they were reported: two members differing only in case that bind a private [JsonConstructor]'s
/// parameter (written; reads fail for want of a constructor), a polymorphic class whose own
/// creation fails, for the requests naming a derived type.
/// </summary>
public sealed class ContractFaultEdgeExecutionTests(ContractFaultEdgeExecutionTests.Samples samples) : IClassFixture<ContractFaultEdgeExecutionTests.Samples>
{
    private const string Source = """
        #pragma warning disable SYSLIB1222, SYSLIB1038 // The JSON generator's own warnings about the inaccessible constructors and [JsonInclude] setters below.
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        [JsonPolymorphic]
        public class Bad { public int X { get; set; } }
        public sealed class BadConverter : JsonConverter<Bad>
        {
            public override Bad Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) { reader.Skip(); return new(); }
            public override void Write(Utf8JsonWriter writer, Bad value, JsonSerializerOptions options) => writer.WriteNumberValue(value.X);
        }

        // Reported for reads and writes: the context prepares the polymorphism before the converter gets a say.
        [JsonPolymorphic] [JsonConverter(typeof(ConvertedConverter))]
        public class Converted { public int X { get; set; } }
        public sealed class ConvertedConverter : JsonConverter<Converted>
        {
            public override Converted Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) { reader.Skip(); return new(); }
            public override void Write(Utf8JsonWriter writer, Converted value, JsonSerializerOptions options) => writer.WriteNumberValue(value.X);
        }
        public sealed class MemberConverted { [JsonConverter(typeof(BadConverter))] public Bad? Inner { get; set; } }

        // Reported for reads and writes: [JsonIgnore] takes the setter a [JsonRequired] member needs, even init or included.
        public sealed class IgnoredGetter { [JsonRequired, JsonIgnore] public int Size { get; } }
        public sealed class IgnoredSet { [JsonRequired, JsonIgnore] public int Size { get; set; } }
        public sealed class IgnoredInit { [JsonRequired, JsonIgnore] public int Size { get; init; } }
        public sealed class IgnoredField { [JsonRequired, JsonIgnore, JsonInclude] public int Size; }

        // Reported: a member the walk's direction does not take is prepared all the same.
        public sealed class SetOnly { public Bad? Inner { set { } } public int Y { get; set; } }
        public sealed class GetterOnly { public int Y { get; set; } public Bad Inner => new(); }

        // Reported for reads only: [JsonInclude] gives the member a setter that throws when a request sends it, and a request without it misses a required member.
        public sealed class IncludedPrivateSet { [JsonRequired, JsonInclude] public int Size { get; private set; } }
        public sealed class IncludedReadonly { [JsonRequired, JsonInclude] public readonly int Size; }

        // Reported for reads only: no constructor the generated code can call (the case twins do no harm: it knows no parameter).
        public sealed class Twins { [JsonConstructor] private Twins(int count) => Count = count; public int Count { get; } public int count { get; set; } public static Twins Make() => new(1); }

        // Read fine: bound by a constructor parameter; an internal member is not in the contract.
        public sealed class IncludedBound(int size) { [JsonRequired, JsonInclude] public int Size { get; private set; } = size; }
        public sealed class IgnoredInternal { [JsonRequired, JsonIgnore] internal int Size { get; set; } public int Y { get; set; } }

        // Read fine when the request names a derived type (only a request without a discriminator fails): not reported.
        [JsonPolymorphic] [JsonDerivedType(typeof(PrivateLeaf), "leaf")]
        public class PrivateBase { [JsonConstructor] private PrivateBase(int x) => X = x; protected PrivateBase() { } public int X { get; set; } }
        public sealed class PrivateLeaf : PrivateBase { }
        [JsonPolymorphic] [JsonDerivedType(typeof(UnboundLeaf), "leaf")]
        public class UnboundBase { public UnboundBase(int zzz) { } public int X { get; set; } }
        public sealed class UnboundLeaf : UnboundBase { public UnboundLeaf() : base(0) { } }

        // Reported: the only type its discriminator names is itself, so every read creates it.
        [JsonPolymorphic] [JsonDerivedType(typeof(SelfOnly), "self")]
        public class SelfOnly { [JsonConstructor] private SelfOnly(int x) => X = x; public int X { get; set; } public static SelfOnly Make() => new(1); }

        [JsonSerializable(typeof(Converted))] [JsonSerializable(typeof(MemberConverted))] [JsonSerializable(typeof(IgnoredGetter))] [JsonSerializable(typeof(IgnoredSet))]
        [JsonSerializable(typeof(IgnoredInit))] [JsonSerializable(typeof(IgnoredField))] [JsonSerializable(typeof(SetOnly))] [JsonSerializable(typeof(GetterOnly))]
        [JsonSerializable(typeof(IncludedPrivateSet))] [JsonSerializable(typeof(IncludedReadonly))] [JsonSerializable(typeof(Twins))] [JsonSerializable(typeof(IncludedBound))]
        [JsonSerializable(typeof(IgnoredInternal))] [JsonSerializable(typeof(PrivateBase))] [JsonSerializable(typeof(UnboundBase))] [JsonSerializable(typeof(SelfOnly))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("converted")] public static int TakeConverted(Converted value) => value.X;
            [Command("member-converted")] public static int TakeMemberConverted(MemberConverted value) => value.Inner?.X ?? -1;
            [Command("ignored-getter")] public static int TakeIgnoredGetter(IgnoredGetter value) => value.Size;
            [Command("ignored-set")] public static int TakeIgnoredSet(IgnoredSet value) => value.Size;
            [Command("ignored-init")] public static int TakeIgnoredInit(IgnoredInit value) => value.Size;
            [Command("ignored-field")] public static int TakeIgnoredField(IgnoredField value) => value.Size;
            [Command("getter-only")] public static int TakeGetterOnly(GetterOnly value) => value.Y;
            [Command("included-private-set")] public static int TakeIncludedPrivateSet(IncludedPrivateSet value) => value.Size;
            [Command("included-readonly")] public static int TakeIncludedReadonly(IncludedReadonly value) => value.Size;
            [Command("twins")] public static int TakeTwins(Twins value) => value.Count;
            [Command("self-only")] public static int TakeSelfOnly(SelfOnly value) => value.X;

            [Command("included-bound")] public static int TakeIncludedBound(IncludedBound value) => value.Size;
            [Command("ignored-internal")] public static int TakeIgnoredInternal(IgnoredInternal value) => value.Y;
            [Command("private-base")] public static int TakePrivateBase(PrivateBase value) => value.X;
            [Command("unbound-base")] public static int TakeUnboundBase(UnboundBase value) => value.X;

            [Command("make-converted")] public static Converted MakeConverted() => new();
            [Command("make-ignored-set")] public static IgnoredSet MakeIgnoredSet() => new();
            [Command("make-set-only")] public static SetOnly MakeSetOnly() => new();

            [Command("make-included-private-set")] public static IncludedPrivateSet MakeIncludedPrivateSet() => new();
            [Command("make-included-readonly")] public static IncludedReadonly MakeIncludedReadonly() => new();
            [Command("make-twins")] public static Twins MakeTwins() => Twins.Make();
            [Command("make-self-only")] public static SelfOnly MakeSelfOnly() => SelfOnly.Make();
        }
        """;

    /// <summary>Readonly fields under <c>IncludeFields</c>.</summary>
    private const string FieldsSource = """
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        // Reported for reads and writes: without [JsonInclude] a readonly field has no setter at all, even one a constructor parameter binds.
        public sealed class Readonly { [JsonRequired] public readonly int Size; }
        public sealed class ReadonlyBound(int size) { [JsonRequired] public readonly int Size = size; }

        // Read and written fine.
        public sealed class Writable { [JsonRequired] public int Size; }

        [JsonSourceGenerationOptions(IncludeFields = true)]
        [JsonSerializable(typeof(Readonly))] [JsonSerializable(typeof(ReadonlyBound))] [JsonSerializable(typeof(Writable))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("readonly")] public static int TakeReadonly(Readonly value) => value.Size;
            [Command("readonly-bound")] public static int TakeReadonlyBound(ReadonlyBound value) => value.Size;
            [Command("writable")] public static int TakeWritable(Writable value) => value.Size;
            [Command("make-readonly-bound")] public static ReadonlyBound MakeReadonlyBound() => new(2);
            [Command("make-writable")] public static Writable MakeWritable() => new() { Size = 3 };
        }
        """;

    [Theory]
    [InlineData("converted", """{"value":{"X":1}}""")]
    [InlineData("member-converted", """{"value":{}}""")]
    [InlineData("ignored-getter", """{"value":{}}""")]
    [InlineData("ignored-set", """{"value":{"Size":1}}""")]
    [InlineData("ignored-init", """{"value":{"Size":1}}""")]
    [InlineData("ignored-field", """{"value":{"Size":1}}""")]
    [InlineData("getter-only", """{"value":{"Y":1}}""")]
    [InlineData("included-private-set", """{"value":{"Size":1}}""")]
    [InlineData("included-readonly", """{"value":{"Size":1}}""")]
    [InlineData("twins", """{"value":{"Count":1}}""")]
    [InlineData("self-only", """{"value":{"$type":"self","X":1}}""")]
    [InlineData("make-converted", "null")]
    [InlineData("make-ignored-set", "null")]
    [InlineData("make-set-only", "null")]
    public async Task Each_reported_shape_fails_against_the_real_context(string command, string value) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, value)));

    [Theory]
    [InlineData("included-private-set")]
    [InlineData("included-readonly")]
    public async Task A_required_included_member_without_a_setter_fails_a_request_without_it_too(string command)
    {
        var answer = await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{}}"""));
        // A JsonException (a required member missing) is the request's fault, not an internal error: the answer says so.
        Assert.StartsWith($$"""{"returncode":"500","message":"Property 'value' of command '{{command}}' must be a JSON value of type""", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("included-bound", """{"value":{"Size":2}}""", "2")]
    [InlineData("ignored-internal", """{"value":{"Y":3}}""", "3")]
    [InlineData("private-base", """{"value":{"$type":"leaf","X":4}}""", "4")]
    [InlineData("unbound-base", """{"value":{"$type":"leaf","X":5}}""", "5")]
    [InlineData("make-included-private-set", "null", "{'Size':0}")]
    [InlineData("make-included-readonly", "null", "{'Size':0}")]
    [InlineData("make-twins", "null", "{'Count':1,'count':0}")]
    [InlineData("make-self-only", "null", "{'$type':'self','X':1}")]
    public async Task Shapes_the_real_context_reads_and_writes_work(string command, string value, string message) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{message}}"}""",
            await samples.Commands.SendAsync(AnalyzedSamples.Request(command, value)));

    [Theory]
    [InlineData("private-base")]
    [InlineData("unbound-base")]
    public async Task A_polymorphic_class_whose_creation_fails_fails_only_requests_without_a_discriminator(string command) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, """{"value":{"X":1}}""")));

    [Theory]
    [InlineData("readonly", """{"value":{"Size":1}}""")]
    [InlineData("readonly-bound", """{"value":{"Size":1}}""")]
    [InlineData("make-readonly-bound", "null")]
    public async Task A_required_readonly_field_fails_reads_and_writes_under_IncludeFields(string command, string value) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Fields.SendAsync(AnalyzedSamples.Request(command, value)));

    [Theory]
    [InlineData("writable", """{"value":{"Size":4}}""", "4")]
    [InlineData("make-writable", "null", "{'Size':3}")]
    public async Task A_required_writable_field_works_under_IncludeFields(string command, string value, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await samples.Fields.SendAsync(AnalyzedSamples.Request(command, value)));

    [Fact]
    public void The_analyzer_reports_exactly_the_commands_that_fail()
    {
        Assert.Equal(
            ["GA0020 TakeConverted", "GA0020 TakeMemberConverted", "GA0020 TakeIgnoredGetter", "GA0020 TakeIgnoredSet", "GA0020 TakeIgnoredInit",
                "GA0020 TakeIgnoredField", "GA0020 TakeGetterOnly", "GA0020 TakeIncludedPrivateSet", "GA0020 TakeIncludedReadonly", "GA0020 TakeTwins",
                "GA0020 TakeSelfOnly", "GA0021 MakeConverted", "GA0021 MakeIgnoredSet", "GA0021 MakeSetOnly"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));
        Assert.Equal(["GA0020 TakeReadonly", "GA0020 TakeReadonlyBound", "GA0021 MakeReadonlyBound"], samples.FieldsDiagnostics.Select(AnalyzedSamples.Describe));
    }

    /// <summary>Both samples compiled with the real JSON context and loaded once, and the analyzer's diagnostics on each.</summary>
    public sealed class Samples() : AnalyzedSamples(Source)
    {
        internal LoadedCommands Fields { get; } = LoadedCommands.Compile(FieldsSource);

        internal IReadOnlyList<Diagnostic> FieldsDiagnostics { get; private set; } = [];

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            FieldsDiagnostics = await AnalyzeAsync(FieldsSource);
        }

        public override ValueTask DisposeAsync()
        {
            Fields.Dispose();
            return base.DisposeAsync();
        }
    }
}
