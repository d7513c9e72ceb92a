using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published daemon started with standard descriptors closed (<c>guest-agent run &gt;&amp;-</c>):
/// it must not crash, must serve, and no socket or file it opens may land on a closed 0, 1 or 2 and
/// receive log lines or output.
/// </summary>
public sealed class ClosedStreamsTests
{
    [Theory]
    [InlineData(">&-", 1)]
    [InlineData("<&- >&- 2>&-", 0, 1, 2)]
    public async Task Run_with_closed_standard_descriptors_serves_and_never_reuses_their_slots(string redirections, params int[] closed)
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);

        await agent.StartAgentWithRedirectionsAsync(redirections);

        var result = await agent.CallAsync("version");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"returncode\":\"0\"", result.StandardOutput, StringComparison.Ordinal);
        // Each closed slot holds /dev/null, or the file the runtime itself opened before Main took the
        // slot (it keeps /dev/urandom open): never the XenStore socket, the journal or another file
        // the agent opened, which would then receive what is written "to stderr".
        foreach (var fd in closed)
        {
            var target = new FileInfo($"/proc/{agent.Agent!.Id}/fd/{fd}").LinkTarget;
            Assert.True(target is "/dev/null" or "/dev/urandom", $"descriptor {fd} is {target}");
        }

        if (!closed.Contains(2))
        {
            Assert.Contains("serving", agent.Agent!.StandardError, StringComparison.Ordinal);
        }

        Assert.Equal(0, await agent.StopAgentAsync());
    }

    [Fact]
    public async Task A_verb_writing_to_a_closed_stdout_drops_the_output_and_succeeds()
    {
        var binary = DaemonBinary.Require();

        var result = await ExternalTool.RunAsync("/bin/sh", ["-c", "exec \"$0\" schema >&-", binary]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StandardError);
    }

    [Fact]
    public async Task A_usage_error_with_stderr_closed_still_exits_2()
    {
        var binary = DaemonBinary.Require();

        var result = await ExternalTool.RunAsync("/bin/sh", ["-c", "exec \"$0\" run --no-such-option 2>&-", binary]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
    }
}
