using System.Text.Json;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>set-password</c> with a terminal on stdin (a pty Python's <c>pty.fork</c> makes): a
/// <c>Password: </c> prompt, nothing typed is echoed, and the terminal's echo is back afterwards,
/// after Ctrl-C too. The driver types only once the prompt is there, and echo is off by then.
/// </summary>
public sealed class SetPasswordTerminalTests
{
    private const string Driver = """
        import json, os, pty, signal, sys, termios
        keys = sys.argv[1].encode().decode('unicode_escape').encode('latin-1')
        pid, fd = pty.fork()
        if pid == 0:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.execv(sys.argv[2], sys.argv[2:])
        out = b''
        def more():
            global out
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b''
            out += chunk
            return chunk
        while b'Password: ' not in out:
            if not more():
                break
        echo_while_typing = bool(termios.tcgetattr(fd)[3] & termios.ECHO)
        prompt_end = len(out)
        os.write(fd, keys)
        while more():
            pass
        _, status = os.waitpid(pid, 0)
        print(json.dumps({
            'beforeTyping': out[:prompt_end].decode('utf-8', 'replace'),
            'afterTyping': out[prompt_end:].decode('utf-8', 'replace'),
            'echoWhileTyping': echo_while_typing,
            'echoAfter': bool(termios.tcgetattr(fd)[3] & termios.ECHO),
            'exitCode': os.waitstatus_to_exitcode(status),
        }))
        """;

    [Fact]
    public async Task On_a_terminal_it_prompts_reads_without_echo_and_restores_the_terminal()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        var run = await DriveAsync(@"pw-on-a-tty\n", agent.Socket);

        Assert.EndsWith("Password: ", run.GetProperty("beforeTyping").GetString(), StringComparison.Ordinal);
        Assert.False(run.GetProperty("echoWhileTyping").GetBoolean());
        var after = run.GetProperty("afterTyping").GetString()!;
        Assert.DoesNotContain("pw-on-a-tty", after, StringComparison.Ordinal);
        Assert.Contains("""{"returncode":"0","message":""}""", after, StringComparison.Ordinal);
        Assert.Equal(0, run.GetProperty("exitCode").GetInt32());
        Assert.True(run.GetProperty("echoAfter").GetBoolean());
        await ShadowAssert.RootPasswordIsAsync(agent, "pw-on-a-tty");
    }

    [Fact]
    public async Task A_password_typed_in_UTF_8_is_set_as_typed_and_the_answer_starts_a_line_of_its_own()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        var run = await DriveAsync(@"p\xc3\xa9-tty\n", agent.Socket);

        Assert.Equal(0, run.GetProperty("exitCode").GetInt32());
        // The Enter that ended the password was not echoed: set-password's own line break stands for it
        // (the terminal writes it as CR LF), so the answer is not printed after the prompt.
        Assert.StartsWith("\r\n{\"returncode\":\"0\"", run.GetProperty("afterTyping").GetString(), StringComparison.Ordinal);
        await ShadowAssert.RootPasswordIsAsync(agent, "p\u00e9-tty");
    }

    [Fact]
    public async Task A_password_typed_on_a_latin_1_terminal_is_refused_not_set_as_other_bytes()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        var shadow = await File.ReadAllTextAsync(agent.GuestFile("/etc/shadow"), TestContext.Current.CancellationToken);

        // "pä-tty" in Latin-1: the ä is the single byte 0xe4, which UTF-8 cannot read.
        var run = await DriveAsync(@"p\xe4-tty\n", agent.Socket);

        Assert.Equal(2, run.GetProperty("exitCode").GetInt32());
        Assert.Contains("the password is not valid UTF-8 text", run.GetProperty("afterTyping").GetString(), StringComparison.Ordinal);
        Assert.True(run.GetProperty("echoAfter").GetBoolean());
        Assert.Equal(shadow, await File.ReadAllTextAsync(agent.GuestFile("/etc/shadow"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ctrl_C_at_the_prompt_ends_it_with_the_terminals_echo_restored()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        var shadow = await File.ReadAllTextAsync(agent.GuestFile("/etc/shadow"), TestContext.Current.CancellationToken);

        var run = await DriveAsync(@"half-typed\x03", agent.Socket);

        Assert.EndsWith("Password: ", run.GetProperty("beforeTyping").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("half-typed", run.GetProperty("afterTyping").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, run.GetProperty("exitCode").GetInt32());
        Assert.True(run.GetProperty("echoAfter").GetBoolean());
        Assert.Equal(shadow, await File.ReadAllTextAsync(agent.GuestFile("/etc/shadow"), TestContext.Current.CancellationToken));
    }

    private static async Task<JsonElement> DriveAsync(string keys, string socket)
    {
        var python = ExternalTool.Require("python3", "python3");
        var result = await ExternalTool.RunAsync(
            python, ["-c", Driver, keys, DaemonBinary.Require(), "set-password", "--xenstore", socket, "--domid", AgentUnderTest.DomainId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" });
        Assert.True(result.ExitCode == 0, $"the pty driver failed ({result.ExitCode}): {result.StandardError}");
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }
}
