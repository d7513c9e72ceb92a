using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0032: a parameter of an enum type without members. The registry binds an enum by member name only (a
/// number is refused, where System.Text.Json would read any number, checked on .NET 10: <c>0</c> and <c>5</c>
/// read as a memberless enum, and <c>"0"</c> under the string enum converter), so no value binds it and
/// every request giving it is answered "must be a member of enum 'Nothing', which has none" at run time
/// (<c>ShapeTortureTests.An_enum_without_members_binds_nothing</c>). Before session 70 the build said nothing.
/// A warning at the parameter's type; a <c>[Flags]</c> enum, which binds a number, is left alone.
/// </summary>
public sealed class EnumWithoutMembersDiagnosticTests
{
    [Fact]
    public async Task A_required_parameter_of_an_enum_without_members_is_GA0032_saying_the_command_never_runs()
    {
        var diagnostics = await ReportsAsync("""
            public enum Nothing { }
            public static class A
            {
                [Command("e")] public static string E(int count, Nothing n) => "unreachable";
            }
            """, "GA0032", "Nothing");

        Assert.Equal(
            "Parameter 'n' of command method 'A.E(int, Nothing)' has type 'Nothing', an enum without members, and the registry binds an enum by member name only, so no value binds it and every request that gives 'n' is refused (the command requires it, so it never runs); give 'Nothing' its members, or take 'n' as another type",
            Message(diagnostics[0]));
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.Equal(diagnostics[0].Location.SourceSpan.Start, diagnostics[0].Location.SourceTree!.ToString().IndexOf("Nothing n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_optional_or_nullable_one_is_GA0032_without_saying_so()
    {
        var diagnostics = await ReportsAsync("""
            public enum Nothing { }
            public static class A
            {
                [Command("d")] public static string D(Nothing n = default) => "omitted";
                [Command("n")] public static string N(Nothing? n) => "null";
            }
            """, "GA0032", "Nothing", "Nothing?");

        Assert.All(diagnostics, d => Assert.Contains("every request that gives 'n' is refused; give 'Nothing' its members", Message(d), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Not_for_an_enum_with_members_nor_a_Flags_enum_without()
    {
        // A [Flags] enum binds a number combining its members (0 combines none).
        await ReportsAsync("""
            public enum One { Only }
            [Flags] public enum NoFlags { }
            public static class A
            {
                [Command("o")] public static string O(One one, NoFlags flags) => "fine";
            }
            """, "GA0032");
    }

    [Fact]
    public async Task A_pragma_suppresses_it()
    {
        await ReportsAsync("""
            public enum Nothing { }
            public static class A
            {
            #pragma warning disable GA0032
                [Command("s")] public static string S(Nothing n) => "suppressed";
            #pragma warning restore GA0032
                [Command("r")] public static string R(Nothing reported) => "reported";
            }
            """, "GA0032", "Nothing");
    }
}
