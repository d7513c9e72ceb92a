using GuestAgent.Daemon.Cli;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.Cli;

/// <summary>
/// <see cref="Program.RunAsync"/>'s token reaches every verb that waits: a caller embedding the
/// daemon in-process (the tests, a host) whose token is cancelled gets "cancelled" and exit 1
/// instead of a server that never stops, a call that waits out its timeout, or a whole demo. (The
/// published program passes no token; its verbs stop on their own signals, tested end to end.)
/// </summary>
public sealed class CallerCancellationTests
{
    private static async Task<(int Code, string Out, string Error)> RunCancelledAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var code = await Program.RunAsync(arguments, new StandardStreams(TextReader.Null, output, error), cancelled.Token).WithinSafetyNet();

        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Xenstored_stops_at_once_and_removes_its_socket()
    {
        using var directory = new TemporaryDirectory("gacancel-");
        var socket = directory.Combine("xs.sock");

        var (code, _, error) = await RunCancelledAsync("xenstored", "--socket", socket);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.EndsWith("guest-agent: cancelled" + Environment.NewLine, error, StringComparison.Ordinal);
        Assert.False(File.Exists(socket), "the socket file was left behind");
    }

    [Fact]
    public async Task Call_stops_before_its_timeout_without_an_answer()
    {
        using var directory = new TemporaryDirectory("gacancel-");
        var socket = directory.Combine("xs.sock");
        await using var server = new XenStoreServer();
        server.Listen(socket);
        server.CreateGuestDomain(5);

        // Nobody answers in domain 5: only the token can end this call before its 300 s.
        var (code, output, error) = await RunCancelledAsync("call", "--xenstore", socket, "--domid", "5", "--timeout", "300", "version");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Empty(output);
        Assert.Equal("guest-agent: cancelled" + Environment.NewLine, error);
    }

    [Fact]
    public async Task Demo_stops_before_its_first_request()
    {
        var (code, output, error) = await RunCancelledAsync("demo");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.DoesNotContain("keyinit", output, StringComparison.Ordinal);
        Assert.EndsWith("guest-agent: cancelled" + Environment.NewLine, error, StringComparison.Ordinal);
    }
}
