namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// Host-controlled text in the published daemon's log (explore-report.md, defect 6): a command name
/// carrying a NUL, a priority prefix, an escape sequence and a line separator must reach stderr as
/// one line with each of them visible, so journald can neither end the record early nor read a
/// forged <c>&lt;N&gt;</c> priority.
/// </summary>
public sealed class LogInjectionTests
{
    [Fact]
    public async Task A_command_name_with_control_characters_is_logged_as_one_escaped_line()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        // JSON escapes, which the parser decodes into the raw characters of the name; each backslash
        // doubled because xenstore-write undoes one level of backslash escapes.
        const string request = """{"name": "a\\r<0>b\\u0000<2>guest-agent: FAKE\\u001b[31mred\\u2028z", "value": ""}""";

        await agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/forge", request);
        await agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "forge");
        await agent.Agent!.WaitForErrorTextAsync("unknown command");

        var log = agent.Agent.StandardError;
        var line = Assert.Single(log.Split('\n'), l => l.Contains("unknown command", StringComparison.Ordinal));
        Assert.EndsWith(": unknown command 'a <0>b\\x00<2>guest-agent: FAKE\\x1B[31mred\\u2028z'", line, StringComparison.Ordinal);
        Assert.StartsWith("<4>", line, StringComparison.Ordinal);
        Assert.DoesNotContain(log, c => c is '\0' or '\u001b' or '\r' or '\u2028');
        Assert.DoesNotContain("\n<2>", log, StringComparison.Ordinal);
        Assert.Equal(0, await agent.StopAgentAsync());
    }
}
