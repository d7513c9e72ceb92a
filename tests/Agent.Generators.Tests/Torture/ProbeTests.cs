using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Torture;

public sealed class ProbeTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "clash-names", """
            namespace Sample;
            public static class C
            {
                [Command("a")] public static string A(string value, int result, string context, string invocation, string name, string span, string reader, string json, string e, string _) => value + result + name;
                [Command("b")] public static string B(CancellationToken cancellationToken, CommandContext context) => "b";
                [Command("c")] public static string C1(string services, string utf8Name, string a0, string has_x, string p_x, string x, int read_p_x) => "c";
                [Command("d")] public static string D(string @class, int @event, string Value, string value) => @class + @event + Value + value;
                [Command("e")] public static string E(string ñame, int 数) => ñame + 数;
            }
            """ },
        { "keyword-type", """
            namespace Sample;
            public class @class { [Command("kw")] public string Run() => "kw"; }
            public static class @event { [Command("kw2")] public static string Run() => "kw2"; }
            """ },
        { "shadow-types", """
            namespace Sample
            {
                public class Task {}
                public class ValueTask {}
                public class JsonElement {}
                public class CommandResult {}
                public class String {}
                public class Guid {}
                public class CancellationToken {}
                public static class C
                {
                    [Command("x")] public static System.Threading.Tasks.Task<string> X(string value) => System.Threading.Tasks.Task.FromResult(value);
                    [Command("y")] public static GuestAgent.Commands.CommandResult Y(int a, System.Threading.CancellationToken ct) => GuestAgent.Commands.CommandResult.Ok("y");
                }
            }
            """ },
        { "namespace-guestagent", """
            namespace GuestAgent { public static class C { [Command("x")] public static string X(int a) => "x"; } }
            namespace GuestAgent.Generated.Sub { public static class D { [Command("y")] public static string Y(int a) => "y"; } }
            namespace System { public static class E { [Command("z")] public static string Z(int a) => "z"; } }
            """ },
        { "global-namespace", """
            public static class G { [Command("g")] public static string Run(int a = 1) => "g"; }
            public class H { [Command("h")] public string Run() => "h"; }
            """ },
        { "var-type", """
            #pragma warning disable CS8981
            public class var { }
            public class dynamic { }
            namespace Sample { public class C { [Command("v")] public long V(int a, Guid g, DayOfWeek d) => a; [Command("w")] public async Task<int> W() { await Task.Yield(); return 1; } } }
            """ },
        { "containers", """
            namespace Outer
            {
                namespace Inner
                {
                    internal static class Host
                    {
                        public static class Nested { [Command("n1")] public static string N() => "n1"; }
                        public class Inst { [Command("n2")] public string N() => "n2"; }
                    }
                    public partial class Part { [Command("p1")] public string P1() => "p1"; }
                    public partial class Part { [Command("p2")] public string P2() => "p2"; }
                    public struct S { [Command("s1")] public static string S1() => "s1"; }
                    public record R(int X) { [Command("r1")] public static string R1() => "r1"; }
                    public record class RC { [Command("r2")] public string R2() => "r2"; }
                    public record struct RS { [Command("r3")] public static string R3() => "r3"; }
                    public sealed class Primary(IServiceProvider sp) { [Command("pc")] public string Pc() => sp is null ? "" : "pc"; }
                    public class Many { public Many() {} public Many(IServiceProvider sp, string? s = "d\"q") { } [Command("mc")] public string Mc() => "mc"; }
                    public interface IFace { [Command("if1")] static string If1() => "if1"; }
                }
            }
            """ },
        { "required-member", """
            namespace Sample;
            public class Req { public required string Name { get; init; } [Command("req")] public string Run() => Name; }
            """ },
        { "ctor-nullable-value", """
            namespace Sample;
            public class Ctor { public Ctor(int? x, (int, string) t, object o) { } [Command("ctor")] public string Run() => "ctor"; }
            """ },
        { "ctor-dynamic", """
            namespace Sample;
            public class Ctor { public Ctor(dynamic d) { } [Command("ctor")] public string Run() => "ctor"; }
            """ },
        { "obsolete", """
            namespace Sample;
            public static class Old
            {
                [Obsolete("use new")] [Command("old")] public static string Run() => "old";
            }
            [Obsolete] public class OldType { [Command("old2")] public string Run() => "old2"; }
            """ },
        { "defaults", """
            namespace Sample;
            public enum E : long { Neg = -5, Zero = 0, Big = long.MaxValue }
            [Flags] public enum F { None = 0, A = 1, B = 2, AB = A | B }
            public enum @enum { @class, @event }
            public static class D
            {
                public const string Konst = "k\"\\\n\u2028\u0085\u00e9\U0001F600";
                [Command("defs")]
                public static string Run(string? a = null, int b = default, E c = E.Neg, F f = F.A | F.B, F g = (F)4, double h = double.NaN, double i = double.NegativeInfinity,
                    char j = '\'', decimal k = 1.5m, string l = Konst, float m = 1e30f, double n = -0.0, E? o = null, E? p = E.Big, ulong q = ulong.MaxValue, sbyte r = -1,
                    short s = short.MinValue, byte t = 255, ushort u = 7, uint v = 9, long w = long.MinValue, bool x = true, decimal y = -79228162514264337593543950335m,
                    Guid z = default, DateTime dt = default, JsonElement je = default, int? ni = 5, @enum en = @enum.@event, char nul = '\0', string tab = "\t\u0001")
                    => "ok";
            }
            """ },
        { "string-default-raw", """
            namespace Sample;
            public static class D { [Command("raw")] public static string Run(string who = "line1\nline2\u2028x") => who; }
            """ },
        { "summary-newline", """
            namespace Sample;
            public static class D
            {
                /// <summary>Has a line separator:\u2028and next:\u0085end \uD800 lone</summary>
                [Command("sum")] public static string Run() => "s";
            }
            """ },
        { "params", """
            [assembly: GuestAgent.Commands.CommandJsonContext(typeof(Sample.Ctx))]
            namespace Sample;
            [System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
            internal partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext;
            public static class P { [Command("params")] public static string Run(int a, params string[] rest) => a + rest.Length.ToString(); }
            """ },
        { "returns", """
            [assembly: GuestAgent.Commands.CommandJsonContext(typeof(Sample.Ctx))]
            namespace Sample;
            public record Thing(string Name);
            [System.Text.Json.Serialization.JsonSerializable(typeof(Thing))]
            internal partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext;
            public static class R
            {
                [Command("r1")] public static void R1() { }
                [Command("r2")] public static Task R2() => Task.CompletedTask;
                [Command("r3")] public static ValueTask R3() => default;
                [Command("r4")] public static Task<int> R4() => Task.FromResult(1);
                [Command("r5")] public static ValueTask<long?> R5() => new((long?)null);
                [Command("r6")] public static CommandResult R6() => CommandResult.Ok("6");
                [Command("r7")] public static Task<CommandResult> R7() => Task.FromResult(CommandResult.Ok("7"));
                [Command("r8")] public static string? R8() => null;
                [Command("r9")] public static int? R9() => null;
                [Command("r10")] public static Thing R10() => new("t");
                [Command("r11")] public static Thing? R11() => null;
                [Command("r12")] public static Task<Thing?> R12() => Task.FromResult<Thing?>(null);
                [Command("r13")] public static ValueTask<CommandResult> R13() => new(CommandResult.Ok("13"));
                [Command("r14")] public static Task<string?> R14() => Task.FromResult<string?>(null);
                [Command("r15")] public static JsonElement? R15() => null;
                [Command("r16")] public static DayOfWeek? R16() => DayOfWeek.Friday;
                [Command("r17")] public static async Task<Thing> R17(Thing t) { await Task.Yield(); return t; }
                [Command("r18")] public static Thing? R18(Thing? t, Thing u) => t ?? u;
            }
            """ },
        { "case-names", """
            namespace Sample;
            public static class N
            {
                [Command("hello")] public static string A() => "hello";
                [Command("Hello")] public static string B() => "Hello";
                [Command("HELLO")] public static string C() => "HELLO";
            }
            """ },
        { "overloads", """
            namespace Sample;
            public static class O
            {
                [Command("o1")] public static string Run(int a) => "int";
                [Command("o2")] public static string Run(long a) => "long";
                [Command("o3")] public static string Run(string a, int b = 1) => "string";
                public static string Run(string a, int b = 1, int c = 2) => "other";
            }
            """ },
        { "empty-enum", """
            namespace Sample;
            public enum Nothing { }
            public static class O { [Command("ee")] public static string Run(Nothing n, int x) => "e"; }
            """ },
        { "nullable-disable-file", """
            #nullable disable
            [assembly: GuestAgent.Commands.CommandJsonContext(typeof(Sample.Ctx))]
            namespace Sample;
            public record Thing(string Name);
            [System.Text.Json.Serialization.JsonSerializable(typeof(Thing))]
            [System.Text.Json.Serialization.JsonSerializable(typeof(List<Thing>))]
            internal partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext;
            public class N
            {
                public N(string s, IServiceProvider sp) { }
                [Command("nd1")] public static string Run(string a, Thing t, string b = null) => a;
                [Command("nd2")] public Task<Thing> Run2(string only) => Task.FromResult(new Thing(only));
                [Command("nd3")] public Task<string> Run3(List<Thing> items) => Task.FromResult("x");
            }
            """ },
        { "static-abstract", """
            namespace Sample;
            public interface IStat { [Command("sa")] static abstract string Run(); }
            """ },
        { "extension-block", """
            namespace Sample;
            public static class Ext
            {
                extension(string s)
                {
                    [Command("ext")] public static string Run() => "ext";
                }
            }
            """ },
        { "extension-method", """
            namespace Sample;
            public static class Ext { [Command("extm")] public static string Run(this string s) => s; }
            """ },
        { "file-local", """
            namespace Sample;
            file static class F { [Command("fl")] public static string Run() => "fl"; }
            public static class G { [Command("ok")] public static string Run() => "ok"; }
            """ },
        { "generic-nested", """
            namespace Sample;
            public static class Outer<T> { public static class Inner { [Command("gn")] public static string Run() => "gn"; } }
            public static class G { [Command("ok")] public static string Run() => "ok"; }
            """ },
        { "abstract-instance", """
            namespace Sample;
            public abstract class A { [Command("ab")] public string Run() => "ab"; }
            public static class G { [Command("ok")] public static string Run() => "ok"; }
            """ },
        { "unicode-types", """
            namespace Ñandú.Ölçer;
            public class Größe { [Command("gr")] public string Run(int 値 = 1) => "gr"; }
            """ },
        { "dup-method-name-instance-static", """
            namespace Sample;
            public class Mixed
            {
                [Command("m1")] public string Run(int a) => "inst";
                [Command("m2")] public static string Run(long a) => "static";
            }
            """ },
    };

    [Theory]
    [InlineData(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10)]
    [InlineData(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp11)]
    [InlineData(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9)]
    public void ProbeLang(Microsoft.CodeAnalysis.CSharp.LanguageVersion version)
    {
        var (output, problems) = TortureCompiler.Generate(TortureCompiler.Compile([TortureCompiler.Usings + "namespace S { public class C { public C(IServiceProvider sp) {} [Command(\"a\")] public string A(int x, DayOfWeek d = DayOfWeek.Monday) => \"a\"; [Command(\"b\")] public static Task<int> B(string s) => Task.FromResult(1); } }"], version));
        Assert.True(problems.Count == 0, version + ":\n" + string.Join("\n", problems));
    }

    [Fact]
    public void ProbeNullableDisabledProject()
    {
        var (output, problems) = TortureCompiler.Generate(TortureCompiler.Compile([TortureCompiler.Usings + "namespace S { public class C { public C(IServiceProvider sp, string s) {} [Command(\"a\")] public string A(int x, string y, string z = null) => \"a\"; [Command(\"b\")] public static Task<string> B(string s) => Task.FromResult(s); [Command(\"c\")] public static int? C1(string s = null) => 1; } }"], nullable: Microsoft.CodeAnalysis.NullableContextOptions.Disable));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Probe(string label, string source)
    {
        var (output, problems) = TortureCompiler.Generate(TortureCompiler.Compile([TortureCompiler.Usings + source]));
        Assert.True(problems.Count == 0, label + ":\n" + string.Join("\n", problems));
        _ = output;
    }
}
