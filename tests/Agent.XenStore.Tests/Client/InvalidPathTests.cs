using System.Text;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>
/// A path every server refuses (xenstore-protocol.md §5: empty, a trailing or doubled <c>/</c>, a
/// character outside <c>A-Z a-z 0-9 - / _ @</c>, a special path where a node is meant) is refused by
/// the client before anything is sent, with the rule it broke, instead of the server's bare EINVAL;
/// the server's answer to each, sent as is, is checked to be EINVAL. Relative paths, special paths
/// for watches and permissions, and every length stay the server's to judge.
/// </summary>
public sealed class InvalidPathTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    public static TheoryData<string, string> InvalidPaths() => new()
    {
        { "", "it is empty" },
        { "/a/", "it ends with '/'" },
        { "a/", "it ends with '/'" },
        { "/a//b", "it holds '//'" },
        { "a//b", "it holds '//'" },
        { "/a b", "it holds U+0020 at index 2" },
        { "/a.b", "it holds U+002E at index 2" },
        { "/a:b", "it holds U+003A at index 2" },
        { "data/caf\u00e9", "it holds U+00E9 at index 8" },
        { "@introduceDomain", "a special path ('@...') names no node" },
    };

    [Theory]
    [MemberData(nameof(InvalidPaths))]
    public async Task The_server_answers_EINVAL_to_the_path(string path, string reason)
    {
        _ = reason;
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        var encoded = Encoding.UTF8.GetBytes(path);

        await raw.SendAsync(XenStoreMessageType.Read, 1, 0, [.. encoded, 0]);
        await raw.SendAsync(XenStoreMessageType.Write, 2, 0, [.. encoded, 0, (byte)'v']);

        Assert.Equal((XenStoreMessageType.Error, "EINVAL\0"), Simplified(await raw.ReplyAsync(1)));
        Assert.Equal((XenStoreMessageType.Error, "EINVAL\0"), Simplified(await raw.ReplyAsync(2)));
    }

    [Theory]
    [MemberData(nameof(InvalidPaths))]
    public async Task The_client_refuses_the_path_with_the_rule_it_broke_and_sends_nothing(string path, string reason)
    {
        await using var client = await _store.Dom0Async();
        var before = _store.Server.TryList("/");

        Assert.Contains(reason, (await Assert.ThrowsAsync<ArgumentException>(() => client.WriteAsync(path, "v"))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => client.ReadAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.TryReadAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.MkdirAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.RemoveAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.DirectoryAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetPermissionsAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.TransactAsync((transaction, token) => transaction.WriteAsync(path, "v", token)));

        Assert.Equal(before, _store.Server.TryList("/"));
        Assert.True(client.IsConnected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/a/")]
    [InlineData("/a b")]
    public async Task A_watch_and_permissions_refuse_an_invalid_ordinary_path_too(string path)
    {
        await using var client = await _store.Dom0Async();

        await Assert.ThrowsAsync<ArgumentException>(() => client.WatchAsync(path, "t"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SetPermissionsAsync(path, [XenStorePermission.Parse("n0")]));

        // The refused watch left no registration behind: its token can be used.
        await using var watch = await client.WatchAsync("/ok", "t");
        Assert.Equal(new XenStoreWatchEvent("/ok", "t"), await watch.Events.ReadAsync());
    }

    [Fact]
    public async Task Pyxs_an_independent_client_refuses_the_same_ordinary_paths_before_sending()
    {
        // pyxs's check_path: ^[a-zA-Z0-9-/_@]+$, no trailing '/', no '//' (a special path it sends
        // for a read, and the server refuses; for a watch it takes only the two it knows).
        var output = await Pyxs.RunAsync(_store.Dom0Socket, """
            import sys, pyxs
            from pyxs.exceptions import InvalidPath
            c = pyxs.Client(unix_socket_path=sys.argv[1])
            c.connect()
            for p in [b"", b"/a/", b"a/", b"/a//b", b"a//b", b"/a b", b"/a.b", b"/a:b", "data/caf\u00e9".encode()]:
                try:
                    c.write(p, b"v")
                    print("sent")
                except InvalidPath:
                    print("refused")
            c.close()
            """);

        Assert.Equal(string.Concat(Enumerable.Repeat("refused\n", 9)), output);
    }

    [Fact]
    public async Task Valid_paths_stay_valid_relative_root_and_special_ones_included()
    {
        await using var guest = await _store.GuestAsync();
        await using var dom0 = await _store.Dom0Async();

        await guest.WriteAsync("data/guest/Ab-1_@x", "v");
        Assert.Equal("v"u8.ToArray(), _store.Server.TryRead(EmbeddedXenStore.GuestHome + "/data/guest/Ab-1_@x"));
        Assert.Contains("local", await dom0.DirectoryAsync("/"));
        await using var introduced = await dom0.WatchAsync(XenStorePath.IntroduceDomain, "i");
        Assert.Equal(new XenStoreWatchEvent(XenStorePath.IntroduceDomain, "i"), await introduced.Events.ReadAsync());
        await dom0.SetPermissionsAsync(XenStorePath.ReleaseDomain, [XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7")]);
    }

    [Fact]
    public async Task A_path_too_long_is_left_to_the_server_whose_limit_the_client_cannot_know()
    {
        await using var client = await _store.Dom0Async();
        var home = EmbeddedXenStore.GuestHome + "/";

        await client.WriteAsync(home + new string('a', XenStoreLimits.RelativePathMax), "v");
        var refused = await Assert.ThrowsAsync<XenStoreErrorException>(() => client.WriteAsync(home + new string('a', XenStoreLimits.RelativePathMax + 1), "v"));

        Assert.Equal("EINVAL", refused.ErrorName);
    }

    private static (XenStoreMessageType, string) Simplified((XenStoreHeader Header, string Payload) reply) => (reply.Header.Type, reply.Payload);
}
