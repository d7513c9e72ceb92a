using System.Text;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.NovaHost;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.NovaHost;

/// <summary>
/// <c>call</c> writes the request as Nova's dom0 plugin does: through the plain <c>xenstore-write</c>,
/// which un-escapes its argument. <see cref="XenStoreWriteText"/> is checked against the real tool,
/// and <c>call</c>'s request against what the tool stores for the same JSON.
/// </summary>
public sealed class NovaWritingTests
{
    private const string Home = "/local/domain/5";

    [Fact]
    public async Task The_bytes_are_what_xenstore_write_stores_for_every_escape_and_many_strings()
    {
        var arguments = new List<string>();
        // A backslash before every other ASCII byte, then text an escape could read on into.
        for (var b = 1; b < 128; b++)
        {
            arguments.Add("a\\" + (char)b + "7fz");
            arguments.Add("\\" + (char)b);
        }

        arguments.AddRange([
            "\\", "a\\", "\\\\", "\\x", "\\xg", "\\x4g", "\\x41", "\\xFF", "\\x  4", "\\x -1", "\\x-1", "\\x+f", "\\x-", "\\x+",
            "\\x0x5", "\\x0X", "\\x-0x", "\\x 0x1", "\\x00x", "\\x0", "\\x\t\n7", "\\0", "\\08", "\\777", "\\400", "\\1234", "\\u00e9", "\\\"", "caf\u00e9\\\u00e9",
            "{\"name\": \"x\", \"value\": \"say \\\"hi\\\" caf\\u00e9 \\\\ \\n \\t \\r \\b \\f \\/\"}",
        ]);
        var random = new Random(2212);
        const string Alphabet = "\\\\\\\\x0x7 9aFg+-\tnrtu\"8";
        for (var n = 0; n < 3000; n++)
        {
            arguments.Add(string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Alphabet[random.Next(Alphabet.Length)])));
        }

        var stored = await StoredByXenStoreWriteAsync(arguments);

        for (var n = 0; n < arguments.Count; n++)
        {
            Assert.True(
                stored[n].AsSpan().SequenceEqual(XenStoreWriteText.Of(Encoding.UTF8.GetBytes(arguments[n]))),
                $"argument {n} '{arguments[n]}': xenstore-write stored {Convert.ToHexString(stored[n])}");
        }
    }

    [Theory]
    // Nothing to un-escape: sent as typed, no note.
    [InlineData("password", "abc123", false)]
    [InlineData("agentupdate", "{\"url\": \"http://h/a.tgz\", \"md5sum\": \"0f\"}", false)]
    // A quote, a backslash, a line break, UTF-8 outside ASCII (json.dumps: \u00e9): changed by xenstore-write.
    [InlineData("password", "say \"hi\"", true)]
    [InlineData("password", "a\\b", true)]
    [InlineData("password", "two\nlines", true)]
    [InlineData("version", "caf\u00e9", true)]
    public async Task Call_writes_the_request_as_xenstore_write_stores_it_and_notes_when_that_differs(string command, string value, bool differs)
    {
        using var directory = new TemporaryDirectory();
        await using var server = new XenStoreServer();
        var socket = directory.Combine("xs.sock");
        server.Listen(socket);
        server.CreateGuestDomain(5);
        var answering = AnswerOnceAsync(server);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await Program.RunAsync(["call", "--xenstore", socket, "--domid", "5", command, value], new StandardStreams(TextReader.Null, output, error), TestContext.Current.CancellationToken);
        var request = await answering.WithinSafetyNet();

        Assert.Equal(ExitCodes.Success, code);
        var json = NovaAgentCall.RequestJson(command, value.StartsWith('{') ? value : System.Text.Json.JsonSerializer.Serialize(value));
        var novaStores = (await StoredByXenStoreWriteAsync([json]))[0];
        Assert.Equal(Convert.ToHexString(novaStores), Convert.ToHexString(request));
        Assert.Equal(differs, !novaStores.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(
            differs ? $"guest-agent: note: sent as Nova's xenstore-write stores it, un-escaped (as xenstore-read shows it): {XenStoreReadText.Of(novaStores)}\n" : "",
            error.ToString());
    }

    /// <summary>Writes each argument with the real <c>xenstore-write</c> (one run) and returns the bytes stored.</summary>
    private static async Task<byte[][]> StoredByXenStoreWriteAsync(IReadOnlyList<string> arguments)
    {
        var tool = ExternalTool.Require("xenstore-write", "xenstore-utils");
        using var directory = new TemporaryDirectory();
        await using var server = new XenStoreServer();
        server.Listen(directory.Combine("xs.sock"));
        // "--": a random argument may start with a dash.
        var pairs = arguments.SelectMany((argument, n) => new[] { $"/w/a{n}", argument }).Prepend("--").ToList();

        var written = await ExternalTool.RunAsync(tool, pairs, environment: new Dictionary<string, string> { ["XENSTORED_PATH"] = directory.Combine("xs.sock") });

        Assert.True(written.ExitCode == 0, written.StandardError);
        return [.. arguments.Select((_, n) => server.TryRead($"/w/a{n}") ?? throw new InvalidOperationException($"/w/a{n} not written"))];
    }

    /// <summary>Plays the agent: takes the first request's bytes and answers it; returns the bytes.</summary>
    private static Task<byte[]> AnswerOnceAsync(XenStoreServer server) => Task.Run(async () =>
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(1));
        IReadOnlyList<string>? ids;
        while ((ids = server.TryList(Home + "/data/host")) is not { Count: > 0 })
        {
            await Task.Delay(5, bound.Token);
        }

        var request = server.TryRead($"{Home}/data/host/{ids[0]}")!;
        server.Write($"{Home}/data/guest/{ids[0]}", "{\"returncode\":\"0\",\"message\":\"ok\"}"u8);
        return request;
    });
}
