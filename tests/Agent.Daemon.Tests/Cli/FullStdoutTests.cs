using System.Text;
using GuestAgent.Daemon.Cli;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.Cli;

/// <summary>
/// A verb whose output cannot be written (stdout on a full disk, <c>&gt;/dev/full</c>, where every
/// write fails with <c>ENOSPC</c>) exits 1, as docs/daemon.md has an I/O error do, with one line
/// saying that stdout refused the output and why, not a bare "No space left on device (IOException)".
/// </summary>
public sealed class FullStdoutTests
{
    private const string Home = "/local/domain/5";

    private const string Expected = "guest-agent: could not write the output to stdout: No space left on device";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Schema_says_that_stdout_refused_its_output(bool autoFlush)
    {
        await using var output = FullDevice(autoFlush);
        using var error = new StringWriter();

        var code = await Program.RunAsync(["schema"], new StandardStreams(TextReader.Null, output, error), TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith(Expected, Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Call_says_that_stdout_refused_the_agents_answer(bool autoFlush)
    {
        using var directory = new TemporaryDirectory("gafull-");
        await using var server = new XenStoreServer();
        var socket = directory.Combine("xs.sock");
        server.Listen(socket);
        server.CreateGuestDomain(5);
        var answering = AnswerOnceAsync(server, """{"returncode":"0","message":"1.0"}""");
        await using var output = FullDevice(autoFlush);
        using var error = new StringWriter();

        var code = await Program.RunAsync(["call", "--xenstore", socket, "--domid", "5", "version"], new StandardStreams(TextReader.Null, output, error), TestContext.Current.CancellationToken);
        await answering.WithinSafetyNet();

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith(Expected, Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Demo_says_that_stdout_refused_its_transcript(bool autoFlush)
    {
        await using var output = FullDevice(autoFlush);
        using var error = new StringWriter();

        var code = await Program.RunAsync(["demo"], new StandardStreams(TextReader.Null, output, error), TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith(Expected, Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    /// <summary>A writer on the real <c>/dev/full</c>; unbuffered below the writer, so what it passes on fails at once.</summary>
    private static StreamWriter FullDevice(bool autoFlush) =>
        new(new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0)) { AutoFlush = autoFlush };

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Plays the agent: answers the first request with <paramref name="answer"/>.</summary>
    private static Task AnswerOnceAsync(XenStoreServer server, string answer) => Task.Run(async () =>
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(1));
        IReadOnlyList<string>? ids;
        while ((ids = server.TryList(Home + "/data/host")) is not { Count: > 0 })
        {
            await Task.Delay(5, bound.Token);
        }

        server.Write($"{Home}/data/guest/{ids[0]}", Encoding.UTF8.GetBytes(answer));
    });
}
