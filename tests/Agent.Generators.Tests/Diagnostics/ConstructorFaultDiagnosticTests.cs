using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;
using static GuestAgent.Generators.Tests.Infrastructure.HandWrittenJsonContext;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0020 for the contract faults of creating a class (a <c>[JsonConstructor]</c> the context cannot
/// call, no constructor it can use; the real context's behaviour is in <c>ContractFaultExecutionTests</c>
/// and <c>ConstructorlessExecutionTests</c>): their messages, and the neighbouring shapes the real
/// context reads, which are not reported.
/// </summary>
public sealed class ConstructorFaultDiagnosticTests
{
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
    public async Task Members_differing_only_in_case_do_no_harm_to_a_private_JsonConstructor_the_context_cannot_call()
    {
        const string Types = """
            public sealed class Twins { [JsonConstructor] private Twins(int count) => Count = count; public int Count { get; } public int count { get; set; } public static Twins Make() => new(1); }

            """;
        var diagnostics = await ReportsAsync(Source(Types + """
            public static class A { [Command("a")] public static void Ma(Twins twins) { } }
            """, "", "Twins"), "GA0020", "Twins");
        Assert.Contains("its [JsonConstructor] constructor 'Twins(int count)' is private,", Message(diagnostics[0]), StringComparison.Ordinal);

        await ReportsAsync(Source(Types + """
            public static class A { [Command("a")] public static Twins Ma() => Twins.Make(); }
            """, "", "Twins"), "GA0021");
    }

    [Fact]
    public async Task A_polymorphic_class_whose_own_creation_fails_is_not_reported_when_a_discriminator_names_a_derived_type()
    {
        var diagnostics = await ReportsAsync(Source("""
            [JsonPolymorphic] [JsonDerivedType(typeof(PrivateLeaf), "leaf")]
            public class PrivateBase { [JsonConstructor] private PrivateBase(int x) => X = x; protected PrivateBase() { } public int X { get; set; } }
            public sealed class PrivateLeaf : PrivateBase { }

            [JsonDerivedType(typeof(UnboundLeaf), 1)]
            public class UnboundBase { public UnboundBase(int zzz) { } public int X { get; set; } }
            public sealed class UnboundLeaf : UnboundBase { public UnboundLeaf() : base(0) { } }

            // Reported: without a discriminator, or naming only itself, every read creates the type.
            [JsonDerivedType(typeof(PlainLeaf))]
            public class Plain { public Plain(int zzz) { } public int X { get; set; } }
            public sealed class PlainLeaf : Plain { public PlainLeaf() : base(0) { } }
            [JsonPolymorphic] [JsonDerivedType(typeof(SelfOnly), "self")]
            public class SelfOnly { [JsonConstructor] private SelfOnly(int x) => X = x; public int X { get; set; } }

            public static class A
            {
                [Command("a")] public static void Ma(PrivateBase privateBase, UnboundBase unboundBase) { }
                [Command("b")] public static void Mb(Plain plain, SelfOnly self) { }
            }
            """, "", "PrivateBase", "UnboundBase", "Plain", "SelfOnly"), "GA0020", "Plain", "SelfOnly");

        Assert.Contains("has the parameter 'zzz', which binds to no property or field of 'Plain'", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.Contains("its [JsonConstructor] constructor 'SelfOnly(int x)' is private,", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_class_without_a_constructor_the_context_uses_fails_reads_only()
    {
        const string Types = """
            public sealed class OnlyPrivate { private OnlyPrivate() { } public int X { get; set; } public static OnlyPrivate Make() => new(); }
            public sealed class TwoPublic { public TwoPublic(int x) => X = x; public TwoPublic(string x) => X = x.Length; public int X { get; set; } }
            public sealed class Bag : List<int> { internal Bag() { } }
            public sealed class Holder { public List<Bag>? Bags { get; set; } }
            public class ProtectedPlain { protected ProtectedPlain() { } public int X { get; set; } }

            public sealed class PublicAndPrivate { public PublicAndPrivate(int x) => X = x; private PublicAndPrivate() { } public int X { get; set; } }
            public record Positional(int X);
            public struct TwoPublicStruct { public TwoPublicStruct(int x) => X = x; public TwoPublicStruct(string x) => X = x.Length; public int X { get; set; } }
            [JsonPolymorphic] [JsonDerivedType(typeof(Leaf), "leaf")]
            public class Base { private protected Base() { } public int X { get; set; } }
            public sealed class Leaf : Base { public Leaf() { } }
            public sealed class HoldsOnlyPrivate { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public OnlyPrivate Inner { get; } = OnlyPrivate.Make(); }

            """;
        var diagnostics = await ReportsAsync(Source(Types + """
            public static class A
            {
                [Command("a")] public static void Ma(OnlyPrivate value) { }
                [Command("b")] public static void Mb(TwoPublic value) { }
                [Command("c")] public static void Mc(Holder value) { }
                [Command("e")] public static void Me(ProtectedPlain value) { }
                [Command("d")] public static void Md(PublicAndPrivate a, Positional b, TwoPublicStruct c, Base d, HoldsOnlyPrivate e) { }
            }
            """, "", "OnlyPrivate", "TwoPublic", "Holder", "PublicAndPrivate", "Positional", "TwoPublicStruct", "Base", "HoldsOnlyPrivate", "ProtectedPlain"), "GA0020", "OnlyPrivate", "TwoPublic", "Holder", "ProtectedPlain");

        Assert.EndsWith(
            "'OnlyPrivate' has no public constructor and none marked [JsonConstructor], so the context has no constructor to create one with and throws NotSupportedException whenever it reads a 'OnlyPrivate'; "
            + "add a public parameterless constructor, or mark [JsonConstructor] the public or internal constructor to create it with",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
        Assert.Contains("'TwoPublic' has 2 public constructors, none of them parameterless, and none marked [JsonConstructor],", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("at 'Holder.Bags', 'Bag' has no public constructor", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.StartsWith("Parameter 'value' of command method 'A.Me(", Message(diagnostics[3]), StringComparison.Ordinal);
        Assert.Contains("'ProtectedPlain' has no public constructor and none marked [JsonConstructor],", Message(diagnostics[3]), StringComparison.Ordinal);

        // Written fine: not GA0021.
        await ReportsAsync(Source(Types + """
            public static class A { [Command("a")] public static OnlyPrivate Ma() => OnlyPrivate.Make(); }
            """, "", "OnlyPrivate"), "GA0021");
    }
}
