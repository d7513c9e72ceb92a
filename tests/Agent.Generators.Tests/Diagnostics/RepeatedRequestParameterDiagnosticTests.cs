using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0030: a command method taking the request's <c>CancellationToken</c> or <c>CommandContext</c> in
/// more than one parameter. The registry passes each the same value, so the command works, but a second
/// token reads as if it could be another one (a linked or a timeout token): a warning at each parameter
/// after the first, naming the first. One of each is the ordinary form and draws nothing.
/// </summary>
public sealed class RepeatedRequestParameterDiagnosticTests
{
    [Fact]
    public async Task A_second_CancellationToken_is_GA0030_naming_the_first()
    {
        var diagnostics = await ReportsAsync("""
            public static class A
            {
                [Command("c")] public static Task C(CancellationToken first, string name, CancellationToken second) => Task.CompletedTask;
            }
            """, "GA0030", "CancellationToken second");

        Assert.Equal(
            "Parameter 'second' of command method 'A.C(CancellationToken, string, CancellationToken)' takes the request's CancellationToken, which parameter 'first' already takes: the registry passes both the same value; remove 'second' and use 'first'",
            Message(diagnostics[0]));
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostics[0].Severity);
    }

    [Fact]
    public async Task A_second_CommandContext_is_GA0030_and_a_third_parameter_names_the_first_too()
    {
        var diagnostics = await ReportsAsync("""
            public static class A
            {
                [Command("x")] public static void X(CommandContext context, CommandContext again, CommandContext yetAgain) { }
            }
            """, "GA0030", "CommandContext again", "CommandContext yetAgain");

        Assert.All(diagnostics, d => Assert.Contains("takes the request's CommandContext, which parameter 'context' already takes", Message(d), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_defaulted_second_token_on_an_instance_command_counts_too() =>
        await ReportsAsync("""
            public sealed class A
            {
                [Command("i")] public Task I(CancellationToken cancellationToken, CancellationToken other = default) => Task.CompletedTask;
            }
            """, "GA0030", "CancellationToken other = default");

    [Fact]
    public async Task One_token_and_one_context_are_no_repeat() =>
        await ReportsAsync("""
            public static class A
            {
                [Command("o")] public static Task O(CommandContext context, string name, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """, "GA0030");
}
