using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;
using static GuestAgent.XenStore.Tests.Server.DomainRequestTests;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// Who hears <c>@introduceDomain</c> and <c>@releaseDomain</c>, as C xenstored 4.17 decides it:
/// any connection may watch them (WATCH is not privileged) and gets the initial event
/// (<c>do_watch</c> sends it unchecked), but later events only where the special path's entries
/// let it read (<c>fire_watches</c>' <c>check_perms_special</c>: dom0 and the path's owner always);
/// and they match only a watch on the path itself, never one on <c>/</c> (4.17 fires them
/// <c>exact</c>, "don't let special watches be children of /").
/// </summary>
public sealed class SpecialPathEventTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task A_guest_hears_a_special_path_only_once_its_entries_let_it_read()
    {
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        using var guest = await RawConnection.ConnectAsync(_store.GuestSocket);
        await guest.WatchAsync(1, XenStorePath.IntroduceDomain, "i");
        await guest.WatchAsync(2, XenStorePath.ReleaseDomain, "r");

        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Introduce, "9\0" + "0\0" + "5\0"));
        Assert.Empty(await guest.EventsUntilReplyAsync(3, XenStoreMessageType.GetDomainPath, "9\0"));

        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.SetPermissions, XenStorePath.IntroduceDomain + "\0n0\0r7\0"));
        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.SetPermissions, XenStorePath.ReleaseDomain + "\0n7\0"));
        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Introduce, "10\0" + "0\0" + "5\0"));
        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Release, "9\0"));

        Assert.Equal(
            ["@introduceDomain\0i\0", "@releaseDomain\0r\0"],
            await guest.EventsUntilReplyAsync(4, XenStoreMessageType.GetDomainPath, "9\0"));
    }

    [Fact]
    public async Task A_watch_on_the_root_does_not_hear_special_paths()
    {
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        using var watcher = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await watcher.WatchAsync(1, "/", "root");

        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Introduce, "9\0" + "0\0" + "5\0"));

        Assert.Empty(await watcher.EventsUntilReplyAsync(2, XenStoreMessageType.GetDomainPath, "9\0"));
    }
}
