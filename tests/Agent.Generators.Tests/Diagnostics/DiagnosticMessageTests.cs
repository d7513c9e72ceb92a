using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>Messages that say exactly what is wrong and where the rest of the problem is.</summary>
public sealed class DiagnosticMessageTests
{
    private const string FakeContextMembers = """
        {
            public Ctx() : base(null) { }
            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    [Fact]
    public async Task GA0001_names_and_points_at_the_other_uses_of_the_name()
    {
        var diagnostics = await ReportsAsync("""
            namespace App;
            public static class A { [Command("dup")] public static void One() { } }
            public static class B { [Command("dup")] public static void Two(int n) { } }
            public static class C { [Command("dup")] public static void Three() { } }
            """, "GA0001", "\"dup\"", "\"dup\"", "\"dup\"");

        Assert.Equal("Command name 'dup' is used by more than one method in this assembly: also by 'App.B.Two(int)', 'App.C.Three()'", Message(diagnostics[0]));
        Assert.Equal("Command name 'dup' is used by more than one method in this assembly: also by 'App.A.One()', 'App.C.Three()'", Message(diagnostics[1]));
        Assert.Equal(
            [diagnostics[1].Location, diagnostics[2].Location],
            diagnostics[0].AdditionalLocations);
        Assert.Equal(
            [diagnostics[0].Location, diagnostics[1].Location],
            diagnostics[2].AdditionalLocations);
    }

    [Fact]
    public async Task GA0003_on_a_local_function_says_local_functions_cannot_be_commands()
    {
        var diagnostics = await ReportsAsync("""
            public static class A
            {
                public static void Outer(int n)
                {
                    Func<int> lambda = () =>
                    {
                        [Command("x")] static int Local() => 1;
                        return Local();
                    };
                }
            }
            """, "GA0003", "Local");

        Assert.Equal(
            "Local function 'Local' in 'A.Outer(int)' cannot be a command: the generated registry can only call methods of a type; move it out as a static or instance method",
            Message(diagnostics[0]));
    }

    [Fact]
    public async Task GA0003_on_a_local_function_in_top_level_statements_names_them_as_written()
    {
        var compilation = TestCompiler.Compile("""
            using GuestAgent.Commands;
            System.Console.WriteLine(Local());
            [Command("x")] static int Local() => 1;
            """);
        compilation = compilation.WithOptions(compilation.Options.WithOutputKind(Microsoft.CodeAnalysis.OutputKind.ConsoleApplication));
        var diagnostics = await ReportsAsync(compilation, "GA0003", "Local");

        Assert.Equal(
            "Local function 'Local' in the top-level statements cannot be a command: the generated registry can only call methods of a type; move it out as a static or instance method",
            Message(diagnostics[0]));
    }

    [Fact]
    public async Task GA0003_on_a_file_local_class_says_the_file_modifier_is_the_problem()
    {
        var diagnostics = await ReportsAsync("""
            file static class Local { [Command("x")] public static void Run() { } }
            file static class Hidden { [Command("y")] private static void Run() { } }
            """, "GA0003", "Run", "Run");

        Assert.Equal(
            "Command method 'Local.Run()' cannot be called by the generated registry: it is declared in the file-local type 'Local', which the generated registry (another file) cannot name; remove the 'file' modifier",
            Message(diagnostics[0]));
        Assert.Equal("Command method 'Hidden.Run()' must be public or internal and declared in public or internal types", Message(diagnostics[1]));
    }

    [Fact]
    public async Task GA0010_names_every_constructor_marked_when_more_than_two_are() =>
        Assert.Equal(
            "Class 'Three' of instance command method 'Three.Run()' cannot be constructed by the registry: its constructors 'Three(int)' and 'Three(string)' and 'Three(long)' are all marked [ActivatorUtilitiesConstructor]; mark only the one the registry should call",
            Message((await ReportsAsync("""
                public sealed class Three
                {
                    [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor] public Three(int a) { }
                    [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor] public Three(string b) { }
                    [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor] public Three(long c) { }
                    [Command("x")] public void Run() { }
                }
                """ + DiagnosticTests.ActivatorUtilitiesConstructorAttribute, "GA0010", "Run"))[0]));

    /// <summary>
    /// A task the method says may be null through <c>[return: MaybeNull]</c> is refused as <c>Task?</c> is
    /// (before session 27 the generated file passed it on, CS8604: an error under warnings as errors).
    /// </summary>
    [Fact]
    public async Task GA0008_a_task_marked_maybe_null()
    {
        var diagnostics = await ReportsAsync("""
            using System.Diagnostics.CodeAnalysis;
            public static class A
            {
                [Command("a")] [return: MaybeNull] public static Task<string> Text() => Task.FromResult("a");
                [Command("b")] [return: MaybeNull] public static Task Run() => Task.CompletedTask;
                [Command("c")] [return: MaybeNull] public static Task<CommandResult> Result() => Task.FromResult(CommandResult.Ok());
                [Command("d")] [return: MaybeNull] public static ValueTask<string> Fine() => default;
            }
            """, "GA0008", "Task<string>", "Task", "Task<CommandResult>");
        Assert.Equal(
            "Command method 'A.Text()' returns 'Task<string>', which is not a supported return type: the registry awaits the task, so it cannot be null; return a completed task (Task.CompletedTask, Task.FromResult) instead of null, and drop [return: MaybeNull]",
            Message(diagnostics[0]));
    }

    [Fact]
    public async Task GA0009_says_the_named_context_is_invalid_instead_of_missing()
    {
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(Usings + """
            [assembly: CommandJsonContext(typeof(Settings))]
            public sealed class Settings { }
            public sealed record Move(string From, string To);
            public static class A { [Command("x")] public static void Run(Move move) { } }
            """));

        var diagnostics = await TestCompiler.AnalyzeAsync(output);

        Assert.Equal(["GA0009", "GA0012"], diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        var notListed = diagnostics.Single(d => d.Id == "GA0009");
        Assert.Equal("Move", SpanText(notListed));
        Assert.Equal(
            "Type 'Move' of command method 'A.Run(Move)' must be listed on the assembly's JSON context: [assembly: CommandJsonContext] names 'Settings', which is not a JsonSerializerContext (GA0012); name the context that lists your types",
            Message(notListed));
    }

    [Fact]
    public async Task GA0009_qualifies_a_type_whose_name_another_type_also_has()
    {
        var diagnostics = await ReportsAsync($$"""
            [assembly: CommandJsonContext(typeof(App.Json.Ctx))]
            namespace App
            {
                public sealed record Move(string From, string To);
                public static class A
                {
                    [Command("x")] public static void Run(Other.Move move) { }
                    [Command("y")] public static void Many(List<Other.Move[]> moves) { }
                    [Command("z")] public static void Plain(Move move) { }
                }
            }
            namespace App.Other { public sealed record Move(int Steps); }
            namespace App.Json
            {
                public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext
                {{FakeContextMembers}}
            }
            """, "GA0009", "Other.Move", "List<Other.Move[]>", "Move");

        Assert.Equal(
            "Type 'Other.Move' of command method 'App.A.Run(Move)' must be listed on the assembly's JSON context: add [JsonSerializable(typeof(Other.Move))] to 'Ctx'",
            Message(diagnostics[0]));
        Assert.StartsWith("Type 'List<Other.Move[]>' of command method", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.StartsWith("Type 'App.Move' of command method", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.EndsWith("add [JsonSerializable(typeof(List<Other.Move[]>))] to 'Ctx'", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.EndsWith("add [JsonSerializable(typeof(App.Move))] to 'Ctx'", Message(diagnostics[2]), StringComparison.Ordinal);
    }
    [Fact]
    public async Task GA0009_spells_nullables_type_arguments_and_generic_namesakes_as_written()
    {
        // A Step? alone is listed as Step (that covers it), so the '?' shows inside a List<Step?>.
        // Move<T> is no namesake of Move (another arity), so Move<int> needs no namespace.
        var diagnostics = await ReportsAsync($$"""
            [assembly: CommandJsonContext(typeof(App.Json.Ctx))]
            namespace App
            {
                public sealed record Move(string From, string To);
                public sealed record Move<T>(T Value);
                public struct Step { public int N { get; set; } }
                public sealed record Plan(int N);
                public static class A
                {
                    [Command("a")] public static void Maybe(List<Step?> steps) { }
                    [Command("b")] public static void Map(Dictionary<string, Plan> map) { }
                    [Command("c")] public static void Generic(Move<int> move) { }
                    [Command("d")] public static void Unique(Plan plan) { }
                }
            }
            namespace App.Json
            {
                public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext
                {{FakeContextMembers}}
            }
            """, "GA0009", "List<Step?>", "Dictionary<string, Plan>", "Move<int>", "Plan");

        Assert.EndsWith("add [JsonSerializable(typeof(List<Step?>))] to 'Ctx'", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.EndsWith("add [JsonSerializable(typeof(Dictionary<string, Plan>))] to 'Ctx'", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.EndsWith("add [JsonSerializable(typeof(Move<int>))] to 'Ctx'", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.EndsWith("add [JsonSerializable(typeof(Plan))] to 'Ctx'", Message(diagnostics[3]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0009_spells_a_nested_type_with_the_types_that_contain_it()
    {
        // A nested type's bare name binds only inside its container, and a type nested in a
        // generic one takes its container's type arguments (Deep is no generic type of its own).
        var diagnostics = await ReportsAsync($$"""
            [assembly: CommandJsonContext(typeof(App.Json.Ctx))]
            namespace App
            {
                public static class Box { public sealed record Inner(string A); }
                public sealed class Outer<T> { public sealed record Deep(T Value); public sealed record Pair<U>(T First, U Second); }
                public static class A
                {
                    [Command("a")] public static void Nested(Box.Inner inner) { }
                    [Command("b")] public static void Many(List<Box.Inner[]> inners) { }
                    [Command("c")] public static void InGeneric(Outer<int>.Deep deep) { }
                    [Command("d")] public static void BothGeneric(Outer<string>.Pair<Box.Inner> pair) { }
                }
            }
            namespace App.Json
            {
                public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext
                {{FakeContextMembers}}
            }
            """, "GA0009", "Box.Inner", "List<Box.Inner[]>", "Outer<int>.Deep", "Outer<string>.Pair<Box.Inner>");

        Assert.EndsWith("add [JsonSerializable(typeof(Box.Inner))] to 'Ctx'", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.EndsWith("add [JsonSerializable(typeof(List<Box.Inner[]>))] to 'Ctx'", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.EndsWith("add [JsonSerializable(typeof(Outer<int>.Deep))] to 'Ctx'", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.EndsWith("add [JsonSerializable(typeof(Outer<string>.Pair<Box.Inner>))] to 'Ctx'", Message(diagnostics[3]), StringComparison.Ordinal);
    }
}
