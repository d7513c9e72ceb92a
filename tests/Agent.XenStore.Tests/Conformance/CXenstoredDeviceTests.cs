using System.Text;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Conformance;

/// <summary>
/// Our client as a program in guest 7 of the real C xenstored 4.17, each connection one open() of the
/// guest's <c>/dev/xen/xenbus</c>, multiplexed over the one ring as Linux's xenbus driver does
/// (<see cref="CXenstored.StartWithDeviceAsync"/>, scripts/c-xenstored/ringproxy.py): what the agent
/// meets when its <c>resetnetwork</c>, its CLI verbs or the guest's <c>xenstore-*</c> tools open the
/// device beside its exchange's connection.
/// </summary>
public sealed class CXenstoredDeviceTests(CXenstoredDeviceTests.Daemon daemon) : IClassFixture<CXenstoredDeviceTests.Daemon>
{
    private const string Data = "/local/domain/7/data";

    /// <summary>
    /// Two opens, one token, two paths: the driver registers each watch under a ring token of its own
    /// and gives each open only its watch's events, with the caller's token (and no ids: ours ignores
    /// them). A write to the other's path between two of one's own would show up first if they crossed.
    /// </summary>
    [Fact]
    public async Task Watches_of_two_opens_with_one_token_get_only_their_own_events()
    {
        daemon.C.Require();
        daemon.C.AssertAlive();
        var cancellation = TestContext.Current.CancellationToken;
        await using var first = await XenStoreClient.ConnectAsync(daemon.C.GuestSocket, cancellation);
        await using var second = await XenStoreClient.ConnectAsync(daemon.C.GuestSocket, cancellation);
        await using var watchA = await first.WatchAsync($"{Data}/a", "t", cancellation);
        await using var watchB = await second.WatchAsync($"{Data}/b", "t", cancellation);

        await first.WriteAsync($"{Data}/a", "1", cancellation);
        await second.WriteAsync($"{Data}/b", "1", cancellation);
        await first.WriteAsync($"{Data}/a", "2", cancellation);
        await second.WriteAsync($"{Data}/b", "2", cancellation);

        Assert.Equal([$"{Data}/a", $"{Data}/a", $"{Data}/a"], await TakeAsync(watchA, 3));
        Assert.Equal([$"{Data}/b", $"{Data}/b", $"{Data}/b"], await TakeAsync(watchB, 3));
    }

    /// <summary>
    /// A transaction belongs to the open that started it: another open's request under its id is
    /// answered ENOENT by the driver, and when the starting open is closed the driver aborts it, so its
    /// write never lands (and C's transaction quota gets the slot back).
    /// </summary>
    [Fact]
    public async Task A_transaction_is_its_opens_own_and_aborted_when_that_open_closes()
    {
        daemon.C.Require();
        daemon.C.AssertAlive();
        var cancellation = TestContext.Current.CancellationToken;
        await using var reader = await XenStoreClient.ConnectAsync(daemon.C.GuestSocket, cancellation);
        uint id;
        using (var starter = await RawConnection.ConnectAsync(daemon.C.GuestSocket))
        {
            await starter.SendAsync(XenStoreMessageType.TransactionStart, 1, "\0");
            var (header, payload) = await starter.ReplyAsync(1);
            Assert.Equal(XenStoreMessageType.TransactionStart, header.Type);
            id = uint.Parse(payload.TrimEnd('\0'), System.Globalization.CultureInfo.InvariantCulture);
            await starter.SendAsync(XenStoreMessageType.Write, 2, id, Encoding.Latin1.GetBytes($"{Data}/in-transaction\0v"));
            Assert.Equal(XenStoreMessageType.Write, (await starter.ReplyAsync(2)).Header.Type);

            using var other = await RawConnection.ConnectAsync(daemon.C.GuestSocket);
            await other.SendAsync(XenStoreMessageType.Read, 7, id, Encoding.Latin1.GetBytes($"{Data}/in-transaction\0"));
            var refused = await other.ReplyAsync(7);
            Assert.Equal((XenStoreMessageType.Error, "ENOENT\0", id), (refused.Header.Type, refused.Payload, refused.Header.TransactionId));
        }

        await WaitForTraceAsync("TRANSACTION_END (F )", cancellation);
        Assert.Null(await reader.TryReadAsync($"{Data}/in-transaction", cancellation));
    }

    private async Task WaitForTraceAsync(string text, CancellationToken cancellation)
    {
        var deadline = GuestAgent.Testing.Deadline.After(TimeSpan.FromMinutes(1));
        while (!(await File.ReadAllTextAsync(daemon.C.TracePath, cancellation)).Contains(text, StringComparison.Ordinal))
        {
            Assert.False(deadline.HasPassed, $"C's trace never showed {text}");
            await Task.Delay(20, cancellation);
        }
    }

    private static async Task<List<string>> TakeAsync(XenStoreWatch watch, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var paths = new List<string>();
        await foreach (var fired in watch.ReadAllAsync(timeout.Token))
        {
            paths.Add(fired.Path);
            if (paths.Count == count)
            {
                break;
            }
        }

        return paths;
    }

    /// <summary>C xenstored with the proxy in device mode, started once for the class; killed at the end.</summary>
    public sealed class Daemon : IAsyncLifetime
    {
        internal CXenstored C { get; private set; } = null!;

        public async ValueTask InitializeAsync() => C = await CXenstored.StartWithDeviceAsync();

        public async ValueTask DisposeAsync()
        {
            if (C is not null)
            {
                await C.DisposeAsync();
            }
        }
    }
}
