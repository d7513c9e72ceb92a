using System.Net.Sockets;
using GuestAgent.Testing;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Transports;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>
/// A daemon whose listen queue is full: a non-blocking <c>connect()</c> to a unix socket then fails
/// with EAGAIN, where libxenstore's blocking one waits. The transport waits too (trying again),
/// for as long as its token allows. A real listening socket whose queue is filled by a real client.
/// </summary>
public sealed class FullListenQueueTests
{
    [Fact]
    public async Task Connecting_waits_for_room_in_the_queue_and_then_connects()
    {
        using var server = new FullQueueSocket();
        var clock = new RecordingTimeProvider();

        var connecting = UnixSocketTransport.ConnectAsync(server.Path, clock, TestContext.Current.CancellationToken);
        // The first pause before trying again: the connect met the full queue and was not refused.
        Assert.Equal(UnixSocketTransport.FirstRetryPause, await clock.NextTimerAsync(UnixSocketTransport.LongestRetryPause));
        Assert.False(connecting.IsCompleted);

        server.AcceptWaiting();
        clock.Advance(UnixSocketTransport.FirstRetryPause);
        await using var transport = await connecting.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        // Connected for real: what the transport writes, the daemon reads.
        using var accepted = await server.Listener.AcceptAsync(TestContext.Current.CancellationToken);
        await transport.WriteAsync("ping"u8.ToArray(), TestContext.Current.CancellationToken);
        var buffer = new byte[4];
        await accepted.ReceiveAsync(buffer, SocketFlags.None, TestContext.Current.CancellationToken);
        Assert.Equal("ping"u8.ToArray(), buffer);
    }

    [Fact]
    public async Task The_pause_between_tries_grows_to_its_cap()
    {
        using var server = new FullQueueSocket();
        var clock = new RecordingTimeProvider();
        using var stop = new CancellationTokenSource();

        var connecting = UnixSocketTransport.ConnectAsync(server.Path, clock, stop.Token);
        var pauses = new List<TimeSpan>();
        while (pauses.Count == 0 || pauses[^1] < UnixSocketTransport.LongestRetryPause)
        {
            pauses.Add(await clock.NextTimerAsync(UnixSocketTransport.LongestRetryPause));
            clock.Advance(pauses[^1]);
        }

        Assert.Equal(UnixSocketTransport.FirstRetryPause, pauses[0]);
        Assert.All(pauses.Zip(pauses.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} after {pair.First}"));
        Assert.Equal(UnixSocketTransport.LongestRetryPause, await clock.NextTimerAsync(UnixSocketTransport.LongestRetryPause));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting);
    }

    /// <summary>A listening socket with a queue of one, taken by a client nobody accepts.</summary>
    private sealed class FullQueueSocket : IDisposable
    {
        private readonly TemporaryDirectory _directory = new("gafq-");
        private readonly Socket _waiting = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

        public FullQueueSocket()
        {
            Path = _directory.Combine("xs.sock");
            Listener.Bind(new UnixDomainSocketEndPoint(Path));
            Listener.Listen(0);
            _waiting.Blocking = false;
            _waiting.Connect(new UnixDomainSocketEndPoint(Path));

            // The queue really is full: one more non-blocking connect fails with EAGAIN.
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
            var refused = Assert.Throws<SocketException>(() => probe.Connect(new UnixDomainSocketEndPoint(Path)));
            Assert.Equal(SocketError.WouldBlock, refused.SocketErrorCode);
        }

        public string Path { get; }

        public Socket Listener { get; } = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

        /// <summary>Accepts (and closes) the client that fills the queue, making room for one.</summary>
        public void AcceptWaiting() => Listener.Accept().Dispose();

        public void Dispose()
        {
            _waiting.Dispose();
            Listener.Dispose();
            _directory.Dispose();
        }
    }
}
