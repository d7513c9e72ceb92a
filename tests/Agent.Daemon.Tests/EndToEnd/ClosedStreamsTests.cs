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
    public async Task A_verb_with_every_standard_descriptor_closed_writes_its_output_to_dev_null_and_succeeds()
    {
        var binary = DaemonBinary.Require();

        // 1 and 2 get /dev/null (0 holds the runtime's own file): writable, so schema succeeds.
        var result = await ExternalTool.RunAsync("/bin/sh", ["-c", "exec \"$0\" schema <&- >&- 2>&-", binary]);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Set_password_with_stdin_closed_reads_no_password_rather_than_the_runtimes_file_in_its_slot()
    {
        var binary = DaemonBinary.Require();
        using var directory = new TemporaryDirectory();

        // The runtime opens /dev/urandom before Main, into the lowest free descriptor: a closed 0.
        var result = await ExternalTool.RunAsync("/bin/sh", ["-c", "exec \"$0\" set-password --xenstore \"$1\" --domid 5 <&-", binary, directory.Combine("xs.sock")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("guest-agent: set-password: no password on stdin\n", result.StandardError);
    }

    [Theory]
    [InlineData(2, "run --no-such-option")]
    [InlineData(1, "run --config /dev/null --root \"$1\" --xenstore /nonexistent/xs.sock")]
    [InlineData(1, "--help >/dev/full")]
    public async Task With_stderr_on_a_full_device_the_exit_code_is_the_documented_one_not_an_abort(int expected, string arguments)
    {
        var binary = DaemonBinary.Require();
        using var root = new TemporaryDirectory();

        // stderr redirected to a full disk: every write fails with ENOSPC, the one error line included.
        var result = await ExternalTool.RunAsync("/bin/sh", ["-c", $"exec \"$0\" {arguments} 2>/dev/full", binary, root.Path]);

        Assert.Equal(expected, result.ExitCode);
    }

    [Theory]
    [InlineData("schema")]
    [InlineData("version")]
    [InlineData("demo")]
    public async Task A_verb_whose_stdout_is_a_full_device_says_that_stdout_refused_the_output(string verb)
    {
        var binary = DaemonBinary.Require();

        // The console's own stream on a real /dev/full: exit 1, as docs/daemon.md has an I/O error do.
        var result = await ExternalTool.RunAsync("/bin/sh", ["-c", $"exec \"$0\" {verb} >/dev/full", binary]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("guest-agent: could not write the output to stdout: No space left on device\n", result.StandardError);
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
