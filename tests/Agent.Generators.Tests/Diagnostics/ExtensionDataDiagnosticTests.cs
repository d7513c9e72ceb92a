using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0024: a <c>[JsonExtensionData]</c> property without a setter the JSON context can call, inside
/// a parameter's type, at the parameter's type (the real context leaving it empty is
/// <c>HeldJsonExecutionTests</c>' <c>getonlybag</c>; one under <c>[JsonInclude]</c> filled, <c>IncludedWithoutSetterExecutionTests</c>).
/// One with a setter, one under <c>[JsonInclude]</c> and a readonly field under it (all filled) are not reported.
/// </summary>
public sealed class ExtensionDataDiagnosticTests
{
    [Fact]
    public async Task GA0024_a_get_only_extension_data_property_inside_the_parameter_type()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public sealed class Bag
                {
                    [JsonExtensionData] public Dictionary<string, object> Extra { get; } = new();
                    public int N { get; set; }
                }

                public sealed class Filled
                {
                    [JsonExtensionData] public Dictionary<string, object> Extra { get; set; } = new();
                    [JsonInclude, JsonExtensionData] public readonly Dictionary<string, JsonElement> More = new();
                }

                public sealed class Included
                {
                    [JsonInclude, JsonExtensionData] public Dictionary<string, object> Extra { get; } = new();
                }

                public sealed record Outer(List<Bag>? Bags = null);

                public static class A
                {
                    [Command("bag")] public static void TakeBag(Bag bag) { }
                    [Command("outer")] public static void TakeOuter(Outer? outer) { }
                    [Command("filled")] public static void TakeFilled(Filled filled) { }
                    [Command("included")] public static void TakeIncluded(Included included) { }
                }
                """, "", "Bag", "Filled", "Included", "Outer"),
            "GA0024", "Bag", "Outer?");

        Assert.Equal(
            "Parameter 'bag' of command method 'A.TakeBag(Bag)' has type 'Bag', whose [JsonExtensionData] property 'Bag.Extra' has no setter the JSON context can call nor [JsonInclude], "
            + "so the context never fills it and drops without an error every member of a request that no property names; give it a public set accessor or mark it [JsonInclude]",
            Message(diagnostics[0]));
        Assert.Contains("whose [JsonExtensionData] property 'Bag.Extra' has no setter", Message(diagnostics[1]), StringComparison.Ordinal);
    }
}
