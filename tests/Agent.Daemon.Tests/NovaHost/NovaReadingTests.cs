using System.Text;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.NovaHost;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.NovaHost;

/// <summary>
/// <c>call</c> and <c>set-password</c> read the guest's answer as Nova does: through the plain
/// <c>xenstore-read</c> of its dom0 plugin (which escapes every backslash and every byte outside
/// printable ASCII), stripped, then <c>json.loads</c>. Checked against the real tool and Python.
/// </summary>
public sealed class NovaReadingTests
{
    private const string Home = "/local/domain/5";

    // Nova's side, step for step: read_record (xenstore-read, strip; not JSON: json.dumps of the
    // text), then _call_agent (json.loads, ret['returncode'], ret['message'].replace('\\r\\n', '')).
    private const string NovaReads = """
        import json, subprocess, sys
        text = subprocess.run(["xenstore-read", sys.argv[1]], capture_output=True, text=True, check=True).stdout.strip()
        try:
            json.loads(text)
        except ValueError:
            text = json.dumps(text)
        try:
            ret = json.loads(text)
            code, message = ret["returncode"], ret["message"].replace("\\r\\n", "")
            assert isinstance(code, str) and isinstance(message, str)
        except Exception:
            print("unreadable")
        else:
            print("code=" + code)
            print("message=" + message)
        """;

    [Fact]
    public async Task The_text_is_what_xenstore_read_prints_for_every_byte()
    {
        var tool = ExternalTool.Require("xenstore-read", "xenstore-utils");
        using var directory = new TemporaryDirectory();
        await using var server = new XenStoreServer();
        server.Listen(directory.Combine("xs.sock"));
        var paths = new List<string>();
        for (var b = 0; b < 256; b++)
        {
            paths.Add($"/bytes/b{b}");
            server.Write(paths[^1], [(byte)'a', (byte)b, (byte)'z']);
        }

        var read = await ExternalTool.RunAsync(tool, paths, environment: new Dictionary<string, string> { ["XENSTORED_PATH"] = directory.Combine("xs.sock") });

        Assert.Equal(0, read.ExitCode);
        var printed = read.StandardOutput.Split('\n')[..256];
        for (var b = 0; b < 256; b++)
        {
            Assert.Equal(printed[b], XenStoreReadText.Of([(byte)'a', (byte)b, (byte)'z']));
        }
    }

    [Theory]
    // What the agent writes: read unchanged.
    [InlineData("{\"returncode\":\"0\",\"message\":\"1.0.0\"}", "code=0\nmessage=1.0.0\n", ExitCodes.Success)]
    [InlineData("  {\"returncode\":\"500\",\"message\":\"it's <b>&+\"}  ", "code=500\nmessage=it's <b>&+\n", ExitCodes.Failure)]
    // A JSON escape of a quote: doubled by xenstore-read, the answer is no longer JSON.
    [InlineData("{\"returncode\":\"0\",\"message\":\"say \\\"hi\\\"\"}", "unreadable\n", ExitCodes.Failure)]
    // UTF-8 outside ASCII: \xc3\xa9 is no JSON escape.
    [InlineData("{\"returncode\":\"0\",\"message\":\"caf\u00e9\"}", "unreadable\n", ExitCodes.Failure)]
    // A line break after the object: escaped as \n, which strip() leaves.
    [InlineData("{\"returncode\":\"0\",\"message\":\"1.0\"}\n", "unreadable\n", ExitCodes.Failure)]
    // NaN and Infinity, which JSON lacks and Python's json.loads reads as floats: Nova reads the answer.
    [InlineData("{\"returncode\":\"0\",\"message\":\"1.0\",\"load\":[NaN,-Infinity]}", "code=0\nmessage=1.0\n", ExitCodes.Success)]
    // Old Windows agents' escaped CRLF: Nova sees a literal \r\n and strips it.
    [InlineData("{\"returncode\":\"0\",\"message\":\"1.0\\r\\n\"}", "code=0\nmessage=1.0\n", ExitCodes.Success)]
    public async Task Call_accepts_an_answer_exactly_when_nova_can_read_it(string answer, string novaSees, int exitCode)
    {
        var python = ExternalTool.Require("python3", "python3");
        ExternalTool.Require("xenstore-read", "xenstore-utils");
        using var directory = new TemporaryDirectory();
        await using var server = new XenStoreServer();
        var socket = directory.Combine("xs.sock");
        server.Listen(socket);
        server.CreateGuestDomain(5);
        var answering = AnswerOnceAsync(server, answer);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await Program.RunAsync(["call", "--xenstore", socket, "--domid", "5", "version"], new StandardStreams(TextReader.Null, output, error), TestContext.Current.CancellationToken);
        var id = await answering.WithinSafetyNet();

        var nova = await ExternalTool.RunAsync(python, ["-c", NovaReads, $"{Home}/data/guest/{id}"], environment: new Dictionary<string, string> { ["XENSTORED_PATH"] = socket });
        Assert.Equal(0, nova.ExitCode);
        Assert.Equal(novaSees, nova.StandardOutput);
        Assert.Equal(exitCode, code);
        if (novaSees.StartsWith("code=", StringComparison.Ordinal))
        {
            // Printed as Nova reads it, and understood as Nova understands it.
            var (returnCode, message) = AgentResponseReader.Read(output.ToString().TrimEnd('\n'));
            Assert.Equal(novaSees, $"code={returnCode}\nmessage={message}\n");
        }
        else
        {
            Assert.Empty(output.ToString());
            Assert.StartsWith("guest-agent: the agent's answer is not valid JSON: ", error.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>Plays the agent: answers the first request with <paramref name="answer"/>'s bytes; returns its id.</summary>
    private static Task<string> AnswerOnceAsync(XenStoreServer server, string answer) => Task.Run(async () =>
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(1));
        IReadOnlyList<string>? ids;
        while ((ids = server.TryList(Home + "/data/host")) is not { Count: > 0 })
        {
            await Task.Delay(5, bound.Token);
        }

        server.Write($"{Home}/data/guest/{ids[0]}", Encoding.UTF8.GetBytes(answer));
        return ids[0];
    });
}
