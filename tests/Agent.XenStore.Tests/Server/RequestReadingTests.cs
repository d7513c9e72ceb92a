using GuestAgent.Testing;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;
using static GuestAgent.XenStore.Tests.Server.DomainRequestTests;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// Details of how C xenstored 4.17 reads and refuses requests that no well-behaved client sends,
/// answered the same here: bytes after a multi-string request's last NUL (<c>get_strings</c> and
/// <c>xs_count_strings</c> count NULs), UNWATCH's unchecked path (<c>do_unwatch</c> only
/// canonicalizes), SET_PERMS of a special path (<c>set_perms_special</c>), GET_PERMS of one (EINVAL,
/// as 4.17's <c>get_node</c> answers; 4.18 answers its entries), and CONTROL from a guest
/// (<c>XS_FLAG_PRIV</c>).
/// </summary>
public sealed class RequestReadingTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Bytes_after_the_last_NUL_of_a_multi_string_request_are_ignored()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        _store.Server.Write("/n/child", "v"u8);

        Assert.Equal("OK", await AskAsync(raw, XenStoreMessageType.SetPermissions, "/n\0r0\0b7"));
        Assert.Equal([XenStorePermission.Parse("r0")], _store.Server.TryGetPermissions("/n"));
        Assert.Equal("OK", await AskAsync(raw, XenStoreMessageType.Watch, "/n\0tok\0junk"));
        Assert.Equal("ERROR EEXIST", await AskAsync(raw, XenStoreMessageType.Watch, "/n\0tok\0"));
        Assert.Equal("OK", await AskAsync(raw, XenStoreMessageType.Unwatch, "/n\0tok\0junk"));
        var part = await AskAsync(raw, XenStoreMessageType.DirectoryPart, "/n\0" + "0\0junk");
        Assert.EndsWith("\0child", part, StringComparison.Ordinal);
        // Without a NUL after it, the last string is not one: too few strings.
        Assert.Equal("ERROR EINVAL", await AskAsync(raw, XenStoreMessageType.Watch, "/n\0tok"));
        Assert.Equal("ERROR EINVAL", await AskAsync(raw, XenStoreMessageType.SetPermissions, "/n\0r0"));
        // A third string is one too many for WATCH and UNWATCH (get_strings must count exactly two).
        Assert.Equal("ERROR EINVAL", await AskAsync(raw, XenStoreMessageType.Watch, "/n\0tok2\0x\0"));
        Assert.Equal("ERROR EINVAL", await AskAsync(raw, XenStoreMessageType.Unwatch, "/n\0tok\0x\0"));
    }

    [Theory]
    [InlineData("/a//b")]
    [InlineData("/trailing/")]
    [InlineData("")]
    [InlineData("relative/")]
    public async Task Unwatching_a_path_no_watch_can_have_is_ENOENT_not_EINVAL(string path)
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);

        Assert.Equal("ERROR ENOENT", await AskAsync(raw, XenStoreMessageType.Unwatch, path + "\0tok\0"));
        Assert.Equal("ERROR EINVAL", await AskAsync(raw, XenStoreMessageType.Watch, path + "\0tok\0"));
    }

    [Theory]
    [InlineData("@foo")]
    [InlineData("@releaseDomainX")]
    [InlineData("@")]
    public async Task Permissions_of_a_special_path_that_does_not_exist_are_EINVAL(string path)
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);

        Assert.Equal("ERROR EINVAL", await AskAsync(raw, XenStoreMessageType.SetPermissions, path + "\0n0\0"));
    }

    // 4.17 keeps a special path's entries outside the store (get_perms_special): GET_PERMS reads only
    // nodes, and get_node refuses a name not starting with "/" (is_valid_nodename) before any lookup
    // or permission check, so it is EINVAL for everyone, after a SET_PERMS too. 4.18 made the two
    // special paths nodes and answers their entries; this server follows 4.17, as everywhere else.
    [Theory]
    [InlineData(XenStorePath.IntroduceDomain)]
    [InlineData(XenStorePath.ReleaseDomain)]
    public async Task Reading_a_special_paths_permissions_is_EINVAL_as_in_4_17(string path)
    {
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        using var guest = await RawConnection.ConnectAsync(_store.GuestSocket);

        Assert.Equal("ERROR EINVAL", await AskAsync(dom0, XenStoreMessageType.GetPermissions, path + "\0"));
        Assert.Equal("ERROR EINVAL", await AskAsync(guest, XenStoreMessageType.GetPermissions, path + "\0"));
        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.SetPermissions, path + "\0n7\0r0\0"));
        Assert.Equal("ERROR EINVAL", await AskAsync(guest, XenStoreMessageType.GetPermissions, path + "\0"));
        Assert.Equal("ERROR EINVAL", await AskAsync(dom0, XenStoreMessageType.GetPermissions, path + "\0"));
    }

    // do_set_perms refuses an owner that does not exist (domain_alloc_permrefs marked it ignored)
    // before it looks at the path at all: special or not, valid or not.
    [Theory]
    [InlineData("/a//b")]
    [InlineData("/trailing/")]
    [InlineData("")]
    [InlineData("bad path")]
    [InlineData("@foo")]
    public async Task An_owner_that_does_not_exist_is_ENOENT_before_the_path_is_looked_at(string path)
    {
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        using var guest = await RawConnection.ConnectAsync(_store.GuestSocket);

        Assert.Equal("ERROR ENOENT", await AskAsync(dom0, XenStoreMessageType.SetPermissions, path + "\0n99\0"));
        Assert.Equal("ERROR ENOENT", await AskAsync(guest, XenStoreMessageType.SetPermissions, path + "\0n99\0"));
        Assert.Equal("ERROR EINVAL", await AskAsync(dom0, XenStoreMessageType.SetPermissions, path + "\0n0\0"));
    }

    [Fact]
    public async Task Only_dom0_and_the_owner_may_set_a_special_paths_permissions_and_the_owner_may_give_it_away()
    {
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        using var guest = await RawConnection.ConnectAsync(_store.GuestSocket);

        // Write access is not enough: set_perms_special wants write and owner.
        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.SetPermissions, "@introduceDomain\0n0\0b7\0"));
        Assert.Equal("ERROR EACCES", await AskAsync(guest, XenStoreMessageType.SetPermissions, "@introduceDomain\0n7\0"));

        // An owner may; a special path has no EPERM rule, so it may name another owner.
        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.SetPermissions, "@releaseDomain\0n7\0"));
        Assert.Equal("OK", await AskAsync(guest, XenStoreMessageType.SetPermissions, "@releaseDomain\0n0\0"));
        Assert.Equal("ERROR EACCES", await AskAsync(guest, XenStoreMessageType.SetPermissions, "@releaseDomain\0n7\0"));
    }

    [Fact]
    public async Task CONTROL_is_EACCES_for_a_guest_as_it_is_privileged_and_ENOSYS_for_dom0()
    {
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        using var guest = await RawConnection.ConnectAsync(_store.GuestSocket);

        Assert.Equal("ERROR EACCES", await AskAsync(guest, XenStoreMessageType.Control, "print\0x\0"));
        Assert.Equal("ERROR ENOSYS", await AskAsync(dom0, XenStoreMessageType.Control, "print\0x\0"));
    }

    [Fact]
    public async Task On_the_emulated_device_UNWATCH_is_OK_whether_or_not_the_file_held_the_watch()
    {
        using var directory = new TemporaryDirectory("gaxr-");
        await using var server = new XenStoreServer();
        var device = directory.Combine("xenbus");
        server.Listen(device, XenStoreIdentity.Guest(7), emulateDevice: true);
        server.CreateGuestDomain(7);
        using var raw = await RawConnection.ConnectAsync(device);

        // The kernel answers UNWATCH itself (xenbus_write_watch): it removes a matching watch if its
        // file has one and synthesises OK either way.
        await raw.SendAsync(XenStoreMessageType.Unwatch, 5, "data/never-watched\0t\0");

        var reply = (await raw.ReceiveAsync())!.Value;
        Assert.Equal(XenStoreMessageType.Unwatch, reply.Header.Type);
        Assert.Equal("OK\0"u8.ToArray(), reply.Payload);
    }
}
