using System.Text.Json;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>set-password</c> suspended with Ctrl-Z at its prompt and brought back with <c>fg</c>, under a
/// job-control shell (dash, interactive, in a pty Python's <c>pty.fork</c> makes): a process that is
/// its own session's leader, as in <see cref="SetPasswordTerminalTests"/>, is in an orphaned process
/// group, whose Ctrl-Z the kernel drops. While it is stopped the shell must have its echo back
/// (dash does not put it back itself); once continued, echo must be off again before anything more
/// is typed, with a new prompt, since the kernel dropped the half-typed line at the Ctrl-Z. And a
/// SIGSTOP and SIGCONT from outside, with no shell, must not turn echo on either: .NET's runtime puts
/// its own terminal settings back on SIGCONT.
/// </summary>
public sealed class SetPasswordSuspendTests
{
    private const string Driver = """
        import json, os, pty, select, shlex, sys, termios, time
        pid, fd = pty.fork()
        if pid == 0:
            os.environ['PS1'] = 'PROMPT> '
            os.execv('/bin/dash', ['dash', '-i'])
        out = b''
        def until(marker, start):
            global out
            deadline = time.monotonic() + 60
            while marker not in out[start:]:
                if time.monotonic() > deadline:
                    raise SystemExit('no ' + repr(marker) + ' after ' + repr(out[start:]))
                if select.select([fd], [], [], 0.5)[0]:
                    try:
                        chunk = os.read(fd, 4096)
                    except OSError:
                        chunk = b''
                    if not chunk:
                        raise SystemExit('the pty closed before ' + repr(marker) + ': ' + repr(out[start:]))
                    out += chunk
            return out.index(marker, start) + len(marker)
        def echo():
            return bool(termios.tcgetattr(fd)[3] & termios.ECHO)
        at = until(b'PROMPT> ', 0)
        os.write(fd, (shlex.join(sys.argv[1:]) + '\n').encode())
        at = until(b'Password: ', at)
        echo_first = echo()
        os.write(fd, b'half\x1a')
        at = until(b'PROMPT> ', at)
        echo_stopped = echo()
        os.write(fd, b'fg\n')
        resumed = at
        at = until(b'Password: ', at)
        echo_resumed = echo()
        typed = at
        os.write(fd, b'rest-typed\n')
        at = until(b'PROMPT> ', at)
        echo_end = echo()
        os.write(fd, b'exit\n')
        os.waitpid(pid, 0)
        print(json.dumps({
            'echoFirst': echo_first,
            'echoStopped': echo_stopped,
            'echoResumed': echo_resumed,
            'echoEnd': echo_end,
            'afterResuming': out[resumed:typed].decode('utf-8', 'replace'),
            'afterTyping': out[typed:at].decode('utf-8', 'replace'),
        }))
        """;

    private const string StopDriver = """
        import json, os, pty, select, signal, sys, termios, time
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(sys.argv[1], sys.argv[1:])
        out = b''
        def until(marker, start):
            global out
            deadline = time.monotonic() + 60
            while marker not in out[start:]:
                if time.monotonic() > deadline:
                    raise SystemExit('no ' + repr(marker) + ' after ' + repr(out[start:]))
                if select.select([fd], [], [], 0.5)[0]:
                    out += os.read(fd, 4096)
            return out.index(marker, start) + len(marker)
        at = until(b'Password: ', 0)
        os.kill(pid, signal.SIGSTOP)
        os.waitpid(pid, os.WUNTRACED)
        os.kill(pid, signal.SIGCONT)
        at = until(b'Password: ', at)
        echo_resumed = bool(termios.tcgetattr(fd)[3] & termios.ECHO)
        typed = at
        os.write(fd, b'after-stop\n')
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        _, status = os.waitpid(pid, 0)
        print(json.dumps({
            'echoResumed': echo_resumed,
            'afterTyping': out[typed:].decode('utf-8', 'replace'),
            'exitCode': os.waitstatus_to_exitcode(status),
        }))
        """;

    [Fact]
    public async Task Ctrl_Z_gives_the_shell_its_echo_back_and_fg_turns_it_off_again_before_the_rest_is_typed()
    {
        ExternalTool.Require("dash", "dash");
        var python = ExternalTool.Require("python3", "python3");
        await using var agent = await AgentUnderTest.StartAsync();

        var run = await RunDriverAsync(python, Driver, agent);

        Assert.False(run.GetProperty("echoFirst").GetBoolean());
        Assert.True(run.GetProperty("echoStopped").GetBoolean());
        Assert.False(run.GetProperty("echoResumed").GetBoolean());
        Assert.True(run.GetProperty("echoEnd").GetBoolean());
        var afterTyping = run.GetProperty("afterTyping").GetString()!;
        Assert.DoesNotContain("rest-typed", afterTyping, StringComparison.Ordinal);
        Assert.Contains("""{"returncode":"0","message":""}""", afterTyping, StringComparison.Ordinal);
        // The half typed before Ctrl-Z was dropped by the terminal: the password is what followed the new prompt.
        await ShadowAssert.RootPasswordIsAsync(agent, "rest-typed");
    }

    [Fact]
    public async Task A_stop_and_continue_from_outside_leaves_echo_off_though_dotnet_puts_its_settings_back()
    {
        var python = ExternalTool.Require("python3", "python3");
        await using var agent = await AgentUnderTest.StartAsync();

        // No shell: SIGSTOP, which nothing can catch, then SIGCONT, after which .NET's runtime puts back
        // the terminal settings it knew (echo on) unless the reader cancels that.
        var run = await RunDriverAsync(python, StopDriver, agent);

        Assert.False(run.GetProperty("echoResumed").GetBoolean());
        Assert.DoesNotContain("after-stop", run.GetProperty("afterTyping").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, run.GetProperty("exitCode").GetInt32());
        await ShadowAssert.RootPasswordIsAsync(agent, "after-stop");
    }

    /// <summary>Runs a pty driver script against <c>set-password</c> and returns the JSON it prints.</summary>
    private static async Task<JsonElement> RunDriverAsync(string python, string driver, AgentUnderTest agent)
    {
        var result = await ExternalTool.RunAsync(
            python,
            ["-c", driver, DaemonBinary.Require(), "set-password", "--xenstore", agent.Socket, "--domid", AgentUnderTest.DomainId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" },
            timeout: TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, $"the pty driver failed ({result.ExitCode}): {result.StandardError}");
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }
}
