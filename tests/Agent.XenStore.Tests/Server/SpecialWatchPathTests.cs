using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// WATCH and UNWATCH of a path starting with "@": C xenstored 4.17 checks only its length (at most
/// 2048 bytes), not its characters, so any such watch is accepted and simply never fires.
/// </summary>
public sealed class SpecialWatchPathTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Theory]
    [InlineData("@")]
    [InlineData("@foo bar")]
    [InlineData("@x/")]
    [InlineData("@a//b")]
    public async Task Any_special_path_is_watched_and_unwatched(string path)
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.SendAsync(XenStoreMessageType.Watch, 1, path + "\0tok\0");
        var (watched, watchReply) = await raw.ReplyAsync(1);
        Assert.Equal((XenStoreMessageType.Watch, "OK\0"), (watched.Type, watchReply));

        await raw.SendAsync(XenStoreMessageType.Unwatch, 2, path + "\0tok\0");
        var (unwatched, unwatchReply) = await raw.ReplyAsync(2);
        Assert.Equal((XenStoreMessageType.Unwatch, "OK\0"), (unwatched.Type, unwatchReply));
    }

    [Fact]
    public async Task A_special_path_over_2048_bytes_is_EINVAL()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.SendAsync(XenStoreMessageType.Watch, 1, "@" + new string('a', 2048) + "\0tok\0");
        var (header, reply) = await raw.ReplyAsync(1);
        Assert.Equal((XenStoreMessageType.Error, "EINVAL\0"), (header.Type, reply));
    }
}
