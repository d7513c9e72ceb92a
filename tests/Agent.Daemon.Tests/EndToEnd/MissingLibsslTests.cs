using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published agent on a system without libssl (a mount namespace binds /dev/null over every
/// libssl file, as a stripped image lacks them): .NET's cryptography would abort the process on the
/// first <c>keyinit</c>, and the request, replayed at every start, would make it a crash loop. The
/// agent says so once at start, answers <c>keyinit</c> with a 500, and keeps serving.
/// </summary>
public sealed class MissingLibsslTests
{
    /// <summary>Hides every libssl the loader could find, then execs the program given after it.</summary>
    private const string HideLibssl = """
        hidden=0
        for f in /usr/lib/*-linux-gnu/libssl.so* /lib/*-linux-gnu/libssl.so* /usr/lib64/libssl.so* /lib64/libssl.so* /usr/lib/libssl.so* /lib/libssl.so*; do
          [ -e "$f" ] || continue
          mount --bind /dev/null "$f" || exit 97
          hidden=1
        done
        [ "$hidden" = 1 ] || exit 98
        exec "$0" "$@"
        """;

    private static readonly string[] Wrapper = ["unshare", "-m", "/bin/sh", "-c", HideLibssl];

    [Fact]
    public async Task A_waiting_keyinit_answers_500_at_start_and_the_agent_keeps_serving()
    {
        await RequireMountNamespaceAsync();
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        // Waiting at start, as after a crash: the request every restart replays.
        await agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/k1", """{"name":"keyinit","value":"12345"}""");

        await agent.StartAgentWrappedAsync(Wrapper);

        const string Answer = "libssl is not installed on this system: 'keyinit' needs OpenSSL, and none of libssl.so.3, libssl.so.1.1, libssl.so.1.0.2, libssl.so.1.0.0, libssl.so.10, libssl.so.11, libssl.so.111 could be loaded";
        Assert.Equal($$"""{"returncode":"500","message":"{{Answer}}"}""", await agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "k1"));
        var again = await agent.CallAsync("keyinit", "12345");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal($$"""{"returncode":"500","message":"{{Answer}}"}""", again.StandardOutput.Trim());
        var version = await agent.CallAsync("version");
        Assert.Equal(0, version.ExitCode);
        Assert.False(agent.Agent!.HasExited);

        var errors = agent.Agent.StandardError.Split('\n').Where(line => line.Contains("libssl was not found on this system (", StringComparison.Ordinal));
        Assert.Equal(
            ["<3>OpenSslLibrary: libssl was not found on this system (none of libssl.so.3, libssl.so.1.1, libssl.so.1.0.2, libssl.so.1.0.0, libssl.so.10, libssl.so.11, libssl.so.111 is where the dynamic loader looks): keyinit, password and agentupdate answer 500 until OpenSSL is installed; the other commands are served"],
            errors);
        Assert.DoesNotContain("No usable version of libssl", agent.Agent.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, await agent.StopAgentAsync());
    }

    [Fact]
    public async Task Check_config_on_such_a_system_exits_1_and_does_not_call_the_configuration_valid()
    {
        await RequireMountNamespaceAsync();
        var binary = DaemonBinary.Require();

        // What an image build runs: the settings are valid, but the agent would start with an error.
        // (Not under journald, which would keep run's "<3>" form instead of the level's word.)
        var check = await ExternalTool.RunAsync(
            Wrapper[0], [.. Wrapper[1..], binary, "check-config", "--config", "/dev/null"], environment: new Dictionary<string, string> { ["JOURNAL_STREAM"] = "" });

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("\nerror: OpenSslLibrary: libssl was not found on this system (", "\n" + check.StandardError, StringComparison.Ordinal);
        Assert.EndsWith(
            "\nThe settings are valid, but the agent would start with 1 error(s) (on stderr): the commands they name would not work.\n",
            check.StandardOutput,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_on_such_a_system_says_what_is_missing_rather_than_aborting()
    {
        await RequireMountNamespaceAsync();
        var binary = DaemonBinary.Require();
        using var temporary = new TemporaryDirectory("guest-agent-demo-tmpdir-");

        // An operator trying the binary in an image before booting it: the demo plays Nova's key exchange
        // and cipher in-process, which .NET's cryptography cannot do without libssl.
        var demo = await ExternalTool.RunAsync(
            Wrapper[0], [.. Wrapper[1..], binary, "demo"], environment: new Dictionary<string, string> { ["TMPDIR"] = temporary.Path, ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" });

        Assert.Equal(1, demo.ExitCode);
        Assert.Equal(
            "guest-agent: libssl is not installed on this system: 'demo' needs OpenSSL, and none of libssl.so.3, libssl.so.1.1, libssl.so.1.0.2, libssl.so.1.0.0, libssl.so.10, libssl.so.11, libssl.so.111 could be loaded\n",
            demo.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temporary.Path));
    }

    /// <summary>Skips (with why) where this process may not make a mount namespace and bind-mount in it.</summary>
    private static async Task RequireMountNamespaceAsync()
    {
        var unshare = ExternalTool.Require("unshare", "util-linux");
        var probe = await ExternalTool.RunAsync(unshare, ["-m", "/bin/sh", "-c", HideLibssl, "/bin/true"]);
        Assert.SkipUnless(probe.ExitCode == 0, $"Hiding libssl in a mount namespace is not permitted here (unshare -m and mount --bind need root; exit {probe.ExitCode}: {probe.StandardError.Trim()})");
    }
}
