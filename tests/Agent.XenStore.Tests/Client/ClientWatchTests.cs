using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>Watch registration on the client side: tokens, refusals and what disposing a watch ends.</summary>
public sealed class ClientWatchTests : IAsyncLifetime
{
    /// <summary>A safety net only: it turns an event that never comes into a failure instead of a hang.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(1);

    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task A_token_that_is_not_ascii_gets_its_events()
    {
        await using var client = await _store.Dom0Async();

        // The token goes out as UTF-8 and comes back in every event as the same bytes.
        await using var watch = await client.WatchAsync("/w", "jeton-ß-€");

        Assert.Equal(new XenStoreWatchEvent("/w", "jeton-ß-€"), await watch.Events.ReadAsync().AsTask().WaitAsync(Hang));
    }

    [Fact]
    public async Task Tokens_the_client_chooses_differ_so_every_watch_gets_its_own_events()
    {
        await using var client = await _store.Dom0Async();

        await using var first = await client.WatchAsync("/one");
        await using var second = await client.WatchAsync("/two");

        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal("/one", (await first.Events.ReadAsync()).Path);
        Assert.Equal("/two", (await second.Events.ReadAsync()).Path);
    }

    [Fact]
    public async Task A_token_already_watched_on_the_client_is_refused_and_the_first_watch_keeps_its_events()
    {
        await using var client = await _store.Dom0Async();
        await using var first = await client.WatchAsync("/a", "same");
        Assert.Equal("/a", (await first.Events.ReadAsync()).Path);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.WatchAsync("/b", "same"));

        _store.Server.Write("/a/x", "1"u8);
        Assert.Equal(new XenStoreWatchEvent("/a/x", "same"), await first.Events.ReadAsync().AsTask().WaitAsync(Hang));
    }

    [Fact]
    public async Task A_watch_the_server_refuses_leaves_its_token_free()
    {
        await using var client = await _store.Dom0Async();

        var refused = await Assert.ThrowsAsync<XenStoreErrorException>(() => client.WatchAsync("/" + new string('a', 2049), "t"));
        Assert.Equal("EINVAL", refused.ErrorName);

        await using var watch = await client.WatchAsync("/ok", "t");
        Assert.Equal(new XenStoreWatchEvent("/ok", "t"), await watch.Events.ReadAsync());
    }

    [Fact]
    public async Task Disposing_a_watch_ends_its_events_and_unregisters_it_on_the_server()
    {
        await using var client = await _store.Dom0Async();
        var watch = await client.WatchAsync("/d", "tok");
        Assert.Equal("/d", (await watch.Events.ReadAsync()).Path);

        await watch.DisposeAsync();

        Assert.True(watch.Events.Completion.IsCompleted);
        await foreach (var late in watch.ReadAllAsync())
        {
            Assert.Fail($"an event after the watch was disposed: {late}");
        }

        // The server answers EEXIST to a watch it still has (same path and token on one connection).
        await using var again = await client.WatchAsync("/d", "tok");
        Assert.Equal(new XenStoreWatchEvent("/d", "tok"), await again.Events.ReadAsync());
    }
    [Fact]
    public async Task Disposing_a_watch_does_not_wait_for_an_unwatch_reply_that_never_comes()
    {
        // A peer that registers the watch and from then on answers nothing, like a wedged xenstored.
        await using var peer = new ScriptedPeer((header, payload) =>
        {
            if (header.Type != XenStoreMessageType.Watch)
            {
                return [];
            }

            return ScriptedPeer.AcceptWatch(header, payload);
        });
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);
        var watch = await client.WatchAsync("/d", "tok");
        Assert.Equal("/d", (await watch.Events.ReadAsync().AsTask().WaitAsync(Hang)).Path);

        // The safety net turns a hang into a failure: disposing must simply complete.
        await watch.DisposeAsync().AsTask().WaitAsync(Hang);

        Assert.True(watch.Events.Completion.IsCompleted);
        Assert.True(client.IsConnected);
    }
}
