using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>
/// A NUL byte ends a string on the wire, so a path or token holding one would name something else
/// to the server: WRITE "/a\0b" with value "v" is WRITE of "/a" with the value "b\0v", and SET_PERMS of
/// "/a\0r5" gives "/a" the entry r5. The client refuses such an argument before anything is sent, as
/// pyxs refuses a path outside its character set; C callers cannot even express one.
/// </summary>
public sealed class NulInArgumentTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task A_write_to_a_path_holding_a_NUL_is_refused_and_the_shorter_path_keeps_its_value()
    {
        await using var client = await _store.Dom0Async();
        await client.WriteAsync("/a", "kept");

        await Assert.ThrowsAsync<ArgumentException>(() => client.WriteAsync("/a\0b", "v"));

        Assert.Equal("kept"u8.ToArray(), _store.Server.TryRead("/a"));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Permissions_for_a_path_holding_a_NUL_are_refused_and_the_shorter_path_keeps_its_own()
    {
        await using var client = await _store.Dom0Async();
        await client.WriteAsync("/a", "kept");

        await Assert.ThrowsAsync<ArgumentException>(() => client.SetPermissionsAsync("/a\0r7", [XenStorePermission.Parse("n0")]));

        Assert.Equal([XenStorePermission.Parse("n0")], _store.Server.TryGetPermissions("/a"));
    }

    [Fact]
    public async Task Every_other_request_refuses_a_NUL_in_its_strings_before_sending()
    {
        await using var client = await _store.Dom0Async();
        await client.WriteAsync("/a/b", "kept");

        await Assert.ThrowsAsync<ArgumentException>(() => client.RemoveAsync("/a\0"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ReadAsync("/a\0b"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.MkdirAsync("/a\0c"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.DirectoryAsync("/a\0"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetPermissionsAsync("/a\0"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.WatchAsync("/a", "to\0ken"));

        Assert.Equal("kept"u8.ToArray(), _store.Server.TryRead("/a/b"));
        // The refused watch left no registration behind: the token can be used.
        await using var watch = await client.WatchAsync("/a", "to");
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_value_may_still_hold_NULs()
    {
        await using var client = await _store.Dom0Async();

        await client.WriteAsync("/v", "x\0y\0"u8.ToArray());

        Assert.Equal("x\0y\0"u8.ToArray(), _store.Server.TryRead("/v"));
    }
}
