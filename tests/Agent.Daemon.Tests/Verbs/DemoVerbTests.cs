using GuestAgent.Daemon.Cli;

namespace GuestAgent.Daemon.Tests.Verbs;

public sealed class DemoVerbTests
{
    [Fact]
    public async Task The_demo_runs_in_process_and_shows_every_step_and_file()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await Program.RunAsync(["demo"], new StandardStreams(TextReader.Null, output, error), TestContext.Current.CancellationToken);

        var transcript = output.ToString();
        Assert.True(code == ExitCodes.Success, transcript + error);
        Assert.Contains("""{"name": "keyinit", "value": """, transcript, StringComparison.Ordinal);
        Assert.Contains("""{"returncode":"D0","message":""", transcript, StringComparison.Ordinal);
        Assert.Contains("/etc/netplan/90-guest-agent.yaml", transcript, StringComparison.Ordinal);
        Assert.Contains("netplan apply", transcript, StringComparison.Ordinal);
        Assert.Contains("ssh-ed25519 AAAA", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", transcript, StringComparison.Ordinal);
        Assert.Empty(error.ToString());
    }
}
