using System.Text;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// Thousands of well-framed but randomly assembled requests (every type, plausible and implausible
/// arguments, random transaction ids): each gets exactly one reply with its id echoed, none hits an
/// internal error, and the server keeps serving. Seeds are fixed, so a failure reproduces.
/// </summary>
public sealed class StructuredFuzzTests
{
    private static readonly string[] Pieces =
    [
        "/", "/a", "/a/b", "data/host", "data/guest/x", "domid", "/local/domain/7", "@introduceDomain", "@releaseDomain",
        "", "T", "F", "0", "1", "7", "4294967295", "-1", "n0", "r7", "b3", "x9", "//", "/bad/", "a b", "\u00ff", "tok",
    ];

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public async Task Every_request_is_answered_once_and_the_server_survives(int seed, bool asGuest)
    {
        await using var store = new EmbeddedXenStore();
        var random = new Random(seed);
        using var raw = await RawConnection.ConnectAsync(asGuest ? store.GuestSocket : store.Dom0Socket);
        const int Count = 1500;

        for (uint id = 1; id <= Count; id++)
        {
            var type = (XenStoreMessageType)random.Next(0, 28);
            var transaction = random.Next(4) == 0 ? (uint)random.Next(0, 4) : 0u;
            await raw.SendAsync(type, id, transaction, Payload(random));
        }

        var answered = new HashSet<uint>();
        while (answered.Count < Count)
        {
            var message = await raw.ReceiveAsync(TimeSpan.FromMinutes(1)) ?? throw new InvalidOperationException("the server closed the connection");
            if (message.Header.Type == XenStoreMessageType.WatchEvent)
            {
                continue;
            }

            Assert.True(answered.Add(message.Header.RequestId), $"request {message.Header.RequestId} answered twice");

            // EIO is what the server answers when a handler throws: a bug, never a valid answer here.
            Assert.False(message.Header.Type == XenStoreMessageType.Error && message.Payload.AsSpan().SequenceEqual("EIO\0"u8), $"request {message.Header.RequestId} hit an internal error");
        }

        Assert.Equal(Enumerable.Range(1, Count).Select(i => (uint)i), answered.Order());
        await using var client = await store.Dom0Async();
        await client.WriteAsync("/still/alive", "yes");
        Assert.Equal("yes", await client.ReadStringAsync("/still/alive"));
    }

    private static byte[] Payload(Random random)
    {
        var text = new StringBuilder();
        var parts = random.Next(0, 5);
        for (var i = 0; i < parts; i++)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
            if (random.Next(5) != 0)
            {
                text.Append('\0');
            }
        }

        return Encoding.Latin1.GetBytes(text.ToString());
    }
}
