using System.Text;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.NovaHost;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Daemon.Tests.NovaHost;

public sealed class NovaAgentCallTests
{
    private const string Home = "/local/domain/5";

    private static async Task<(XenStoreServer Server, XenStoreClient Client, TemporaryDirectory Directory)> StartAsync()
    {
        var directory = new TemporaryDirectory();
        var server = new XenStoreServer();
        server.Listen(directory.Combine("xs.sock"));
        server.CreateGuestDomain(5);
        var client = await XenStoreClient.ConnectAsync(directory.Combine("xs.sock"), TestContext.Current.CancellationToken);
        return (server, client, directory);
    }

    [Theory]
    [InlineData("keyinit", "\"123\"")]
    [InlineData("resetnetwork", "\"\"")]
    [InlineData("file_inject", """{"b64_path": "L2V0Yy9tb3Rk", "b64_file": "aGk="}""")]
    [InlineData("version", "42")]
    [InlineData("sample.user-plan_2", "{\"a\": [1, 2]}")]
    [InlineData("it's+<a>&b", "\"caf\u00e9 \\\"q\\\" \\\\ /\"")]
    [InlineData("caf\u00e9\u00a0\U0001F600", "{\"k\":[true,null,-15,2.5,{}],\"t\":\"tab\\there\\u0001\\u007f\"}")]
    [InlineData("controls", "\"back\\bfeed\\fcr\\rnl\\n\\u001f\"")]
    public async Task The_request_is_written_as_python_json_dumps_writes_it(string name, string valueJson)
    {
        // Nova's plugin: json.dumps({"name": name, "value": value}); the value arrives as JSON text.
        var python = ExternalTool.Require("python3", "python3");
        var dumped = await ExternalTool.RunAsync(python, ["-c", "import json, sys; print(json.dumps({'name': sys.argv[1], 'value': json.loads(sys.argv[2])}))", name, valueJson]);

        Assert.Equal(0, dumped.ExitCode);
        Assert.Equal(dumped.StandardOutput.TrimEnd('\n'), NovaAgentCall.RequestJson(name, valueJson));
    }

    [Fact]
    public async Task Writes_the_request_under_data_host_and_returns_the_trimmed_response()
    {
        var (server, client, directory) = await StartAsync();
        await using (server)
        await using (client)
        using (directory)
        {
            string? seenPath = null;
            var call = new NovaAgentCall(client, 5) { PollInterval = TimeSpan.FromMilliseconds(10), RequestWritten = (path, _) => seenPath = path };

            // Play the agent: answer the request as soon as it appears.
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bound.CancelAfter(TimeSpan.FromMinutes(1));
            var answering = Task.Run(async () =>
            {
                // Bounded so that a request never written fails the test instead of hanging it.
                IReadOnlyList<string>? ids;
                while ((ids = server.TryList(Home + "/data/host")) is not { Count: > 0 })
                {
                    await Task.Delay(5, bound.Token);
                }

                Assert.Equal("""{"name": "version", "value": "agent"}""", Encoding.UTF8.GetString(server.TryRead($"{Home}/data/host/{ids[0]}")!));
                // Spaces only: a line break would reach Nova escaped, as \n, which strip() leaves (NovaReadingTests).
                server.Write($"{Home}/data/guest/{ids[0]}", "  {\"returncode\":\"0\",\"message\":\"1.0\"}  "u8);
            }, TestContext.Current.CancellationToken);

            var response = await call.SendAsync("version", "\"agent\"", TimeSpan.FromMinutes(1), cancellationToken: TestContext.Current.CancellationToken).WithinSafetyNet();
            await answering.WithinSafetyNet();

            Assert.Equal("""{"returncode":"0","message":"1.0"}""", response);
            Assert.Matches(@"^/local/domain/5/data/host/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", seenPath);
        }
    }

    [Fact]
    public async Task A_timeout_deletes_the_request_and_fails_with_novas_text()
    {
        var (server, client, directory) = await StartAsync();
        await using (server)
        await using (client)
        using (directory)
        {
            // Nova's 0.5 s polls and 30 s wait, on a manual clock moved once the request is written:
            // the timeout then ends whatever poll is under way, whatever the machine's speed.
            var time = new FakeTimeProvider();
            var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var call = new NovaAgentCall(client, 5) { Time = time, RequestWritten = (_, _) => written.TrySetResult() };

            var sending = call.SendAsync("version", "\"agent\"", TimeSpan.FromSeconds(30), "req-1", TestContext.Current.CancellationToken);
            await written.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
            Assert.NotNull(server.TryRead($"{Home}/data/host/req-1"));
            time.Advance(TimeSpan.FromSeconds(30));

            var exception = await Assert.ThrowsAsync<DaemonException>(() => sending.WithinSafetyNet());

            Assert.Equal("TIMEOUT: No response from agent within 30 seconds.", exception.Message);
            Assert.Null(server.TryRead($"{Home}/data/host/req-1"));
        }
    }

    [Fact]
    public async Task A_request_too_large_for_XenStore_says_so_and_that_nothing_was_written()
    {
        var (server, client, directory) = await StartAsync();
        await using (server)
        await using (client)
        using (directory)
        {
            var call = new NovaAgentCall(client, 5);

            // With its path, the WRITE is over the 4096 bytes one XenStore message holds: the client
            // refuses it before sending (E2BIG), as libxenstore does.
            var exception = await Assert.ThrowsAsync<DaemonException>(() =>
                call.SendAsync("version", $"\"{new string('a', 5000)}\"", TimeSpan.FromMinutes(1), "req-big", TestContext.Current.CancellationToken).WithinSafetyNet());

            Assert.Equal(
                "the request is too large for XenStore (5066 bytes with its path /local/domain/5/data/host/req-big; " +
                "one XenStore message holds at most 4096): XenStore refused it (E2BIG) and nothing was written",
                exception.Message);
            Assert.Empty(server.TryList($"{Home}/data/host")!);
        }
    }

    [Fact]
    public async Task A_XenStore_that_never_answers_times_out_and_says_the_request_was_not_withdrawn()
    {
        await using var peer = new MutePeer(answerFirstRead: true);
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath, TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider();
        var call = new NovaAgentCall(client, 5) { Time = time };

        var sending = call.SendAsync("version", "\"agent\"", TimeSpan.FromSeconds(30), "req-4", TestContext.Current.CancellationToken);

        // The domain's name is read and answered; the WRITE is out and unanswered: the timeout covers
        // every operation of the call. Then the removal, bounded too.
        Assert.Equal(MutePeer.Read, await peer.NextRequestAsync());
        Assert.Equal(MutePeer.Write, await peer.NextRequestAsync());
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(MutePeer.Remove, await peer.NextRequestAsync());
        Assert.False(sending.IsCompleted);
        time.Advance(call.WithdrawalTimeout);

        var exception = await Assert.ThrowsAsync<DaemonException>(() => sending.WithinSafetyNet());
        Assert.Equal(
            "TIMEOUT: No response from agent within 30 seconds. The request could not be withdrawn " +
            "(XenStore did not answer its removal within 5 seconds); the agent may still run it.",
            exception.Message);
    }

    [Fact]
    public async Task A_XenStore_mute_from_the_start_times_out_without_sending_or_withdrawing()
    {
        await using var peer = new MutePeer();
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath, TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider();
        var call = new NovaAgentCall(client, 5) { Time = time };

        var sending = call.SendAsync("version", "\"agent\"", TimeSpan.FromSeconds(30), "req-6", TestContext.Current.CancellationToken);

        // The domain check never comes back: no WRITE went out, so no removal is tried or waited for.
        Assert.Equal(MutePeer.Read, await peer.NextRequestAsync());
        time.Advance(TimeSpan.FromSeconds(30));

        var exception = await Assert.ThrowsAsync<DaemonException>(() => sending.WithinSafetyNet());
        Assert.Equal("TIMEOUT: No response from XenStore within 30 seconds; the request was not sent.", exception.Message);
    }

    [Fact]
    public async Task Cancelling_while_the_domain_is_checked_says_nothing_was_sent()
    {
        await using var peer = new MutePeer();
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath, TestContext.Current.CancellationToken);
        var call = new NovaAgentCall(client, 5) { Time = new FakeTimeProvider() };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var sending = call.SendAsync("version", "\"agent\"", TimeSpan.FromSeconds(30), "req-7", cancel.Token);
        Assert.Equal(MutePeer.Read, await peer.NextRequestAsync());
        await cancel.CancelAsync();

        var exception = await Assert.ThrowsAsync<NovaCallInterruptedException>(() => sending.WithinSafetyNet());
        Assert.True(exception.Withdrawn);
        Assert.Equal("interrupted: the request was not sent", exception.Message);
    }

    [Fact]
    public async Task Cancelling_against_a_XenStore_that_never_answers_does_not_claim_a_withdrawal()
    {
        await using var peer = new MutePeer(answerFirstRead: true);
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath, TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider();
        var call = new NovaAgentCall(client, 5) { Time = time };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var sending = call.SendAsync("version", "\"agent\"", TimeSpan.FromSeconds(30), "req-5", cancel.Token);
        Assert.Equal(MutePeer.Read, await peer.NextRequestAsync());
        Assert.Equal(MutePeer.Write, await peer.NextRequestAsync());
        await cancel.CancelAsync();
        Assert.Equal(MutePeer.Remove, await peer.NextRequestAsync());
        time.Advance(call.WithdrawalTimeout);

        var exception = await Assert.ThrowsAsync<NovaCallInterruptedException>(() => sending.WithinSafetyNet());
        Assert.False(exception.Withdrawn);
        Assert.Equal(
            "interrupted: the request could not be withdrawn (XenStore did not answer its removal within 5 seconds); the agent may still run it",
            exception.Message);
    }

    [Fact]
    public async Task A_domain_that_does_not_exist_is_named_and_nothing_is_written()
    {
        var (server, client, directory) = await StartAsync();
        await using (server)
        await using (client)
        using (directory)
        {
            var written = false;
            var call = new NovaAgentCall(client, 9) { PollInterval = TimeSpan.FromMilliseconds(10), RequestWritten = (_, _) => written = true };

            var exception = await Assert.ThrowsAsync<DaemonException>(() => call.SendAsync("version", "\"agent\"", TimeSpan.FromMinutes(1), "req-9", TestContext.Current.CancellationToken).WithinSafetyNet());

            Assert.Equal("domain 9 does not exist (no /local/domain/9/name)", exception.Message);
            Assert.False(written);
            // Not even the parents a WRITE would have created as dom0.
            Assert.Null(server.TryList("/local/domain/9"));
            Assert.Null(server.TryList(Home + "/data/host/req-9"));
        }
    }

    [Fact]
    public async Task A_domain_that_disappears_is_reported_as_a_reboot()
    {
        var (server, client, directory) = await StartAsync();
        await using (server)
        await using (client)
        using (directory)
        {
            // The guest goes away once the request is out.
            var call = new NovaAgentCall(client, 5) { PollInterval = TimeSpan.FromMilliseconds(10), RequestWritten = (_, _) => server.Remove(Home + "/name") };

            var exception = await Assert.ThrowsAsync<DaemonException>(() => call.SendAsync("version", "\"agent\"", TimeSpan.FromMinutes(1), "req-2", TestContext.Current.CancellationToken).WithinSafetyNet());

            Assert.Equal("REBOOT: dom_id 5 no longer present", exception.Message);
            Assert.Null(server.TryRead($"{Home}/data/host/req-2"));
        }
    }

    [Fact]
    public async Task A_destroyed_domain_leaves_nothing_to_withdraw_and_is_a_plain_reboot()
    {
        var (server, client, directory) = await StartAsync();
        await using (server)
        await using (client)
        using (directory)
        {
            // The toolstack removes the whole domain: the request's removal then finds no parent
            // (ENOENT), which leaves nothing an agent could run.
            var call = new NovaAgentCall(client, 5) { PollInterval = TimeSpan.FromMilliseconds(10), RequestWritten = (_, _) => server.Remove(Home) };

            var exception = await Assert.ThrowsAsync<DaemonException>(() => call.SendAsync("version", "\"agent\"", TimeSpan.FromMinutes(1), "req-4", TestContext.Current.CancellationToken).WithinSafetyNet());

            Assert.Equal("REBOOT: dom_id 5 no longer present", exception.Message);
        }
    }

    [Fact]
    public async Task Cancelling_withdraws_the_request()
    {
        var (server, client, directory) = await StartAsync();
        await using (server)
        await using (client)
        using (directory)
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var call = new NovaAgentCall(client, 5) { PollInterval = TimeSpan.FromMilliseconds(10), RequestWritten = (_, _) => cancel.CancelAfter(50) };

            var exception = await Assert.ThrowsAsync<NovaCallInterruptedException>(() => call.SendAsync("version", "\"agent\"", TimeSpan.FromMinutes(1), "req-3", cancel.Token).WithinSafetyNet());

            Assert.True(exception.Withdrawn);
            Assert.Equal("interrupted: the request was withdrawn", exception.Message);
            Assert.Null(server.TryRead($"{Home}/data/host/req-3"));
        }
    }

    [Theory]
    [InlineData("""{"returncode":"0","message":"1.0\\r\\n"}""", "0", "1.0")]
    [InlineData("""{"message":"42","returncode":"D0"}""", "D0", "42")]
    public void Responses_are_read_as_nova_reads_them(string json, string code, string message)
    {
        Assert.Equal((code, message), AgentResponseReader.Read(json));
    }

    [Theory]
    [InlineData("""{"returncode":0,"message":""}""")]
    [InlineData("not json")]
    [InlineData("[]")]
    public void Responses_nova_would_reject_are_errors(string json)
    {
        Assert.Throws<DaemonException>(() => AgentResponseReader.Read(json));
    }
}
