using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// The exchange's session for the request's peer (<c>ExchangeSession</c>, where <c>keyinit</c> leaves its
/// key for <c>password</c>) reaches a command only through <c>CommandContext.Session</c>. Taken as a
/// method parameter it was GA0009, and once listed on the JSON context every request had to send a
/// <c>session</c> property and got a new, empty session in place of the peer's; taken by an instance
/// command class's constructor it compiled, and then the check at start reported a missing service.
/// </summary>
public sealed class SessionParameterDiagnosticTests
{
    [Fact]
    public async Task A_session_taken_by_a_command_method_is_GA0007_even_when_the_context_lists_it()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class A
            {
                [Command("s")] public static void S(string name, GuestAgent.Commands.ExchangeSession session) { }
            }
            """, "", "GuestAgent.Commands.ExchangeSession"), "GA0007", "GuestAgent.Commands.ExchangeSession");

        Assert.Equal(
            "Parameter 'session' of command method 'A.S(string, ExchangeSession)' has type 'ExchangeSession', which cannot be bound from a JSON value: "
            + "it is the session of the request's peer, which the host gives with each request: take a CommandContext parameter and use its Session",
            Message(diagnostics[0]));
    }

    [Fact]
    public async Task A_session_taken_by_an_instance_command_classs_constructor_is_GA0010()
    {
        var diagnostics = await ReportsAsync("""
            public sealed class K { public K(ExchangeSession session) { } [Command("k")] public string Run() => "k"; }
            """, "GA0010", "Run");

        Assert.EndsWith(
            "the parameter 'session' of its constructor 'K(ExchangeSession)' is a per-request value ('ExchangeSession'), which the host gives the command method with each request, never a service; "
            + "take a CommandContext parameter in the command method instead and use its Session",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
    }
}
