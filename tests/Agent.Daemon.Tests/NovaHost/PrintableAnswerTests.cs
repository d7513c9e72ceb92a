using System.Text;
using System.Text.Json;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.NovaHost;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.NovaHost;

/// <summary>What <c>call</c> prints of the guest's answer: never bytes that drive the operator's terminal.</summary>
public sealed class PrintableAnswerTests
{
    private const string Home = "/local/domain/5";

    [Theory]
    [InlineData("""{"returncode":"0","message":"1.0.0+abc"}""")]
    [InlineData("{\"returncode\":\"500\",\"message\":\"Couldn't write the file: caf\u00e9 \U0001F600 <a>&'+\"}")]
    [InlineData("""{"returncode":"0","message":"escapes as text: \u001b]0;x\u0007"}""")]
    [InlineData("""{"returncode":"D0","message":"12345678901234567890"}""")]
    public void An_answer_with_nothing_a_terminal_acts_on_is_printed_byte_for_byte(string answer)
    {
        Assert.Same(answer, PrintableAnswer.Of(answer));
    }

    [Theory]
    [InlineData("{\"returncode\":\"0\",\"message\":\"csi \u009b2J del \u007f\"}")]
    [InlineData("{\"returncode\":\"0\",\r\"message\":\"overwritten\"}")]
    [InlineData("{\"returncode\":\"0\",\"message\":\"line\u2028sep \u202eevil\"}")]
    [InlineData("{\"returncode\":\"0\",\"message\":\"del \u007f alone\"}")]
    [InlineData("{\"returncode\":\"0\",\"message\":\"last C1 \u009f alone\"}")]
    public void Valid_json_holding_what_a_terminal_acts_on_is_written_again_escaped_with_the_same_meaning(string answer)
    {
        var printed = PrintableAnswer.Of(answer);

        Assert.DoesNotContain(printed, c => c < ' ' || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u202e');
        using var original = JsonDocument.Parse(answer);
        using var reread = JsonDocument.Parse(printed);
        Assert.Equal(original.RootElement.GetProperty("message").GetString(), reread.RootElement.GetProperty("message").GetString());
        Assert.Equal("0", reread.RootElement.GetProperty("returncode").GetString());
    }

    [Fact]
    public async Task Call_refuses_an_answer_that_is_not_json_exits_1_and_shows_it_escaped()
    {
        using var directory = new TemporaryDirectory();
        await using var server = new XenStoreServer();
        var socket = directory.Combine("xs.sock");
        server.Listen(socket);
        server.CreateGuestDomain(5);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(1));
        // Plays a hostile guest: raw ESC and BEL are not valid in a JSON string.
        var answering = Task.Run(async () =>
        {
            IReadOnlyList<string>? ids;
            while ((ids = server.TryList(Home + "/data/host")) is not { Count: > 0 })
            {
                await Task.Delay(5, bound.Token);
            }

            server.Write($"{Home}/data/guest/{ids[0]}", "{\"returncode\":\"0\",\"message\":\"\u001b]0;pwned\u0007\u001b[2J hi\"}"u8);
        }, TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await Program.RunAsync(["call", "--xenstore", socket, "--domid", "5", "version"], new StandardStreams(TextReader.Null, output, error), TestContext.Current.CancellationToken);
        await answering;

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Empty(output.ToString());
        // Shown as Nova's dom0 plugin reads it, through xenstore-read's escapes (NovaReadingTests).
        Assert.Equal("guest-agent: the agent's answer is not valid JSON: {\"returncode\":\"0\",\"message\":\"\\x1b]0;pwned\\007\\x1b[2J hi\"}\n", error.ToString());
        Assert.DoesNotContain('\u001b', error.ToString());
    }
}
