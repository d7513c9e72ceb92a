using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Tests.EndToEnd;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Verbs;

/// <summary>
/// <c>call</c> and <c>set-password</c> against a XenStore whose listen queue stays full (a real
/// listening socket that never accepts, its queue taken): connecting waits as libxenstore's
/// blocking <c>connect()</c> would, but never past <c>--timeout</c>, and says why it gave up.
/// </summary>
public sealed class FullListenQueueTests
{
    [Fact]
    public async Task Call_gives_up_connecting_after_its_timeout_with_one_clear_line()
    {
        using var xenstore = new NeverAcceptingSocket();

        var (code, output, error) = await RunAsync(null, "call", "--xenstore", xenstore.Path, "--domid", "5", "--timeout", "1", "version");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Empty(output);
        Assert.Equal(
            $"guest-agent: TIMEOUT: XenStore ({xenstore.Path}) did not accept the connection within 1 seconds: its listen queue stayed full. Nothing was sent.{Environment.NewLine}",
            error);
    }

    [Fact]
    public async Task Set_password_gives_up_connecting_after_its_timeout_with_one_clear_line()
    {
        using var xenstore = new NeverAcceptingSocket();

        var (code, output, error) = await RunAsync("not-this-secret\n", "set-password", "--xenstore", xenstore.Path, "--domid", "5", "--timeout", "1");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Empty(output);
        Assert.StartsWith($"guest-agent: TIMEOUT: XenStore ({xenstore.Path}) did not accept the connection within 1 seconds", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-this-secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_xenstore_the_timeout_line_names_the_endpoint_libxenstore_picked()
    {
        // The published daemon: the endpoint comes from the environment, which a test may not
        // change in its own process.
        var binary = DaemonBinary.Require();
        using var rundir = new TemporaryDirectory("gafq-run-");
        using var xenstore = new NeverAcceptingSocket(rundir.Combine("socket"));

        var result = await ExternalTool.RunAsync(
            binary, ["call", "--domid", "5", "--timeout", "1", "version"],
            environment: new Dictionary<string, string> { ["XENSTORED_RUNDIR"] = rundir.Path, ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" });

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Equal(
            $"guest-agent: TIMEOUT: XenStore ({xenstore.Path}) did not accept the connection within 1 seconds: its listen queue stayed full. Nothing was sent.\n",
            result.StandardError);
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(string? input, params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdin = new StringReader(input ?? "");
        var code = await Program.RunAsync(arguments, new StandardStreams(stdin, output, error), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
