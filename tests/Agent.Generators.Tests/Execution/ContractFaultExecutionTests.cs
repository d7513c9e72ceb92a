using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The contract faults GA0020 and GA0021 report beyond constructor binding and Populate, each
/// against the real source-generated context: a [JsonPolymorphic] without a [JsonDerivedType] and a
/// [JsonRequired] property without a setter, a required (either kind) collection with a setter and no getter, or a
/// [JsonNumberHandling] on a member that is no number, [JsonUnmappedMemberHandling(Disallow)] beside extension data, or
/// two members going by one name in JSON, fail reads and writes; a private or protected
/// [JsonConstructor] fails reads; RespectRequiredConstructorParameters fails every read of a value
/// populated in place whose constructor sets a getter-only member. The shapes next to them that the
/// real context reads (an internal [JsonConstructor], a struct's private one, an abstract class's
/// constructor, [JsonRequired] with an init or included internal setter, on a settable member of a
/// populated value, or read through a required constructor parameter) are not reported.
/// </summary>
public sealed class ContractFaultExecutionTests(ContractFaultExecutionTests.Samples samples) : IClassFixture<ContractFaultExecutionTests.Samples>
{
    private const string Source = """
        #pragma warning disable SYSLIB1222 // The JSON generator's own warning about the inaccessible [JsonConstructor]s below.
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        // Reported for reads and writes.
        [JsonPolymorphic]
        public class Poly { public int X { get; set; } }
        public sealed class PolyHolder { public List<Poly>? Items { get; set; } }

        public sealed class ReqGetter { [JsonRequired] public int Size { get; } }
        public sealed class ReqBound(int size) { [JsonRequired] public int Size { get; } = size; }
        public sealed class ReqPrivateSet { [JsonRequired] public int Size { get; private set; } }
        public sealed class ReqInternalSet { [JsonRequired] public int Size { get; internal set; } }
        // A required collection with a setter and no getter: the context turns its deserialization off, then finds a required member without a setter.
        public sealed class ReqSetList { [JsonRequired] public List<int> Items { set { } } }
        public sealed class ReqSetMap { public required Dictionary<string, int> Map { set { } } }
        public sealed class ReqSetBound(List<int> items) { [JsonRequired] public List<int> Items { set { } } public int Count => items.Count; }

        // [JsonNumberHandling] on a member that is no number nor a collection of numbers.
        public sealed class NumText { [JsonNumberHandling(JsonNumberHandling.WriteAsString)] public string Name { get; set; } = ""; }
        // Two members going by one name in JSON.
        public class ClashBase { [JsonPropertyName("size")] public int Length { get; set; } }
        public sealed class Clash : ClashBase { [JsonPropertyName("size")] public int Count { get; set; } }
        // [JsonUnmappedMemberHandling(Disallow)] on a type with extension data.
        [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
        public sealed class StrictExtra { public int N { get; set; } [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }

        // Reported for reads only.
        public sealed class PrivateCtor { public PrivateCtor() { } [JsonConstructor] private PrivateCtor(int a) => A = a; public int A { get; set; } }
        public class ProtectedCtor { [JsonConstructor] protected ProtectedCtor(int a) => A = a; public int A { get; } public static ProtectedCtor Make() => new(1); }
        public class PrivateProtectedCtor { [JsonConstructor] private protected PrivateProtectedCtor(int a) => A = a; public int A { get; } }
        // A struct's internal [JsonConstructor] is called (unlike a private one), so 'zzz', which binds nothing, fails every read.
        public struct InternalStructCtor { [JsonConstructor] internal InternalStructCtor(int zzz) => A = zzz; public int A { get; set; } }

        // Read: a constructor the generated code can call, a struct's private one (ignored: the struct
        // is created with its default constructor, so 'zzz' binding nothing does no harm), a value
        // populated in place (never created); [JsonRequired] with a setter the context calls.
        public sealed class InternalCtor { [JsonConstructor] internal InternalCtor(int a) => A = a; public int A { get; } }
        public class ProtectedInternalCtor { [JsonConstructor] protected internal ProtectedInternalCtor(int a) => A = a; public int A { get; } }
        public struct PrivateStructCtor { [JsonConstructor] private PrivateStructCtor(int zzz) => A = zzz; public int A { get; set; } }
        public sealed class HoldsPrivate { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public PrivateCtor Inner { get; } = new(); }
        public sealed class ReqInit { [JsonRequired] public int Size { get; init; } }
        public sealed class ReqIncluded { [JsonRequired, JsonInclude] public int Size { get; internal set; } }
        public sealed class ReqSet(int size) { [JsonRequired] public int Size { get; set; } = size; public int Count { get; set; } }
        public sealed class ReqSetHolder { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public ReqSet Inner { get; } = new(7); }
        // On numbers and a collection of them; on the type, which applies it to its numbers only.
        public sealed class NumOk
        {
            [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public List<int> Sizes { get; set; } = [];
            [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int? Count { get; set; }
        }
        [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public sealed class NumTyped { public string Name { get; set; } = ""; public int Count { get; set; } }
        // An ignored member has no name in JSON.
        public sealed class NoClash { [JsonPropertyName("size")] public int Length { get; set; } [JsonIgnore] public int size { get; set; } }
        // Disallow is not inherited: extension data in a derived type is filled.
        [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] public class StrictBase { public int N { get; set; } }
        public sealed class LooseDerived : StrictBase { [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; } }

        [JsonPolymorphic] [JsonDerivedType(typeof(Poly2Leaf), "leaf")]
        public class Poly2 { public int X { get; set; } }
        public sealed class Poly2Leaf : Poly2 { }

        // An abstract type is never created (the derived type its discriminator names is), so its constructor is never called:
        // a private one, a parameter that binds nothing or two members, all harmless.
        [JsonPolymorphic] [JsonDerivedType(typeof(Disc), "disc")]
        public abstract class Figure { [JsonConstructor] protected Figure() { } public int X { get; set; } }
        public sealed class Disc : Figure { }
        [JsonPolymorphic] [JsonDerivedType(typeof(Ring), "ring")]
        public abstract class Outline { public Outline(int zzz) { } public int X { get; set; } }
        public sealed class Ring : Outline { public Ring() : base(0) { } }
        [JsonPolymorphic] [JsonDerivedType(typeof(Tri), "tri")]
        public abstract class Pair { public Pair(int count) => Count = count; public int Count { get; } public int count { get; set; } }
        public sealed class Tri : Pair { public Tri() : base(0) { } }

        [JsonSerializable(typeof(PolyHolder))] [JsonSerializable(typeof(Poly))] [JsonSerializable(typeof(ReqGetter))] [JsonSerializable(typeof(ReqBound))]
        [JsonSerializable(typeof(ReqPrivateSet))] [JsonSerializable(typeof(ReqInternalSet))] [JsonSerializable(typeof(ReqSetList))] [JsonSerializable(typeof(ReqSetMap))] [JsonSerializable(typeof(ReqSetBound))] [JsonSerializable(typeof(PrivateCtor))] [JsonSerializable(typeof(ProtectedCtor))]
        [JsonSerializable(typeof(PrivateProtectedCtor))] [JsonSerializable(typeof(InternalCtor))] [JsonSerializable(typeof(ProtectedInternalCtor))] [JsonSerializable(typeof(PrivateStructCtor))] [JsonSerializable(typeof(InternalStructCtor))]
        [JsonSerializable(typeof(HoldsPrivate))] [JsonSerializable(typeof(ReqInit))] [JsonSerializable(typeof(ReqIncluded))] [JsonSerializable(typeof(ReqSetHolder))] [JsonSerializable(typeof(Poly2))] [JsonSerializable(typeof(Figure))] [JsonSerializable(typeof(Outline))] [JsonSerializable(typeof(Pair))]
        [JsonSerializable(typeof(NumText))] [JsonSerializable(typeof(NumOk))] [JsonSerializable(typeof(NumTyped))] [JsonSerializable(typeof(StrictExtra))] [JsonSerializable(typeof(LooseDerived))]
        [JsonSerializable(typeof(Clash))] [JsonSerializable(typeof(NoClash))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("poly-holder")] public static int TakePolyHolder(PolyHolder value) => value.Items?.Count ?? -1;
            [Command("req-getter")] public static int TakeReqGetter(ReqGetter value) => value.Size;
            [Command("req-bound")] public static int TakeReqBound(ReqBound value) => value.Size;
            [Command("req-private-set")] public static int TakeReqPrivateSet(ReqPrivateSet value) => value.Size;
            [Command("req-internal-set")] public static int TakeReqInternalSet(ReqInternalSet value) => value.Size;
            [Command("req-set-list")] public static int TakeReqSetList(ReqSetList value) => 0;
            [Command("req-set-map")] public static int TakeReqSetMap(ReqSetMap value) => 0;
            [Command("req-set-bound")] public static int TakeReqSetBound(ReqSetBound value) => value.Count;
            [Command("private-ctor")] public static int TakePrivateCtor(PrivateCtor value) => value.A;
            [Command("protected-ctor")] public static int TakeProtectedCtor(ProtectedCtor value) => value.A;
            [Command("private-protected-ctor")] public static int TakePrivateProtectedCtor(PrivateProtectedCtor value) => value.A;
            [Command("internal-struct-ctor")] public static int TakeInternalStructCtor(InternalStructCtor value) => value.A;
            [Command("num-text")] public static string TakeNumText(NumText value) => value.Name;
            [Command("strict-extra")] public static int TakeStrictExtra(StrictExtra value) => value.N;
            [Command("clash")] public static int TakeClash(Clash value) => value.Count;

            [Command("internal-ctor")] public static int TakeInternalCtor(InternalCtor value) => value.A;
            [Command("protected-internal-ctor")] public static int TakeProtectedInternalCtor(ProtectedInternalCtor value) => value.A;
            [Command("private-struct-ctor")] public static int TakePrivateStructCtor(PrivateStructCtor value) => value.A;
            [Command("holds-private")] public static int TakeHoldsPrivate(HoldsPrivate value) => value.Inner.A;
            [Command("req-init")] public static int TakeReqInit(ReqInit value) => value.Size;
            [Command("req-included")] public static int TakeReqIncluded(ReqIncluded value) => value.Size;
            [Command("req-set-holder")] public static string TakeReqSetHolder(ReqSetHolder value) => value.Inner.Size + "," + value.Inner.Count;
            [Command("poly2")] public static int TakePoly2(Poly2 value) => value.X;
            [Command("figure")] public static int TakeFigure(Figure value) => value.X;
            [Command("outline")] public static int TakeOutline(Outline value) => value.X;
            [Command("pair")] public static int TakePair(Pair value) => value.count;
            [Command("make-pair")] public static Pair MakePair() => new Tri { count = 2 };
            [Command("num-ok")] public static int TakeNumOk(NumOk value) => value.Sizes.Sum() + (value.Count ?? 0);
            [Command("num-typed")] public static string TakeNumTyped(NumTyped value) => value.Name + value.Count;
            [Command("loose-derived")] public static int TakeLooseDerived(LooseDerived value) => value.N + (value.Extra?.Count ?? 0);
            [Command("no-clash")] public static int TakeNoClash(NoClash value) => value.Length;

            [Command("make-poly")] public static Poly MakePoly() => new();
            [Command("make-req-getter")] public static ReqGetter MakeReqGetter() => new();
            [Command("make-req-set-list")] public static ReqSetList MakeReqSetList() => new();
            [Command("make-num-text")] public static NumText MakeNumText() => new();
            [Command("make-strict-extra")] public static StrictExtra MakeStrictExtra() => new();
            [Command("make-clash")] public static Clash MakeClash() => new();
            [Command("make-protected-ctor")] public static ProtectedCtor MakeProtectedCtor() => ProtectedCtor.Make();
        }
        """;

    /// <summary>The same populated values under <c>RespectRequiredConstructorParameters</c>.</summary>
    private const string RequiredParametersSource = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Sized(int size) { public int Size { get; } = size; public int Count { get; set; } }
        public sealed class HoldsSized { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Sized Inner { get; } = new(7); }

        public sealed class Settable(int size) { public int Size { get; set; } = size; public int Count { get; set; } }
        public sealed class HoldsSettable { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Settable Inner { get; } = new(7); }

        public sealed class Defaulted(int size = 1) { public int Size { get; } = size; public int Count { get; set; } }
        public sealed class HoldsDefaulted { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Defaulted Inner { get; } = new(7); }

        // A [JsonRequired] getter-only property is read through a required constructor parameter: no fault; one with a default is not.
        public sealed class ReqBound(int size) { [JsonRequired] public int Size { get; } = size; }
        public sealed class ReqBoundDefault(int size = 1) { [JsonRequired] public int Size { get; } = size; }
        // So is a required set-only collection.
        public sealed class ReqSetBound(List<int> items) { [JsonRequired] public List<int> Items { set { } } public int Count => items.Count; }

        [JsonSourceGenerationOptions(RespectRequiredConstructorParameters = true)]
        [JsonSerializable(typeof(HoldsSized))] [JsonSerializable(typeof(HoldsSettable))] [JsonSerializable(typeof(HoldsDefaulted))] [JsonSerializable(typeof(Sized))]
        [JsonSerializable(typeof(ReqBound))] [JsonSerializable(typeof(ReqBoundDefault))] [JsonSerializable(typeof(ReqSetBound))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("holds-sized")] public static string TakeHoldsSized(HoldsSized value) => value.Inner.Size + "," + value.Inner.Count;
            [Command("holds-settable")] public static string TakeHoldsSettable(HoldsSettable value) => value.Inner.Size + "," + value.Inner.Count;
            [Command("holds-defaulted")] public static string TakeHoldsDefaulted(HoldsDefaulted value) => value.Inner.Size + "," + value.Inner.Count;
            [Command("sized")] public static string TakeSized(Sized value) => value.Size + "," + value.Count;
            [Command("req-bound")] public static int TakeReqBound(ReqBound value) => value.Size;
            [Command("make-req-bound")] public static ReqBound MakeReqBound() => new(3);
            [Command("req-bound-default")] public static int TakeReqBoundDefault(ReqBoundDefault value) => value.Size;
            [Command("make-req-bound-default")] public static ReqBoundDefault MakeReqBoundDefault() => new(3);
            [Command("req-set-bound")] public static int TakeReqSetBound(ReqSetBound value) => value.Count;
        }
        """;

    [Theory]
    [InlineData("poly-holder", """{"value":{}}""")]
    [InlineData("req-getter", """{"value":{"Size":1}}""")]
    [InlineData("req-bound", """{"value":{"Size":1}}""")]
    [InlineData("req-private-set", """{"value":{"Size":1}}""")]
    [InlineData("req-internal-set", """{"value":{"Size":1}}""")]
    [InlineData("req-set-list", """{"value":{"Items":[1]}}""")]
    [InlineData("req-set-map", """{"value":{"Map":{"a":1}}}""")]
    [InlineData("req-set-bound", """{"value":{"Items":[1]}}""")]
    [InlineData("private-ctor", """{"value":{"A":1}}""")]
    [InlineData("protected-ctor", """{"value":{"A":1}}""")]
    [InlineData("private-protected-ctor", """{"value":{"A":1}}""")]
    [InlineData("internal-struct-ctor", """{"value":{"A":1}}""")]
    [InlineData("make-poly", "null")]
    [InlineData("make-req-getter", "null")]
    [InlineData("make-req-set-list", "null")]
    [InlineData("num-text", """{"value":{"Name":"x"}}""")]
    [InlineData("make-num-text", "null")]
    [InlineData("strict-extra", """{"value":{"N":1}}""")]
    [InlineData("make-strict-extra", "null")]
    [InlineData("clash", """{"value":{"size":1}}""")]
    [InlineData("make-clash", "null")]
    public async Task Each_reported_shape_fails_against_the_real_context(string command, string value) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Command '{{command}}' failed with an internal error"}""",
            await samples.Commands.SendAsync($$"""{"name":"{{command}}","value":{{value}}}"""));

    [Theory]
    [InlineData("internal-ctor", """{"value":{"A":2}}""", "2")]
    [InlineData("protected-internal-ctor", """{"value":{"A":3}}""", "3")]
    [InlineData("private-struct-ctor", """{"value":{"A":4}}""", "4")]
    [InlineData("holds-private", """{"value":{"Inner":{"A":5}}}""", "5")]
    [InlineData("req-init", """{"value":{"Size":6}}""", "6")]
    [InlineData("req-included", """{"value":{"Size":7}}""", "7")]
    [InlineData("req-set-holder", """{"value":{"Inner":{"Size":8,"Count":1}}}""", "8,1")]
    [InlineData("poly2", """{"value":{"X":9}}""", "9")]
    [InlineData("figure", """{"value":{"$type":"disc","X":10}}""", "10")]
    [InlineData("outline", """{"value":{"$type":"ring","X":11}}""", "11")]
    [InlineData("pair", """{"value":{"$type":"tri","count":12}}""", "12")]
    [InlineData("make-pair", "null", "{'$type':'tri','Count':0,'count':2}")]
    [InlineData("make-protected-ctor", "null", "{'A':1}")]
    [InlineData("num-ok", """{"value":{"Sizes":["1",2],"Count":"3"}}""", "6")]
    [InlineData("num-typed", """{"value":{"Name":"a","Count":"4"}}""", "a4")]
    [InlineData("loose-derived", """{"value":{"N":1,"X":2,"Y":3}}""", "3")]
    [InlineData("no-clash", """{"value":{"size":4}}""", "4")]
    public async Task Shapes_the_real_context_reads_and_writes_work(string command, string value, string message) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{message}}"}""",
            await samples.Commands.SendAsync($$"""{"name":"{{command}}","value":{{value}}}"""));

    [Theory]
    [InlineData("""{"value":{"Inner":{"Size":5,"Count":2}}}""")]
    [InlineData("""{"value":{"Inner":{"Count":2}}}""")]
    public async Task Required_constructor_parameters_fail_every_request_that_sends_a_populated_value_whose_member_has_no_setter(string value)
    {
        var answer = await samples.RequiredParameters.SendAsync($$"""{"name":"holds-sized","value":{{value}}}""");
        Assert.StartsWith("""{"returncode":"500",""", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("req-bound-default", """{"value":{"Size":6}}""")]
    [InlineData("make-req-bound-default", "null")]
    public async Task A_required_member_bound_to_a_parameter_with_a_default_still_fails_under_required_constructor_parameters(string command, string value) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Command '{{command}}' failed with an internal error"}""",
            await samples.RequiredParameters.SendAsync($$"""{"name":"{{command}}","value":{{value}}}"""));

    [Theory]
    [InlineData("holds-sized", """{"value":{}}""", "7,0")]
    [InlineData("holds-settable", """{"value":{"Inner":{"Size":5,"Count":2}}}""", "5,2")]
    [InlineData("holds-defaulted", """{"value":{"Inner":{"Count":2}}}""", "7,2")]
    [InlineData("sized", """{"value":{"Size":5,"Count":2}}""", "5,2")]
    [InlineData("req-bound", """{"value":{"Size":6}}""", "6")]
    [InlineData("make-req-bound", "null", "{'Size':3}")]
    [InlineData("req-set-bound", """{"value":{"Items":[1,2]}}""", "2")]
    public async Task Required_constructor_parameters_are_read_where_a_setter_a_default_or_creation_allows(string command, string value, string message) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{message}}"}""",
            await samples.RequiredParameters.SendAsync($$"""{"name":"{{command}}","value":{{value}}}"""));

    [Fact]
    public void The_analyzer_reports_exactly_the_commands_that_fail()
    {
        Assert.Equal(
            ["GA0020 TakePolyHolder", "GA0020 TakeReqGetter", "GA0020 TakeReqBound", "GA0020 TakeReqPrivateSet", "GA0020 TakeReqInternalSet",
                "GA0020 TakeReqSetList", "GA0020 TakeReqSetMap", "GA0020 TakeReqSetBound",
                "GA0020 TakePrivateCtor", "GA0020 TakeProtectedCtor", "GA0020 TakePrivateProtectedCtor", "GA0020 TakeInternalStructCtor", "GA0020 TakeNumText",
                "GA0020 TakeStrictExtra", "GA0020 TakeClash", "GA0021 MakePoly", "GA0021 MakeReqGetter", "GA0021 MakeReqSetList", "GA0021 MakeNumText", "GA0021 MakeStrictExtra",
                "GA0021 MakeClash"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));
        Assert.Equal(["GA0020 TakeHoldsSized", "GA0020 TakeReqBoundDefault", "GA0021 MakeReqBoundDefault"], samples.RequiredParametersDiagnostics.Select(AnalyzedSamples.Describe));
    }

    /// <summary>Both samples compiled with the real JSON context and loaded once, and the analyzer's diagnostics on each.</summary>
    public sealed class Samples() : AnalyzedSamples(Source)
    {
        internal LoadedCommands RequiredParameters { get; } = LoadedCommands.Compile(RequiredParametersSource);

        internal IReadOnlyList<Diagnostic> RequiredParametersDiagnostics { get; private set; } = [];

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            RequiredParametersDiagnostics = await AnalyzeAsync(RequiredParametersSource);
        }

        public override ValueTask DisposeAsync()
        {
            RequiredParameters.Dispose();
            return base.DisposeAsync();
        }
    }
}
