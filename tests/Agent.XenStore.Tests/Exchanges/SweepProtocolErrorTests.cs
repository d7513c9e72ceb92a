using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// A sweep whose listing XenStore answers outside the protocol (a malformed DIRECTORY_PART) while
/// the connection stays usable: the pump never hears of it, so the sweep says so itself, as a
/// warning the first time and at debug level while it repeats, instead of failing unseen.
/// </summary>
public sealed class SweepProtocolErrorTests
{
    [Fact]
    public async Task A_listing_broken_by_a_malformed_reply_is_warned_about_once_then_logged_at_debug()
    {
        // E2BIG for DIRECTORY, as for a long list; a DIRECTORY_PART reply without a generation.
        await using var peer = new ScriptedPeer((header, _) => header.Type == XenStoreMessageType.DirectoryPart
            ? XenStoreMessage.Encode(XenStoreMessageType.DirectoryPart, header.RequestId, 0, "\0"u8)
            : XenStoreMessage.Encode(XenStoreMessageType.Error, header.RequestId, 0, "E2BIG\0"u8));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);
        var time = new FakeTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        var sweeper = new ResponseSweeper("data/host", "data/guest", TimeSpan.FromMinutes(2), time, logger: log);

        sweeper.SweepIfDue(client, CancellationToken.None);
        await sweeper.StopAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        sweeper.SweepIfDue(client, CancellationToken.None);
        await sweeper.StopAsync();

        Assert.Equal(0, sweeper.Sweeps);
        Assert.Equal(
            "XenStore exchange could not look through data/guest for old responses: XenStore's reply broke the protocol (XenStore returned a malformed DIRECTORY_PART reply for 'data/guest'.); old responses stay until a sweep succeeds (repeats are logged at debug level)",
            Assert.Single(log.At(LogLevel.Warning)));
        Assert.Contains(log.At(LogLevel.Debug), line => line.StartsWith("XenStore exchange could not look through data/guest for old responses again", StringComparison.Ordinal) && line.EndsWith("failure 2)", StringComparison.Ordinal));
        // The connection was fine all along: the client still answers.
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Room_made_before_a_reply_broke_the_protocol_is_counted_so_the_refused_answer_is_written_again()
    {
        // Two old responses; the first is removed, then XenStore answers the second removal's
        // TRANSACTION_START with an invalid id (a protocol error on a connection that still works).
        // One response's room was made: counted as 0, the exchange answered with the short error
        // although the answer might now fit; counted as 1, it writes the answer again.
        var transactions = 0;
        var removedPaths = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var peer = new ScriptedPeer((header, payload) =>
        {
            var path = XenStorePayload.Split(payload).FirstOrDefault() ?? "";
            switch (header.Type)
            {
                case XenStoreMessageType.Directory:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, "old-1\0old-2\0"u8);
                case XenStoreMessageType.TransactionStart:
                    return Interlocked.Increment(ref transactions) == 1
                        ? XenStoreMessage.Encode(header.Type, header.RequestId, 0, "9\0"u8)
                        : XenStoreMessage.Encode(header.Type, header.RequestId, 0, "not-an-id\0"u8);
                case XenStoreMessageType.Read:
                    return XenStoreMessage.Encode(XenStoreMessageType.Error, header.RequestId, header.TransactionId, "ENOENT\0"u8);
                case XenStoreMessageType.Remove:
                    removedPaths.Enqueue(path);
                    return XenStoreMessage.Encode(header.Type, header.RequestId, header.TransactionId, "OK\0"u8);
                default:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, header.TransactionId, "OK\0"u8);
            }
        });
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);
        var time = new FakeTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        var sweeper = new ResponseSweeper("data/host", "data/guest", TimeSpan.Zero, time, logger: log);
        // The first listing starts the responses' ages; only older than the host's longest wait are removed.
        Assert.Equal(0, await sweeper.MakeRoomAsync(client, TestContext.Current.CancellationToken));
        time.Advance(ResponseSweeper.HostLongestWait);

        var removed = await sweeper.MakeRoomAsync(client, TestContext.Current.CancellationToken);

        Assert.Equal("data/guest/old-1", Assert.Single(removedPaths));
        Assert.Equal(1, removed);
        Assert.Equal(1, sweeper.Removed);
        Assert.Contains("invalid transaction id 'not-an-id'", Assert.Single(log.At(LogLevel.Warning)), StringComparison.Ordinal);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task An_answer_refused_for_quota_is_replaced_when_the_listing_to_make_room_breaks_the_protocol()
    {
        // The store refuses the answer (ENOSPC), and listing data/guest to make room gets a malformed
        // DIRECTORY_PART on a connection that stays usable. No room can be made: the short error
        // answer must take the answer's place, as when nothing is old enough to remove, rather than
        // the delivery being retried on the same connection for ever.
        var request = """{"name":"version","value":"agent"}"""u8.ToArray();
        var written = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var peer = new ScriptedPeer((header, payload) =>
        {
            var path = XenStorePayload.Split(payload).FirstOrDefault() ?? "";
            switch (header.Type)
            {
                case XenStoreMessageType.Watch:
                    return ScriptedPeer.AcceptWatch(header, payload);
                case XenStoreMessageType.Directory:
                    return path.EndsWith("/data/guest", StringComparison.Ordinal)
                        ? XenStoreMessage.Encode(XenStoreMessageType.Error, header.RequestId, 0, "E2BIG\0"u8)
                        : XenStoreMessage.Encode(header.Type, header.RequestId, 0, []);
                case XenStoreMessageType.DirectoryPart:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, "\0"u8);
                case XenStoreMessageType.Write:
                    // The long answer is over the quota; the short error answer fits.
                    if (payload.Length > 300)
                    {
                        return XenStoreMessage.Encode(XenStoreMessageType.Error, header.RequestId, 0, "ENOSPC\0"u8);
                    }

                    written.Enqueue(System.Text.Encoding.UTF8.GetString(payload.AsSpan(payload.AsSpan().IndexOf((byte)0) + 1)));
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, "OK\0"u8);
                case XenStoreMessageType.Read:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, request);
                case XenStoreMessageType.TransactionStart:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, "9\0"u8);
                default:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, "OK\0"u8);
            }
        });
        using var state = new TemporaryDirectory("gaxs-badpart-");
        var exchange = new XenStoreExchange(new XenStoreExchangeOptions
        {
            Endpoint = peer.SocketPath,
            DomainPath = "/local/domain/7",
            StateDirectory = state.Path,
            BootId = "test-boot",
            ReconnectDelay = TimeSpan.FromMilliseconds(20),
        });
        var answer = new AgentResponse("0", new string('x', 400));
        await using (exchange)
        {
            await exchange.StartAsync(TestContext.Current.CancellationToken);

            // A guard against hanging the test run, not a measure: the delivery must simply end.
            await exchange.PutResponseAsync(new AgentRequest("r1", request, exchange.Session), answer, TestContext.Current.CancellationToken).AsTask()
                .WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        }

        Assert.Equal(
            new AgentResponse(ReturnCodes.Error, ProtocolMessages.ResponseRefused(answer.ToUtf8Json().Length, "ENOSPC")).ToUtf8Json(),
            System.Text.Encoding.UTF8.GetBytes(Assert.Single(written)));
    }
}
