using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Verbs;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Verbs;

/// <summary>
/// <c>call</c>'s exit code says whether the agent succeeded (returncode <c>0</c>, or keyinit's
/// <c>D0</c>, as Nova reads them), whatever else the answer is; and an endpoint named with
/// <c>--xenstore</c> that cannot be reached is reported as such, never as "not a Xen guest".
/// </summary>
public sealed class CallVerbTests
{
    [Theory]
    [InlineData("""{"returncode":"0","message":"1.0"}""", true)]
    [InlineData("""{"returncode":"D0","message":"12345"}""", true)]
    [InlineData("""{"message":"","returncode":"0"}""", true)]
    [InlineData("""{"returncode":"404","message":"unknown command"}""", false)]
    [InlineData("""{"returncode":"500","message":"failed"}""", false)]
    [InlineData("""{"returncode":"d0","message":""}""", false)]
    [InlineData("""{"returncode":0,"message":""}""", false)]
    [InlineData("""{"returncode":null}""", false)]
    [InlineData("""{"message":"no code"}""", false)]
    [InlineData("""["returncode","0"]""", false)]
    [InlineData("\"0\"", false)]
    [InlineData("0", false)]
    // Nova calls replace on the message after checking the code: without a string one it fails.
    [InlineData("""{"returncode":"0"}""", false)]
    [InlineData("""{"returncode":"0","message":5}""", false)]
    // Python's json.loads reads NaN: Nova takes the answer.
    [InlineData("""{"returncode":"0","message":"1.0","load":NaN}""", true)]
    public void Only_a_returncode_of_0_or_D0_succeeds(string answer, bool succeeded)
    {
        Assert.Equal(succeeded, CallVerb.Succeeded(answer));
    }

    [Fact]
    public async Task A_missing_endpoint_named_with_xenstore_is_unreachable_without_asking_whether_this_is_a_xen_guest()
    {
        using var directory = new TemporaryDirectory("gacall-");
        var socket = directory.Combine("no-xenstore.sock");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await Program.RunAsync(["call", "--xenstore", socket, "--domid", "5", "version"], new StandardStreams(TextReader.Null, output, error), TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Empty(output.ToString());
        var line = Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"guest-agent: XenStore is unreachable: Cannot open XenStore ({socket}: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Xen guest", line, StringComparison.Ordinal);
    }
}
