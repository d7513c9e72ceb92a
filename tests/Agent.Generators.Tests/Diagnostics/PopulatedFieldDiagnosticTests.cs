using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;
using static GuestAgent.Generators.Tests.Infrastructure.HandWrittenJsonContext;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0020 and GA0021 for Populate on a field (the real context's behaviour for each shape is in
/// <c>PopulatedStructFieldExecutionTests</c>): where each is reported, and the shapes not reported.
/// </summary>
public sealed class PopulatedFieldDiagnosticTests
{
    private const string Options = "[JsonSourceGenerationOptions(IncludeFields = true)]";

    private const string Types = """
        public struct Point { public int A { get; set; } public int B { get; set; } }
        public sealed class ReadOnlyStruct { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public readonly Point F; }
        public sealed class Holder { public ReadOnlyStruct? Inner { get; set; } }
        public sealed class NullableStruct { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Point? F; }
        public sealed class IncludedPrivateSet { [JsonInclude, JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Point F { get; private set; } }
        """;

    [Fact]
    public async Task A_readonly_struct_field_marked_Populate_is_GA0020_at_the_parameter_type()
    {
        var diagnostics = await ReportsAsync(Source(Types + """
            public static class A
            {
                [Command("a")] public static void Ma(ReadOnlyStruct value) { }
                [Command("b")] public static void Mb(Holder holder) { }
                [Command("c")] public static void Mc(NullableStruct value) { }
            }
            """, Options, "ReadOnlyStruct", "Holder", "NullableStruct"), "GA0020", "ReadOnlyStruct", "Holder");

        Assert.Equal(
            "Parameter 'value' of command method 'A.Ma(ReadOnlyStruct)' has type 'ReadOnlyStruct', which the assembly's JSON context cannot read: "
            + "'ReadOnlyStruct.F' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)], but its type 'Point' is a struct, which is populated in a copy the field's setter stores, "
            + "and it is a readonly field, so the context throws InvalidOperationException whenever it reads or writes a 'ReadOnlyStruct'; remove readonly, or remove the attribute",
            Message(diagnostics[0]));
        Assert.Contains(": at 'Holder.Inner', 'ReadOnlyStruct.F' is marked", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_readonly_struct_field_marked_Populate_is_GA0021_at_the_return_type()
    {
        var diagnostics = await ReportsAsync(Source(Types + """
            public static class A
            {
                [Command("a")] public static ReadOnlyStruct Ma() => new();
                [Command("b")] public static Task<Holder> Mb() => Task.FromResult(new Holder());
                [Command("c")] public static NullableStruct Mc() => new();
                [Command("d")] public static IncludedPrivateSet Md() => new();
            }
            """, Options, "ReadOnlyStruct", "Holder", "NullableStruct", "IncludedPrivateSet"), "GA0021", "ReadOnlyStruct", "Task<Holder>");

        Assert.EndsWith("'ReadOnlyStruct.F' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)], but its type 'Point' is a struct, which is populated in a copy the field's setter stores, "
            + "and it is a readonly field, so the context throws InvalidOperationException whenever it reads or writes a 'ReadOnlyStruct'; remove readonly, or remove the attribute",
            Message(diagnostics[0]), StringComparison.Ordinal);
    }
}
