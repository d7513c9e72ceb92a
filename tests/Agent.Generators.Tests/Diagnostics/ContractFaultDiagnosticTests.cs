using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0020 and GA0021 for the contract faults beyond constructor binding and Populate (the real
/// context's behaviour for each is in <c>ContractFaultExecutionTests</c>): their messages, and the
/// neighbouring shapes the real context reads, which are not reported.
/// </summary>
public sealed class ContractFaultDiagnosticTests
{
    private const string Context = """
        using System.Text.Json.Serialization;

        [assembly: CommandJsonContext(typeof(Ctx))]
        LISTED
        OPTIONS
        public partial class Ctx : JsonSerializerContext
        {
            public Ctx() : base(null) { }
            public static Ctx Default { get; } = new();
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }

        """;

    private static string Source(string types, string options = "", params string[] listed) =>
        Context.Replace("LISTED", string.Concat(listed.Select(t => $"[JsonSerializable(typeof({t}))] ")), StringComparison.Ordinal)
            .Replace("OPTIONS", options, StringComparison.Ordinal) + types;

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

    [Fact]
    public async Task A_private_or_protected_JsonConstructor_of_a_class_fails_reads_only()
    {
        var diagnostics = await ReportsAsync(Source("""
            public sealed class Private { public Private() { } [JsonConstructor] private Private(int a) => A = a; public int A { get; set; } }
            public class Protected { [JsonConstructor] protected Protected(int zzz) { } public int A { get; } }
            public class PrivateProtected { [JsonConstructor] private protected PrivateProtected(int a) => A = a; public int A { get; } }

            public sealed class Internal { [JsonConstructor] internal Internal(int a) => A = a; public int A { get; } }
            public struct PrivateStruct { [JsonConstructor] private PrivateStruct(int zzz) => A = zzz; public int A { get; set; } }
            public sealed class HoldsPrivate { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Private Inner { get; } = new(); }

            public static class A
            {
                [Command("a")] public static void Ma(Private value) { }
                [Command("b")] public static void Mb(Protected value) { }
                [Command("c")] public static void Mc(PrivateProtected value) { }
                [Command("d")] public static void Md(Internal value, PrivateStruct privateStruct, HoldsPrivate holds) { }
                [Command("e")] public static Private Me() => new();
            }
            """, "", "Private", "Protected", "PrivateProtected", "Internal", "PrivateStruct", "HoldsPrivate"), "GA0020", "Private", "Protected", "PrivateProtected");

        Assert.EndsWith(
            "its [JsonConstructor] constructor 'Private(int a)' is private, which the context's generated code cannot call (SYSLIB1222), "
            + "so the context throws NotSupportedException whenever it reads a 'Private'; make the constructor public or internal",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
        // Not that 'zzz' binds nothing: the context never gets as far.
        Assert.Contains("its [JsonConstructor] constructor 'Protected(int zzz)' is protected,", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("'PrivateProtected(int a)' is private protected,", Message(diagnostics[2]), StringComparison.Ordinal);
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
}
