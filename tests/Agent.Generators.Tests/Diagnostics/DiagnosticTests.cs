using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>One test per diagnostic id: the id, the exact span and the message.</summary>
public sealed class DiagnosticTests
{
    [Fact]
    public async Task GA0001_duplicate_name_in_one_assembly_is_reported_at_every_use()
    {
        var diagnostics = await ReportsAsync("""
            public static class A { [Command("dup")] public static void One() { } }
            public static class B { [Command("dup")] public static void Two() { } }
            """, "GA0001", "\"dup\"", "\"dup\"");
        Assert.Equal("Command name 'dup' is used by more than one method in this assembly: also by 'B.Two()'", Message(diagnostics[0]));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("two words")]
    [InlineData("a/b")]
    [InlineData("caf\u00e9")]
    public async Task GA0002_invalid_name(string name)
    {
        var literal = "\"" + name + "\"";
        var diagnostics = await ReportsAsync($$"""
            public static class A { [Command({{literal}})] public static void Run() { } }
            """, "GA0002", literal);
        Assert.Equal($"Command name '{name}' is invalid: it must be non-empty and contain only A-Z, a-z, 0-9, '_', '.' and '-'", Message(diagnostics[0]));
    }

    [Fact]
    public async Task GA0004_generic_method() =>
        Assert.Equal(
            "Command method 'A.Run<T>()' must not be generic nor be declared in a generic type",
            Message((await ReportsAsync("""
                public static class A { [Command("x")] public static void Run<T>() { } }
                """, "GA0004", "Run"))[0]));

    [Fact]
    public async Task GA0004_generic_containing_type() =>
        await ReportsAsync("""
            public static class A<T> { [Command("x")] public static void Run() { } }
            """, "GA0004", "Run");

    [Theory]
    [InlineData("public static class A { [Command(\"x\")] public static void Run<T>(T x) { } }")]
    [InlineData("public static class A { [Command(\"x\")] public static T Run<T>() => default!; }")]
    [InlineData("public static class A { [Command(\"x\")] public static Task<List<T>> Run<T>(T[] x, int y) => null!; }")]
    [InlineData("public static class A<T> { [Command(\"x\")] public static T? Run(List<T> x) => default; }")]
    public async Task GA0004_alone_when_parameters_or_result_use_the_type_parameter(string source) =>
        // ReportsAsync asserts exactly one diagnostic: no GA0007/GA0008 repeating the cause.
        await ReportsAsync(source, "GA0004", "Run");

    [Fact]
    public async Task GA0005_ref_out_and_in_parameters() =>
        Assert.Equal(
            "Parameter 'a' of command method 'A.Run(ref int, out int, in int)' must not be ref, out or in",
            Message((await ReportsAsync("""
                public static class A { [Command("x")] public static void Run(ref int a, out int b, in int c) { b = 0; } }
                """, "GA0005", "ref int a", "out int b", "in int c"))[0]));

    [Fact]
    public async Task GA0006_async_void() =>
        Assert.Equal(
            "Command method 'A.Run()' is async void: return Task or ValueTask instead",
            Message((await ReportsAsync("""
                public static class A { [Command("x")] public static async void Run() { await Task.Yield(); } }
                """, "GA0006", "Run"))[0]));

    [Fact]
    public async Task GA0007_unsupported_parameter_types() =>
        Assert.Equal(
            "Parameter 'data' of command method 'A.Run(Span<byte>, Action, nint)' has type 'Span<byte>', which cannot be bound from a JSON value: a ref struct (such as Span<T>) cannot be serialized; use an array or a string",
            Message((await ReportsAsync("""
                public static class A { [Command("x")] public static void Run(Span<byte> data, Action callback, IntPtr handle) { } }
                """, "GA0007", "Span<byte>", "Action", "IntPtr"))[0]));

    [Fact]
    public async Task GA0008_unsupported_return_types()
    {
        var diagnostics = await ReportsAsync("""
            public static class A
            {
                [Command("x")] public static Task<Task<string>> Nested() => null!;
                [Command("y")] public static Action Callback() => null!;
            }
            """, "GA0008", "Task<Task<string>>", "Action");
        Assert.Equal("Command method 'A.Nested()' returns 'Task<Task<string>>', which is not a supported return type: a task is not a value; only the return type may be a Task or ValueTask, and only of a value", Message(diagnostics[0]));
    }

    [Fact]
    public async Task GA0008_ref_and_ref_readonly_returns()
    {
        // The message shows the ref: 'returns 'int'' left the author wondering what is wrong with an int.
        var diagnostics = await ReportsAsync("""
            public static class A
            {
                private static int s;
                [Command("x")] public static ref int Writable() => ref s;
                [Command("y")] public static ref readonly int Readonly() => ref s;
            }
            """, "GA0008", "ref int", "ref readonly int");

        Assert.Equal(
            "Command method 'A.Writable()' returns 'ref int', which is not a supported return type: a ref return cannot be kept until the result is written",
            Message(diagnostics[0]));
        Assert.Equal(
            "Command method 'A.Readonly()' returns 'ref readonly int', which is not a supported return type: a ref return cannot be kept until the result is written",
            Message(diagnostics[1]));
    }

    [Fact]
    public async Task GA0008_nullable_command_result() =>
        Assert.Equal(
            "Command method 'A.Maybe()' returns 'Task<CommandResult?>', which is not a supported return type: a CommandResult is the whole answer and cannot be missing; return CommandResult, with CommandResult.Ok() for an empty success",
            Message((await ReportsAsync("""
                public static class A { [Command("x")] public static Task<CommandResult?> Maybe() => null!; }
                """, "GA0008", "Task<CommandResult?>"))[0]));

    /// <summary>
    /// A task annotated as possibly null: the generated code awaits it, which is CS8602 in a file
    /// the user cannot edit (an error under warnings as errors), and a null task would throw there.
    /// </summary>
    [Fact]
    public async Task GA0008_task_that_may_be_null()
    {
        var diagnostics = await ReportsAsync("""
            public static class A
            {
                [Command("x")] public static Task? Run() => null;
                [Command("y")] public static Task<string>? Text() => null;
                [Command("z")] public static ValueTask<int?> Fine() => default;
            }
            """, "GA0008", "Task?", "Task<string>?");
        Assert.Equal(
            "Command method 'A.Run()' returns 'Task?', which is not a supported return type: the registry awaits the task, so it cannot be null; return a completed task (Task.CompletedTask, Task.FromResult) instead of null, and drop the '?'",
            Message(diagnostics[0]));
    }

    [Fact]
    public async Task GA0009_complex_type_without_a_json_context() =>
        Assert.Equal(
            "Type 'Move' of command method 'A.Run(Move)' must be listed on the assembly's JSON context: the assembly has none; declare a JsonSerializerContext and name it with [assembly: CommandJsonContext(typeof(...))]",
            Message((await ReportsAsync("""
                public sealed record Move(string From, string To);
                public static class A { [Command("x")] public static void Run(Move move) { } }
                """, "GA0009", "Move"))[0]));

    [Fact]
    public async Task GA0009_names_the_json_context_the_assembly_declares_but_does_not_name()
    {
        // The context is there; only [assembly: CommandJsonContext] is missing. "Declare one"
        // would send the author to write a second context.
        var diagnostics = await ReportsAsync("""
            namespace N
            {
                public sealed record Move(string From, string To);
                public sealed record Listed(int N);
                [System.Text.Json.Serialization.JsonSerializable(typeof(Listed))]
                public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext
                {
                    public Ctx() : base(null) { }
                    protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
                    public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
                }
                public static class A
                {
                    [Command("x")] public static void Run(Move move) { }
                    [Command("y")] public static Listed Get() => null!;
                }
            }
            """, "GA0009", "Move", "Listed");
        Assert.Equal("Type 'Move' of command method 'N.A.Run(Move)' must be listed on the assembly's JSON context: the assembly names none; name 'Ctx' with [assembly: CommandJsonContext(typeof(N.Ctx))] and add [JsonSerializable(typeof(Move))] to it", Message(diagnostics[0]));
        Assert.Equal("Type 'Listed' of command method 'N.A.Get()' must be listed on the assembly's JSON context: the assembly names none; name 'Ctx', which lists it, with [assembly: CommandJsonContext(typeof(N.Ctx))]", Message(diagnostics[1]));
    }

    [Fact]
    public async Task GA0009_lists_the_json_contexts_the_assembly_declares_when_there_are_several() =>
        Assert.Equal(
            "Type 'Move' of command method 'A.Run(Move)' must be listed on the assembly's JSON context: the assembly names none; name one of 'One', 'Two' with [assembly: CommandJsonContext(typeof(...))] and list the type on it",
            Message((await ReportsAsync("""
                public sealed record Move(string From, string To);
                public abstract partial class Two : System.Text.Json.Serialization.JsonSerializerContext { protected Two() : base(null) { } }
                public abstract partial class One : System.Text.Json.Serialization.JsonSerializerContext { protected One() : base(null) { } }
                public static class A { [Command("x")] public static void Run(Move move) { } }
                """, "GA0009", "Move"))[0]));

    [Fact]
    public async Task GA0009_complex_types_the_json_context_does_not_list()
    {
        var diagnostics = await ReportsAsync("""
            [assembly: CommandJsonContext(typeof(Ctx))]
            public sealed record Move(string From, string To);
            public sealed record Listed(int N);
            public sealed record Result(int N);
            [System.Text.Json.Serialization.JsonSerializable(typeof(Listed))]
            public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext
            {
                public Ctx() : base(null) { }
                protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
            }
            public static class A
            {
                [Command("x")] public static void Run(Move move, Listed listed) { }
                [Command("y")] public static Task<Result> Get() => null!;
            }
            """, "GA0009", "Move", "Task<Result>");
        Assert.Equal("Type 'Move' of command method 'A.Run(Move, Listed)' must be listed on the assembly's JSON context: add [JsonSerializable(typeof(Move))] to 'Ctx'", Message(diagnostics[0]));
    }

    [Fact]
    public async Task GA0010_abstract_class_or_no_accessible_constructor()
    {
        var diagnostics = await ReportsAsync("""
            public abstract class A { [Command("x")] public void Run() { } }
            public sealed class B { private B() { } [Command("y")] public void Run() { } }
            """, "GA0010", "Run", "Run");
        Assert.Equal("Class 'A' of instance command method 'A.Run()' cannot be constructed by the registry: it is abstract", Message(diagnostics[0]));
        Assert.Equal("Class 'B' of instance command method 'B.Run()' cannot be constructed by the registry: it has no public or internal constructor", Message(diagnostics[1]));
    }

    [Fact]
    public async Task GA0010_required_member_the_constructor_does_not_set()
    {
        var diagnostics = await ReportsAsync("""
            public class Base { public required string Name { get; init; } }
            public sealed class A : Base { [Command("x")] public string Run() => Name; }
            public sealed class B
            {
                [System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public B() => Name = "b";
                public required string Name { get; init; }
                [Command("y")] public string Run() => Name;
            }
            """, "GA0010", "Run");
        Assert.Equal(
            "Class 'A' of instance command method 'A.Run()' cannot be constructed by the registry: it has the required member 'Name', which the registry cannot set; take it as a constructor parameter, or mark the constructor [SetsRequiredMembers]",
            Message(diagnostics[0]));
    }

    /// <summary>The registry's <c>new X()</c> would be CS0619 in the generated file, which no <c>#pragma</c> suppresses.</summary>
    [Fact]
    public async Task GA0010_constructor_obsolete_as_an_error()
    {
        var diagnostics = await ReportsAsync("""
            public class A { [Obsolete("gone", error: true)] public A() { } [Command("x")] public string Run() => "x"; }
            public class B { [Obsolete("still callable")] public B() { } [Command("y")] public string Run() => "y"; }
            """, "GA0010", "Run");
        Assert.Equal(
            "Class 'A' of instance command method 'A.Run()' cannot be constructed by the registry: its constructor 'A()' is [Obsolete] with error: true, so no code may call it; make the attribute a warning, or mark another constructor [ActivatorUtilitiesConstructor]",
            Message(diagnostics[0]));
    }

    [Fact]
    public async Task GA0010_constructors_of_equal_length_without_a_marked_one()
    {
        var diagnostics = await ReportsAsync("""
            public interface IA { }
            public interface IB { }
            public sealed class Tie
            {
                public Tie(IA a) { }
                public Tie(IB b) { }
                [Command("x")] public void Run() { }
            }
            public sealed class Marked
            {
                public Marked(IA a) { }
                public Marked(IA a, IB b) { }
                [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor] public Marked(IB b) { }
                public Marked(string s) { }
                [Command("y")] public void Run() { }
            }
            public sealed class TwoMarked
            {
                [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor] public TwoMarked(IA a) { }
                [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor] public TwoMarked(IB b) { }
                [Command("z")] public void Run() { }
            }
            public sealed class Longest
            {
                public Longest(IA a) { }
                public Longest(IA a, IB b) { }
                private Longest(IB b, IA a) { }
                [Command("w")] public void Run() { }
            }
            """ + ActivatorUtilitiesConstructorAttribute, "GA0010", "Run", "Run");
        Assert.Equal(
            "Class 'Tie' of instance command method 'Tie.Run()' cannot be constructed by the registry: its constructors 'Tie(IA)' and 'Tie(IB)' both have the most parameters (1), so the choice would be arbitrary; mark the one the registry should call [ActivatorUtilitiesConstructor] (Microsoft.Extensions.DependencyInjection)",
            Message(diagnostics[0]));
        Assert.Equal(
            "Class 'TwoMarked' of instance command method 'TwoMarked.Run()' cannot be constructed by the registry: its constructors 'TwoMarked(IA)' and 'TwoMarked(IB)' are both marked [ActivatorUtilitiesConstructor]; mark only the one the registry should call",
            Message(diagnostics[1]));
    }

    /// <summary>The attribute as Microsoft.Extensions.DependencyInjection.Abstractions declares it (not referenced by the tests).</summary>
    internal const string ActivatorUtilitiesConstructorAttribute = """

        namespace Microsoft.Extensions.DependencyInjection
        {
            [System.AttributeUsage(System.AttributeTargets.All)]
            public sealed class ActivatorUtilitiesConstructorAttribute : System.Attribute { }
        }
        """;

    [Fact]
    public async Task GA0012_json_context_that_is_not_a_serializer_context() =>
        Assert.Equal(
            "Type 'NotAContext' named by CommandJsonContext must derive from System.Text.Json.Serialization.JsonSerializerContext",
            Message((await ReportsAsync("""
                [assembly: CommandJsonContext(typeof(NotAContext))]
                public sealed class NotAContext { }
                public static class A { [Command("x")] public static void Run() { } }
                """, "GA0012", "CommandJsonContext(typeof(NotAContext))"))[0]));

    [Fact]
    public async Task GA0012_for_JsonSerializerContext_itself() =>
        await ReportsAsync("""
            [assembly: CommandJsonContext(typeof(System.Text.Json.Serialization.JsonSerializerContext))]
            public static class A { [Command("x")] public static void Run() { } }
            """, "GA0012", "CommandJsonContext(typeof(System.Text.Json.Serialization.JsonSerializerContext))");

    [Fact]
    public async Task A_context_deriving_through_a_base_class_of_its_own_is_a_context() =>
        await ReportsAsync("""
            [assembly: CommandJsonContext(typeof(Ctx))]
            public sealed record Move(string From, string To);
            public abstract class BaseContext : System.Text.Json.Serialization.JsonSerializerContext
            {
                protected BaseContext() : base(null) { }
            }
            [System.Text.Json.Serialization.JsonSerializable(typeof(Move))]
            public sealed class Ctx : BaseContext
            {
                public static Ctx Default { get; } = new();
                protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
            }
            public static class A { [Command("x")] public static void Run(Move move) { } }
            """, "GA0012");

    [Fact]
    public async Task Types_listed_on_a_class_that_is_no_context_are_not_covered()
    {
        // Its [JsonSerializable] list counts for nothing: no generated code may call it.
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(Usings + """
            [assembly: CommandJsonContext(typeof(NotAContext))]
            public sealed record Move(string From, string To);
            [System.Text.Json.Serialization.JsonSerializable(typeof(Move))]
            public sealed class NotAContext { }
            public static class A { [Command("x")] public static void Run(Move move) { } }
            """));

        var diagnostics = await TestCompiler.AnalyzeAsync(output);

        Assert.Equal(["GA0009", "GA0012"], diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task Valid_commands_produce_no_diagnostic() =>
        await ReportsAsync("""
            public enum Mode { A, B }
            public sealed class Service { }
            public sealed class Instance(Service service)
            {
                /// <summary>Everything at once.</summary>
                [Command("all")]
                public async ValueTask<CommandResult> All(string name, int? count, Mode mode = Mode.B, Guid id = default, JsonElement extra = default, CommandContext? context = null, CancellationToken cancellationToken = default)
                {
                    await Task.Yield();
                    return CommandResult.Ok(service.ToString()!);
                }
            }
            public static class Static
            {
                [Command("raw")] public static string Raw(string value) => value;
                [Command("element")] internal static Task Element(JsonElement value) => Task.CompletedTask;
                [Command("a.b-c_d")] public static void Dotted() { }
            }
            """, "none");

    [Fact]
    public async Task A_pragma_suppresses_the_diagnostic()
    {
        var source = Usings + """
            public static class A
            {
            #pragma warning disable GA0003
                [Command("x")] private static void Hidden() { }
            #pragma warning restore GA0003
            }
            """;
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(source));
        var analyzers = output.WithAnalyzers(
            [new GuestAgent.Generators.Diagnostics.CommandAnalyzer()],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));

        var diagnostic = Assert.Single(await analyzers.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken));

        Assert.Equal("GA0003", diagnostic.Id);
        Assert.True(diagnostic.IsSuppressed);
    }
}
