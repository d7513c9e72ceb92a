using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// An enum parameter whose type has a member generated code cannot name: <c>[Obsolete]</c> with
/// <c>error: true</c> (CS0619 where it is named; the generated file suppresses only the obsolete
/// warnings) or <c>[Experimental]</c> with an id of its own (an error unless suppressed). The
/// binder's readers assign such a member's number instead, so the command compiles (the build
/// refuses any warning) and a request still names the member, alone or in a <c>[Flags]</c> combination.
/// </summary>
public sealed class UnnameableMemberExecutionTests(UnnameableMemberExecutionTests.Compiled compiled) : IClassFixture<UnnameableMemberExecutionTests.Compiled>
{
    private const string Source = """
        using System;
        using System.Diagnostics.CodeAnalysis;
        using GuestAgent.Commands;

        namespace Sample;

        public enum Legacy
        {
            Current = 1,
            [Obsolete("gone", error: true)] Gone = 2,
            [Experimental("SAMPLE001")] Trial = 4,
        }

        [Flags]
        public enum LegacyFlags
        {
            A = 1,
            [Obsolete("gone", error: true)] B = 2,
            [Experimental("SAMPLE002")] C = 4,
        }

        public static class Commands
        {
            [Command("one")]
            public static string One(Legacy value) => value + "=" + value.ToString("D");

            [Command("flags")]
            public static string Flags(LegacyFlags value) => value + "=" + value.ToString("D");
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("one", "\"Current\"", "Current=1")]
    [InlineData("one", "\"Gone\"", "Gone=2")]
    [InlineData("one", "\"Trial\"", "Trial=4")]
    [InlineData("flags", "\"B\"", "B=2")]
    [InlineData("flags", "\"A, B, C\"", "A, B, C=7")]
    [InlineData("flags", "6", "B, C=6")]
    public async Task A_request_names_the_member(string name, string value, string expected) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{expected}}"}""", await _commands.SendAsync($$$"""{"name":"{{{name}}}","value":{"value":{{{value}}}}}"""));

    [Fact]
    public async Task A_name_that_is_no_member_is_still_refused() =>
        Assert.Equal(
            """{"returncode":"500","message":"Property 'value' of command 'one' must be one of 'Current', 'Gone', 'Trial'"}""",
            await _commands.SendAsync("""{"name":"one","value":{"value":"Old"}}"""));

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}
