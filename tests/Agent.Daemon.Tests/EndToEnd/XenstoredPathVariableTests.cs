using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The endpoint variables as libxenstore reads them, side by side with the real <c>xenstore-read</c>:
/// set means set, so an empty <c>XENSTORED_PATH</c> names no endpoint even when
/// <c>$XENSTORED_RUNDIR/socket</c> would have worked.
/// </summary>
public sealed class XenstoredPathVariableTests
{
    [Fact]
    public async Task An_empty_XENSTORED_PATH_fails_as_libxenstore_fails_and_says_why()
    {
        var xenstoreRead = ExternalTool.Require("xenstore-read", "xenstore-utils");
        Assert.SkipWhen(Environment.GetEnvironmentVariable("XENSTORED_PATH") is not null, "XENSTORED_PATH is set in the test run's own environment, which the tools inherit");
        await using var agent = await AgentUnderTest.StartAsync();
        using var rundir = new TemporaryDirectory();
        File.CreateSymbolicLink(rundir.Combine("socket"), agent.Socket);
        var unset = new Dictionary<string, string> { ["XENSTORED_RUNDIR"] = rundir.Path, ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" };
        var empty = new Dictionary<string, string>(unset) { ["XENSTORED_PATH"] = "" };
        unset.Remove("XENSTORED_PATH");
        string[] call = ["call", "--domid", "5", "version"];

        // The run directory alone works for both.
        Assert.Equal(0, (await ExternalTool.RunAsync(xenstoreRead, ["/local/domain/5/name"], environment: unset)).ExitCode);
        Assert.Equal(0, (await ExternalTool.RunAsync(DaemonBinary.Require(), call, environment: unset)).ExitCode);

        var theirs = await ExternalTool.RunAsync(xenstoreRead, ["/local/domain/5/name"], environment: empty);
        var ours = await ExternalTool.RunAsync(DaemonBinary.Require(), call, environment: empty);

        Assert.NotEqual(0, theirs.ExitCode);
        Assert.Equal(1, ours.ExitCode);
        Assert.Contains("XENSTORED_PATH is set but empty, which names no endpoint", ours.StandardError, StringComparison.Ordinal);
    }
}
