using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0003, a method the generated registry cannot call: its accessibility, where it is declared
/// (a file-local class, an interface, an extension block, an obsolete error), and what it is (a
/// local function, an operator, an accessor, a finalizer), each reported once with its reason.
/// </summary>
public sealed class NotCallableDiagnosticTests
{
    [Fact]
    public async Task GA0003_private_method() =>
        Assert.Equal(
            "Command method 'A.Hidden()' must be public or internal and declared in public or internal types",
            Message((await ReportsAsync("""
                public static class A { [Command("x")] private static void Hidden() { } }
                """, "GA0003", "Hidden"))[0]));

    [Fact]
    public async Task GA0003_method_of_a_private_nested_class() =>
        await ReportsAsync("""
            public static class Outer { private static class Inner { [Command("x")] public static void Run() { } } }
            """, "GA0003", "Run");

    [Fact]
    public async Task GA0003_method_of_a_file_local_class() =>
        await ReportsAsync("""
            file static class Local { [Command("x")] public static void Run() { } }
            """, "GA0003", "Run");

    [Fact]
    public async Task GA0003_local_function() =>
        await ReportsAsync("""
            public static class A
            {
                public static void Outer()
                {
                    [Command("x")] static void Local() { }
                    Local();
                }
            }
            """, "GA0003", "Local");

    [Fact]
    public async Task GA0003_static_abstract_or_virtual_interface_member()
    {
        var diagnostics = await ReportsAsync("""
            public interface IA { [Command("x")] static abstract string Run(); }
            public interface IB { [Command("y")] static virtual string Run() => "y"; }
            """, "GA0003", "Run", "Run");
        Assert.Equal(
            "Command method 'IA.Run()' cannot be called by the generated registry: a static abstract or static virtual interface member can only be called through a type parameter; declare the command as a static method of a class",
            Message(diagnostics[0]));
    }

    [Fact]
    public async Task GA0003_operator_accessor_or_lambda()
    {
        var diagnostics = await ReportsAsync("""
            public class K
            {
                [Command("op")] public static K operator +(K a, K b) => a;
                [Command("conv")] public static implicit operator int(K k) => 1;
                public int P { [Command("getter")] get => 1; }
                public static void M() { Func<int> f = [Command("lambda")] () => 1; }
            }
            """, "GA0003", "+", "int", "get", "\"lambda\"");
        Assert.Equal(
            "Command method 'K.op_Addition(K, K)' cannot be called by the generated registry: it is an operator; only an ordinary method can be a command",
            Message(diagnostics[0]));
        Assert.EndsWith("it is a property accessor; only an ordinary method can be a command", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.Equal(
            "A lambda in 'K.M()' cannot be a command: the generated registry can only call methods of a type; make it a static or instance method",
            Message(diagnostics[3]));
    }

    [Fact]
    public async Task GA0003_finalizer_event_accessor_and_private_accessor_once_each()
    {
        // Once each: not also "must be public or internal", which a finalizer cannot be and which
        // would not make an accessor callable.
        var diagnostics = await ReportsAsync("""
            public class K
            {
                [Command("fin")] ~K() { }
                public event Action E { [Command("add")] add { } remove { } }
                public int P { [Command("get")] private get => 1; set { } }
            }
            """, "GA0003", "K", "add", "get");
        Assert.EndsWith("it is a finalizer; only an ordinary method can be a command", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.EndsWith("it is an event accessor; only an ordinary method can be a command", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.EndsWith("it is a property accessor; only an ordinary method can be a command", Message(diagnostics[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0003_once_for_a_special_method_where_an_ordinary_one_would_be_refused_too()
    {
        // Once each, for what it is: moving it out of the extension block or the obsolete class
        // would still leave an operator or accessor, which no change but a new method fixes.
        var diagnostics = await ReportsAsync("""
            public class K { }
            public static class Extensions
            {
                extension(K)
                {
                    [Command("op")] public static K operator +(K a, K b) => a;
                }
            }
            [Obsolete("gone", error: true)] public class L
            {
                [Command("op2")] public static L operator -(L a, L b) => a;
                public int P { [Command("getter")] get => 1; }
            }
            """, "GA0003", "+", "-", "get");
        Assert.All(diagnostics, d => Assert.Contains("only an ordinary method can be a command", Message(d), StringComparison.Ordinal));
    }

    [Fact]
    public async Task GA0003_alone_for_a_special_method_in_a_generic_type()
    {
        // Not GA0004 beside it: moving an operator or accessor out of the generic type leaves it no
        // command; making it an ordinary method is the fix, and GA0004 follows then if it stays.
        var diagnostics = await ReportsAsync("""
            public class G<T>
            {
                [Command("op")] public static G<T> operator +(G<T> a, G<T> b) => a;
                [Command("conv")] public static implicit operator int(G<T> g) => 1;
                public int P { [Command("getter")] get => 1; }
                public event System.Action? E { [Command("add")] add { } remove { } }
                [Command("fin")] ~G() { }
            }
            """, "GA0003", "+", "int", "get", "add", "G");
        Assert.Equal(
            "Command method 'G<T>.op_Addition(G<T>, G<T>)' cannot be called by the generated registry: it is an operator; only an ordinary method can be a command",
            Message(diagnostics[0]));
        Assert.All(diagnostics, d => Assert.Contains("only an ordinary method can be a command", Message(d), StringComparison.Ordinal));
    }

    [Fact]
    public async Task GA0003_obsolete_as_an_error()
    {
        var diagnostics = await ReportsAsync("""
            public static class A { [Obsolete("gone", true)] [Command("x")] public static string Run() => "x"; }
            [Obsolete("gone", error: true)] public class B { [Command("y")] public static string Run() => "y"; }
            public static class C { [Obsolete("still served")] [Command("z")] public static string Run() => "z"; }
            [Obsolete("gone", true)] public static class Outer { public static class Inner { [Command("w")] public static string Run() => "w"; } }
            public static class D { [Obsolete("only a warning", false)] [Command("v")] public static string Run() => "v"; }
            """, "GA0003", "Run", "Run", "Run");
        Assert.Equal(
            "Command method 'A.Run()' cannot be called by the generated registry: it (or its class) is [Obsolete] with error: true, so no code may call it; remove the command, or make the attribute a warning",
            Message(diagnostics[0]));
    }

    /// <summary>
    /// An [Obsolete] command may name a type [Obsolete] with error: true (its own obsolete context
    /// allows it), but the generated file may not: before session 27 it failed with CS0619 there.
    /// </summary>
    [Fact]
    public async Task GA0003_and_GA0010_a_type_obsolete_as_an_error_in_the_signature()
    {
        var diagnostics = await ReportsAsync("""
            [Obsolete("gone", true)] public enum Mode { A }
            [Obsolete("gone", true)] public class Outer { public enum Inner { B } }
            [Obsolete("gone", true)] public interface IOld { }
            public static class Commands
            {
                [Obsolete] [Command("a")] public static string Parameter(Mode mode = Mode.A) => mode.ToString();
                [Obsolete] [Command("b")] public static Task<Mode?> Result() => Task.FromResult<Mode?>(null);
                [Obsolete] [Command("c")] public static string Nested(Outer.Inner? inner) => "c";
                [Obsolete] [Command("d")] public static string Fine(DayOfWeek day) => "d";
            }
            """, "GA0003", "Parameter", "Result", "Nested");
        Assert.Equal(
            "Command method 'Commands.Parameter(Mode)' cannot be called by the generated registry: its signature names 'Mode', which is [Obsolete] with error: true: the method may name it inside its own [Obsolete] context, but the generated registry cannot; make that attribute a warning, or take another type",
            Message(diagnostics[0]));
        Assert.Contains("names 'Outer',", Message(diagnostics[2]), StringComparison.Ordinal);
        var constructors = await ReportsAsync("""
            [Obsolete("gone", true)] public interface IOld { }
            [Obsolete("gone", true)] public class Outer { public interface IInner { } }
            [Obsolete] public sealed class Service(IOld? old = null) { [Command("e")] public string Run() => (old is null).ToString(); }
            [Obsolete] public sealed class Many(IServiceProvider services, IOld[]? all = null) { [Command("f")] public string Run() => services + "" + all; }
            [Obsolete] public sealed class Inside(Func<Outer.IInner>? make = null) { [Command("g")] public string Run() => make + ""; }
            [Obsolete] public sealed class Fine(Func<DayOfWeek>? make = null) { [Command("h")] public string Run() => make + ""; }
            """, "GA0010", "Run", "Run", "Run");
        Assert.Equal(
            "Class 'Service' of instance command method 'Service.Run()' cannot be constructed by the registry: the parameter 'old' of its constructor 'Service(IOld?)' names 'IOld', which is [Obsolete] with error: true, so the registry cannot name it; make that attribute a warning, or take another type",
            Message(constructors[0]));
        Assert.Contains("the parameter 'all' of its constructor 'Many(IServiceProvider, IOld[]?)' names 'IOld',", Message(constructors[1]), StringComparison.Ordinal);
        Assert.Contains("the parameter 'make' of its constructor 'Inside(Func<Outer.IInner>?)' names 'Outer',", Message(constructors[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0003_member_of_an_extension_block()
    {
        var diagnostics = await ReportsAsync("""
            public static class Extensions
            {
                extension(string text)
                {
                    [Command("x")] public static string Run() => "x";
                    [Command("y")] public string Length() => text.Length.ToString();
                }
            }
            """, "GA0003", "Run", "Length");
        Assert.All(diagnostics, d => Assert.EndsWith(
            "cannot be called by the generated registry: it is declared in an extension block; declare it as an ordinary static method of the enclosing class",
            Message(d), StringComparison.Ordinal));
    }

    [Fact]
    public async Task GA0003_variable_argument_list()
    {
        // The registry's call could pass no __arglist: CS7036 in the generated file.
        var diagnostics = await ReportsAsync("""
            public static class A
            {
                [Command("x")] public static string Run(__arglist) => "x";
                [Command("y")] public static string Other(int a, __arglist) => "y";
            }
            """, "GA0003", "Run", "Other");
        Assert.Equal(
            "Command method 'A.Run(__arglist)' cannot be called by the generated registry: it takes a variable argument list (__arglist), which the registry cannot pass; take the values as ordinary parameters (an array, say)",
            Message(diagnostics[0]));
        Assert.StartsWith("Command method 'A.Other(int, __arglist)' cannot be called", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0003_conditional_method_whose_calls_the_compiler_may_remove()
    {
        // The compiler drops the registry's call where the symbol is undefined: the command would
        // answer "0" without running. An override is conditional through the method it overrides.
        var diagnostics = await ReportsAsync("""
            public static class A
            {
                [Command("x")] [System.Diagnostics.Conditional("NEVER_DEFINED")] public static void Run() { }
                [System.Diagnostics.Conditional("DEBUG"), System.Diagnostics.Conditional("TRACE")] [Command("y")] public static void Both() { }
            }
            public class B { [System.Diagnostics.Conditional("DEBUG")] public virtual void Log() { } }
            public class C : B { [Command("z")] public override void Log() { } }
            public static class D { [Command("w")] public static void Served() { } }
            """, "GA0003", "Run", "Both", "Log");
        Assert.Equal(
            "Command method 'A.Run()' cannot be called by the generated registry: it is [Conditional(\"NEVER_DEFINED\")], so the compiler removes every call to it (the registry's too) where that symbol is not defined, and the command would answer without running; remove the attribute",
            Message(diagnostics[0]));
        Assert.Contains("it is [Conditional(\"DEBUG\"), Conditional(\"TRACE\")], so", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("it is [Conditional(\"DEBUG\")], so", Message(diagnostics[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0003_explicit_interface_implementation_once_with_its_reason()
    {
        // Not "must be public or internal": an explicit implementation can be neither.
        var diagnostics = await ReportsAsync("""
            public interface IRun { string Run(); }
            public class A : IRun { [Command("x")] string IRun.Run() => "x"; }
            """, "GA0003", "Run");
        Assert.EndsWith(
            "cannot be called by the generated registry: it is an explicit interface implementation; only an ordinary method can be a command",
            Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0003_unmanaged_callers_only() =>
        Assert.EndsWith(
            "cannot be called by the generated registry: it is [UnmanagedCallersOnly], which only native code may call, through a function pointer; make the command an ordinary method (and call it from the native entry point)",
            Message(Assert.Single(await ReportsAsync("""
                public static class A { [Command("x")] [System.Runtime.InteropServices.UnmanagedCallersOnly] public static int Run() => 1; }
                """, "GA0003", "Run"))),
            StringComparison.Ordinal);
}
