using GuestAgent.Exchanges;
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
}
