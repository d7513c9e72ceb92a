using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// Legal shapes the other torture classes leave out, each found to work when session 25 probed
/// them, kept so they go on working: containers (a ref struct, a class nested in an interface or a
/// struct, four levels with <c>protected internal</c>), an enum nested in a generic class, a
/// partial method, identifiers written with Unicode escapes or a format character, methods named
/// like contextual keywords or the registry's members, classes named like parameters, user types
/// named like what the generated code uses in <c>GuestAgent.Generated</c>, the attribute through an
/// alias, extern and caller-info methods, extreme defaults and a constructor's defaults.
/// </summary>
public sealed class UnusualShapeTortureTests(UnusualShapeTortureTests.Compiled compiled) : IClassFixture<UnusualShapeTortureTests.Compiled>
{
    private const string Source = """
        #pragma warning disable CS8981 // lower-case type names: the point of the test
        namespace GuestAgent.Generated
        {
            public class String { }
            public class Task { }
            public class System { }
            public class Utf8JsonReader { }
            public class JsonTokenType { }
            public class Array { }
            public class MemoryExtensions { }
            public class Volatile { }
            public class InvalidOperationException { }
            public class IServiceProvider { }
            public class Describe_u_Dbinding { }
            public class BindingFailed { }
        }

        namespace Sample
        {
            using Cmd = GuestAgent.Commands.CommandAttribute;

            public ref struct Ref { [Command("u.ref-struct")] public static string Run(int a = 1) => "ref " + a; }
            public interface IHost { public static class Nested { [Command("u.in-interface")] public static string Run() => "in interface"; } }
            public struct Holder { public class Nested { [Command("u.in-struct")] public string Run() => "in struct"; } }
            public class A { public class B { internal class C { protected internal static class D { [Command("u.deep")] public static string Run(E e = E.Y) => "deep " + e; public enum E { X, Y } } } } }

            public class Outer<T> { public enum E { X, Y } }

            public static partial class Parts
            {
                [Command("u.partial")] public static partial string Run(int a = 2);
                public static partial string Run(int a) => "partial " + a;
            }

            public static class \u0045scaped { [Command("u.escaped")] public static string Run(int \u0061b = 1, string @\u0069nt = "i") => ab + @int; }
            public class Jo\u200Dined { [Command("u.format-char")] public string Run(int a\u200Db = 1) => "joined " + a\u200Db; }

            public static class Contextual
            {
                [Command("u.nameof")] public static string nameof() => "nameof";
                [Command("u.await")] public static string await() => "await";
                [Command("u.var")] public static string var(int value) => "var " + value;
                [Command("u.async")] public static global::System.Threading.Tasks.Task<string> async() => global::System.Threading.Tasks.Task.FromResult("async");
            }

            public class RegistryNames
            {
                [Command("u.binding")] public string BindingFailed(int a) => "binding " + a;
                [Command("u.describe")] public static string Describe_u_Dbinding() => "describe";
                [Command("u.instance")] public string Instance_Sample_DRegistryNames() => "instance";
            }

            public class value { [Command("u.value")] public string Run(int value, string invocation = "i") => value + invocation; }
            public class reader { [Command("u.reader")] public string Run(int reader = 1, string @value = "v") => reader + value; }

            public static class Aliased
            {
                [Cmd("u.alias")] public static string Alias() => "alias";
                [global::GuestAgent.Commands.CommandAttribute("u.qualified")] public static string Qualified() => "qualified";
            }

            public static class Odd
            {
                [Command("u.generic-enum")] public static string GenericEnum(Outer<int>.E e = Outer<int>.E.Y) => e.ToString();
                [Command("u.extern")] [global::System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getpid")] public static extern int Pid();
                [Command("u.caller")] public static string Caller([global::System.Runtime.CompilerServices.CallerMemberName] string caller = "", [global::System.Runtime.CompilerServices.CallerLineNumber] int line = 0) => caller + line;
            }

            [global::System.Flags] public enum Wide : short { None = 0, A = 1, Neg = -32768 }
            public enum Small : sbyte { Min = -128, One = 1 }
            [global::System.Flags] public enum High : ulong { None = 0, Lo = 1, Hi = 0x8000000000000000 }

            public static class Extremes
            {
                public const decimal Tiny = 0.0000000000000000000000000001m;

                [Command("u.extremes")]
                public static string Run(decimal a = Tiny, decimal b = decimal.MaxValue, double c = double.Epsilon, float d = float.MinValue, long e = long.MinValue,
                    Wide f = Wide.A | Wide.Neg, Small g = Small.Min, High h = High.Hi | High.Lo, double? i = double.NaN) =>
                    global::System.FormattableString.Invariant($"{a} {b} {c:R} {d:R} {e} {f} {g} {h} {i}");
            }

            public class Constructed
            {
                private readonly string _text;
                public Constructed(char a = '\'', long b = long.MinValue, decimal c = -1.5m, Wide f = Wide.A | Wide.Neg, double d = -0.0, string s = "q\"", float g = float.NaN, int? h = 3, Small? i = Small.One)
                    => _text = global::System.FormattableString.Invariant($"{(int)a} {b} {c} {f} {1 / d} {s} {g} {h} {i}");
                [Command("u.constructed")] public string Run() => _text;
            }
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("""{"name":"u.ref-struct"}""", "ref 1")]
    [InlineData("""{"name":"u.in-interface"}""", "in interface")]
    [InlineData("""{"name":"u.in-struct"}""", "in struct")]
    [InlineData("""{"name":"u.deep"}""", "deep Y")]
    [InlineData("""{"name":"u.partial"}""", "partial 2")]
    [InlineData("""{"name":"u.escaped","value":{"ab":2,"int":"j"}}""", "2j")]
    [InlineData("""{"name":"u.format-char"}""", "joined 1")]
    [InlineData("""{"name":"u.nameof"}""", "nameof")]
    [InlineData("""{"name":"u.await"}""", "await")]
    [InlineData("""{"name":"u.var","value":{"value":1}}""", "var 1")]
    [InlineData("""{"name":"u.async"}""", "async")]
    [InlineData("""{"name":"u.binding","value":{"a":1}}""", "binding 1")]
    [InlineData("""{"name":"u.describe"}""", "describe")]
    [InlineData("""{"name":"u.instance"}""", "instance")]
    [InlineData("""{"name":"u.value","value":{"value":3}}""", "3i")]
    [InlineData("""{"name":"u.reader","value":{"reader":2}}""", "2v")]
    [InlineData("""{"name":"u.alias"}""", "alias")]
    [InlineData("""{"name":"u.qualified"}""", "qualified")]
    [InlineData("""{"name":"u.generic-enum"}""", "Y")]
    [InlineData("""{"name":"u.generic-enum","value":{"e":"X"}}""", "X")]
    [InlineData("""{"name":"u.caller"}""", "0")]
    [InlineData("""{"name":"u.extremes"}""", "0.0000000000000000000000000001 79228162514264337593543950335 5E-324 -3.4028235E+38 -9223372036854775808 A, Neg Min Lo, Hi NaN")]
    [InlineData("""{"name":"u.constructed"}""", "39 -9223372036854775808 -1.5 A, Neg -Infinity q' NaN 3 One")]
    public async Task Each_shape_dispatches(string request, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await _commands.SendAsync(request));

    [Fact]
    public async Task An_extern_method_is_called()
    {
        var answer = await _commands.SendAsync("""{"name":"u.extern"}""");
        Assert.Equal($$"""{"returncode":"0","message":"{{Environment.ProcessId}}"}""", answer);
    }

    [Fact]
    public void Extreme_defaults_are_stated_as_the_binder_takes_them()
    {
        var parameters = _commands.CreateRegistry().Commands.Single(c => c.Name == "u.extremes").Parameters.ToDictionary(p => p.Name, p => p.DefaultValue);
        Assert.Equal("0.0000000000000000000000000001", parameters["a"]);
        Assert.Equal("5E-324", parameters["c"]);
        Assert.Equal("-9223372036854775808", parameters["e"]);
        Assert.Equal("\"A, Neg\"", parameters["f"]);
        Assert.Equal("\"Min\"", parameters["g"]);
        Assert.Equal("\"Lo, Hi\"", parameters["h"]);
        Assert.Null(parameters["i"]);
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(TortureCompiler.Load(TortureCompiler.Usings + Source));
}
