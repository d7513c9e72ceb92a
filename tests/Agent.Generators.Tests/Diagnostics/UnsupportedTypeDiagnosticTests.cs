using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// Types System.Text.Json cannot (or only silently wrongly) handle are GA0007/GA0008, never
/// GA0009: listing them on the JSON context would compile and then fail at run time.
/// </summary>
public sealed class UnsupportedTypeDiagnosticTests
{
    /// <summary><paramref name="types"/> with a context that lists the unsupported types they use (listing one must not silence GA0007 or GA0008).</summary>
    private static string ListingUnsupportedTypes(string types) =>
        HandWrittenJsonContext.Source(types, "", "object", "System.IO.Stream", "(int, int)", "IAsyncEnumerable<int>");

    [Fact]
    public async Task GA0007_for_parameters_without_a_usable_json_form_even_when_the_context_lists_them()
    {
        var diagnostics = await ReportsAsync(ListingUnsupportedTypes("""
            public delegate int Handler(int x);
            public static class A
            {
                [Command("o")] public static void O(object any) { }
                [Command("d")] public static void D(dynamic any) { }
                [Command("s")] public static void S(System.IO.Stream data) { }
                [Command("m")] public static void M(System.IO.MemoryStream data) { }
                [Command("e")] public static void E(IAsyncEnumerable<int> items) { }
                [Command("f")] public static void F(Func<int> callback) { }
                [Command("h")] public static void H(Handler handler) { }
                [Command("t")] public static void T((int, int) pair) { }
                [Command("n")] public static void N((int Count, string Name)? named) { }
                [Command("l")] public static void L(List<(int, int)> pairs) { }
                [Command("a")] public static void Arr(System.IO.Stream[] streams) { }
                [Command("g")] public static void G(Dictionary<string, List<Func<int>>> deep) { }
            }
            """), "GA0007",
            "object", "dynamic", "System.IO.Stream", "System.IO.MemoryStream", "IAsyncEnumerable<int>", "Func<int>", "Handler",
            "(int, int)", "(int Count, string Name)?", "List<(int, int)>", "System.IO.Stream[]", "Dictionary<string, List<Func<int>>>");

        Assert.Equal(
            "Parameter 'any' of command method 'A.O(object)' has type 'object', which cannot be bound from a JSON value: it says nothing about the JSON it stands for; use JsonElement for any JSON value, or a specific type",
            Message(diagnostics[0]));
        Assert.EndsWith("has type 'MemoryStream', which cannot be bound from a JSON value: a stream has no JSON form; take a string or a byte[] (base64) instead", Message(diagnostics[3]), StringComparison.Ordinal);
        Assert.EndsWith(
            "has type 'IAsyncEnumerable<int>', which cannot be bound from a JSON value: System.Text.Json writes IAsyncEnumerable<T> only asynchronously into a Stream and never reads it into a response; use T[] or List<T>",
            Message(diagnostics[4]),
            StringComparison.Ordinal);
        Assert.EndsWith("a delegate has no JSON form", Message(diagnostics[6]), StringComparison.Ordinal);
        Assert.EndsWith(
            "has type '(int, int)', which cannot be bound from a JSON value: System.Text.Json writes a value tuple as {} and reads nothing into it: its elements are fields (Item1, Item2 …), skipped unless IncludeFields is set; use a record",
            Message(diagnostics[7]),
            StringComparison.Ordinal);
        Assert.EndsWith("has type 'List<(int, int)>', which cannot be bound from a JSON value: '(int, int)' inside it: System.Text.Json writes a value tuple as {} and reads nothing into it: its elements are fields (Item1, Item2 …), skipped unless IncludeFields is set; use a record", Message(diagnostics[9]), StringComparison.Ordinal);
        Assert.EndsWith("'Func<int>' inside it: a delegate has no JSON form", Message(diagnostics[11]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0008_for_results_without_a_usable_json_form()
    {
        var diagnostics = await ReportsAsync(ListingUnsupportedTypes("""
            public static class A
            {
                [Command("o")] public static object O() => null!;
                [Command("s")] public static Task<System.IO.Stream> S() => null!;
                [Command("e")] public static async IAsyncEnumerable<int> E() { await Task.Yield(); yield return 1; }
                [Command("t")] public static ValueTask<(int, int)> T() => default;
                [Command("f")] public static Func<int> F() => null!;
            }
            """), "GA0008", "object", "Task<System.IO.Stream>", "IAsyncEnumerable<int>", "ValueTask<(int, int)>", "Func<int>");

        Assert.Equal(
            "Command method 'A.O()' returns 'object', which is not a supported return type: it says nothing about the JSON it stands for; use JsonElement for any JSON value, or a specific type",
            Message(diagnostics[0]));
        Assert.Equal(
            "Command method 'A.S()' returns 'Task<Stream>', which is not a supported return type: a stream has no JSON form; take a string or a byte[] (base64) instead",
            Message(diagnostics[1]));
    }

    /// <summary>
    /// .NET 10's context compiles for <c>int[,]</c> and then throws NotSupportedException on every
    /// read and write of it: each request was "failed with an internal error", with no diagnostic.
    /// </summary>
    [Fact]
    public async Task Multi_dimensional_arrays_are_refused_even_when_the_context_lists_them()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class A
            {
                [Command("p")] public static void P(int[,] grid) { }
                [Command("l")] public static void L(List<string[,,]> grids) { }
                [Command("j")] public static void J(int[][] jagged) { }
            }
            """, "", "int[,]", "List<string[,,]>", "int[][]"), "GA0007", "int[,]", "List<string[,,]>");
        await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class A { [Command("r")] public static Task<int[,]> R() => null!; }
            """, "", "int[,]"), "GA0008", "Task<int[,]>");

        Assert.Equal(
            "Parameter 'grid' of command method 'A.P(int[,])' has type 'int[,]', which cannot be bound from a JSON value: System.Text.Json reads and writes no multi-dimensional array; use a jagged array (T[][]) or a list of lists",
            Message(diagnostics[0]));
        Assert.EndsWith("'string[,,]' inside it: System.Text.Json reads and writes no multi-dimensional array; use a jagged array (T[][]) or a list of lists", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Value_tuples_are_refused_under_IncludeFields_too_for_the_names_they_lose()
    {
        // Under IncludeFields the context writes (1, "a") as {"Item1":1,"Item2":"a"}: it works,
        // but the element names never reach the wire.
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class A
            {
                [Command("t")] public static void T((int Count, string Name) pair) { }
            }
            """, "[JsonSourceGenerationOptions(IncludeFields = true)]", "(int Count, string Name)"), "GA0007", "(int Count, string Name)");

        Assert.EndsWith(
            "which cannot be bound from a JSON value: System.Text.Json writes a value tuple's elements as Item1, Item2 …, never by their names, so its JSON would not say what they are; use a record",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0007_for_pointers()
    {
        var compilation = TestCompiler.Compile(Usings + """
            public static unsafe class A
            {
                [Command("p")] public static void P(int* pointer) { }
                [Command("a")] public static void Arr(int*[] pointers) { }
                [Command("f")] public static void F(delegate*<int> function) { }
            }
            """);
        var diagnostics = await ReportsAsync(compilation.WithOptions(compilation.Options.WithAllowUnsafe(true)), "GA0007", "int*", "int*[]", "delegate*<int>");

        Assert.EndsWith("which cannot be bound from a JSON value: a pointer has no JSON form", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.EndsWith("which cannot be bound from a JSON value: 'int*' inside it: a pointer has no JSON form", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Object_inside_a_collection_is_still_left_to_the_json_context() =>
        await ReportsAsync("""
            public static class A
            {
                [Command("x")] public static void Run(Dictionary<string, object> bag) { }
                [Command("y")] public static Tuple<int, int> Pair() => null!;
            }
            """, "GA0009", "Dictionary<string, object>", "Tuple<int, int>");
}
