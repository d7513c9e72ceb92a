using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// The access rules a guest meets, as C xenstored 4.17 applies them: the entry naming the guest
/// replaces the default access instead of adding to it; a node the guest may only read can be
/// neither rewritten nor made again with MKDIR; only the owner may change a node's permissions, and
/// a guest may not give its node away; a node a guest creates is its own, even under dom0's node;
/// the node quota counts every parent a write creates.
/// </summary>
public sealed class GuestAccessRuleTests
{
    private const uint Guest = EmbeddedXenStore.GuestDomain;

    [Fact]
    public async Task The_entry_naming_the_guest_replaces_the_default_access()
    {
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();
        await dom0.WriteAsync("/shared/closed", "c");
        await dom0.SetPermissionsAsync("/shared/closed", [Permission("r0"), Permission($"n{Guest}")]);
        await dom0.WriteAsync("/shared/drop", "d");
        await dom0.SetPermissionsAsync("/shared/drop", [Permission("r0"), Permission($"w{Guest}")]);
        await using var guest = await store.GuestAsync();

        Assert.Equal("EACCES", await ErrorOfAsync(() => guest.ReadStringAsync("/shared/closed")));
        Assert.Equal("EACCES", await ErrorOfAsync(() => guest.ReadStringAsync("/shared/drop")));
        await guest.WriteAsync("/shared/drop", "written");
        Assert.Equal("written", await dom0.ReadStringAsync("/shared/drop"));
    }

    [Fact]
    public async Task A_guest_may_neither_rewrite_nor_mkdir_a_node_it_may_only_read()
    {
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();
        await dom0.WriteAsync("/shared/readonly", "kept");
        await dom0.SetPermissionsAsync("/shared/readonly", [Permission("n0"), Permission($"r{Guest}")]);
        await using var guest = await store.GuestAsync();

        Assert.Equal("kept", await guest.ReadStringAsync("/shared/readonly"));
        Assert.Equal("EACCES", await ErrorOfAsync(() => guest.WriteAsync("/shared/readonly", "overwritten")));
        Assert.Equal("EACCES", await ErrorOfAsync(() => guest.MkdirAsync("/shared/readonly")));
        Assert.Equal("kept", await dom0.ReadStringAsync("/shared/readonly"));
    }

    [Fact]
    public async Task Only_the_owner_may_change_permissions_even_with_write_access()
    {
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();
        await dom0.WriteAsync("/shared/both", "b");
        await dom0.SetPermissionsAsync("/shared/both", [Permission("n0"), Permission($"b{Guest}")]);
        await using var guest = await store.GuestAsync();
        await guest.WriteAsync("/shared/both", "may write");

        Assert.Equal("EACCES", await ErrorOfAsync(() => guest.SetPermissionsAsync("/shared/both", [Permission("r0")])));
        Assert.Equal(["n0", $"b{Guest}"], (await dom0.GetPermissionsAsync("/shared/both")).Select(p => p.ToString()));
    }

    [Fact]
    public async Task A_guest_may_not_give_its_node_to_another_domain()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await guest.WriteAsync("data/mine", "m");

        Assert.Equal("EPERM", await ErrorOfAsync(() => guest.SetPermissionsAsync("data/mine", [Permission("b0")])));
        Assert.Equal([$"n{Guest}"], (await guest.GetPermissionsAsync("data/mine")).Select(p => p.ToString()));

        // Changing the other entries of its own node is allowed.
        await guest.SetPermissionsAsync("data/mine", [Permission($"r{Guest}"), Permission("b0")]);
        Assert.Equal([$"r{Guest}", "b0"], (await guest.GetPermissionsAsync("data/mine")).Select(p => p.ToString()));
    }

    [Fact]
    public async Task A_node_a_guest_creates_under_dom0s_node_is_the_guests()
    {
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();
        await dom0.WriteAsync("/shared/dropbox", "");
        await dom0.SetPermissionsAsync("/shared/dropbox", [Permission("n0"), Permission($"b{Guest}")]);
        await using var guest = await store.GuestAsync();

        await guest.WriteAsync("/shared/dropbox/letter", "l");

        // The parent's entries are inherited with the creator as the owner, so the guest may change them.
        Assert.Equal([$"n{Guest}", $"b{Guest}"], (await dom0.GetPermissionsAsync("/shared/dropbox/letter")).Select(p => p.ToString()));
        await guest.SetPermissionsAsync("/shared/dropbox/letter", [Permission($"r{Guest}")]);
    }

    [Fact]
    public async Task The_node_quota_counts_every_parent_a_write_creates()
    {
        // The guest owns 3 nodes (data, data/host, data/guest): 3 more fit, 4 do not.
        await using var store = new EmbeddedXenStore(new XenStoreServerOptions { MaxNodesPerDomain = 6 });
        await using var guest = await store.GuestAsync();

        Assert.Equal("ENOSPC", await ErrorOfAsync(() => guest.WriteAsync("data/a/b/c/d", "v")));
        Assert.Null(await guest.TryReadAsync("data/a"));

        await guest.WriteAsync("data/a/b/c", "v");
        Assert.Equal("v", await guest.ReadStringAsync("data/a/b/c"));
    }

    private static XenStorePermission Permission(string text) => XenStorePermission.Parse(text);

    private static async Task<string?> ErrorOfAsync(Func<Task> action) =>
        (await Assert.ThrowsAsync<XenStoreErrorException>(action)).ErrorName;
}
