using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// The messages naming a parameter's or result's type (GA0007, GA0008, GA0009, GA0020, GA0021,
/// GA0024) spell a nested type after the types that contain it, with their type arguments
/// (<c>Box.Inner</c>, <c>Outer&lt;int&gt;.Deep</c>), as GA0009's fix does: its bare name ('Deep')
/// may be declared in many containers, and binds in none of the files the reader is sent to.
/// </summary>
public sealed class NestedTypeMessageTests
{
    private const string Containers = """
        public static class Box
        {
            public delegate void Callback();
            public sealed record Inner(string A);
            public sealed class CasePair(int count) { public int Count { get; } = count; public int count { get; set; } }
            public sealed class Bag { [JsonExtensionData] public Dictionary<string, object> Extra { get; } = new(); }
        }

        public sealed class Outer<T> { public sealed record Deep(T Value); }

        """;

    [Fact]
    public async Task GA0007_and_GA0008_name_a_nested_type_with_its_container()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A
            {
                [Command("a")] public static void Ma(Box.Callback callback) { }
            }
            """), "GA0007", "Box.Callback");

        Assert.Contains("has type 'Box.Callback', which cannot be bound", Message(diagnostics[0]), StringComparison.Ordinal);
        var result = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A { [Command("b")] public static Box.Callback Mb() => null!; }
            """), "GA0008", "Box.Callback");
        Assert.StartsWith("Command method 'A.Mb()' returns 'Box.Callback', which is not a supported return type", Message(result[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0008_names_a_nested_type_in_a_ref_return_a_nullable_task_and_a_nullable_ValueTask_and_its_advice()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A
            {
                private static Box.Inner kept = new("a");
                [Command("r")] public static ref Box.Inner Mr() => ref kept;
                [Command("t")] public static Task<Box.Inner>? Mt() => null;
                [Command("v")] public static ValueTask<Box.Inner>? Mv() => null;
            }
            """, "", "Box.Inner"), "GA0008", "ref Box.Inner", "Task<Box.Inner>?", "ValueTask<Box.Inner>?");

        Assert.Contains("returns 'ref Box.Inner', which", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.Contains("returns 'Task<Box.Inner>?', which", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("returns 'ValueTask<Box.Inner>?', which", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.Contains("return 'ValueTask<Box.Inner>' (a completed one instead of null)", Message(diagnostics[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0009_names_the_type_as_its_fix_spells_it()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A
            {
                [Command("a")] public static void Ma(Outer<int>.Deep deep) { }
                [Command("b")] public static void Mb(List<Box.Inner> inners) { }
                [Command("c")] public static Box.Inner? Mc() => null;
            }
            """), "GA0009", "Outer<int>.Deep", "List<Box.Inner>", "Box.Inner?");

        Assert.StartsWith("Type 'Outer<int>.Deep' of command method", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.EndsWith("add [JsonSerializable(typeof(Outer<int>.Deep))] to 'Ctx'", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.StartsWith("Type 'List<Box.Inner>' of command method", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.StartsWith("Type 'Box.Inner?' of command method", Message(diagnostics[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0020_GA0021_and_GA0024_name_a_nested_type_with_its_container()
    {
        var unreadable = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A { [Command("a")] public static void Ma(Box.CasePair pair) { } }
            """, "", "Box.CasePair"), "GA0020", "Box.CasePair");
        Assert.Contains("has type 'Box.CasePair', which the assembly's JSON context cannot read", Message(unreadable[0]), StringComparison.Ordinal);

        var unwritable = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A { [Command("a")] public static Box.CasePair Ma() => new(1); }
            """, "", "Box.CasePair"), "GA0021", "Box.CasePair");
        Assert.StartsWith("Command method 'A.Ma()' returns 'Box.CasePair', which the assembly's JSON context cannot write", Message(unwritable[0]), StringComparison.Ordinal);

        var neverFilled = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A { [Command("a")] public static void Ma(Outer<Box.Bag>.Deep deep) { } }
            """, "", "Outer<Box.Bag>.Deep"), "GA0024", "Outer<Box.Bag>.Deep");
        Assert.Contains("has type 'Outer<Box.Bag>.Deep', whose [JsonExtensionData]", Message(neverFilled[0]), StringComparison.Ordinal);
    }
}
