using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// Permission entries naming domains that do not exist, as C xenstored 4.17 treats them: ignored
/// when checking access (also once the domain comes into being, or after it is released), listed
/// unchanged by GET_PERMS, and refused as the owner of a SET_PERMS (ENOENT).
/// </summary>
public sealed class DomainPermissionTests
{
    private const uint Unknown = 9;

    [Fact]
    public async Task An_entry_set_for_a_domain_that_does_not_exist_grants_nothing_even_once_it_exists()
    {
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();
        await dom0.WriteAsync("/shared/early", "e");
        await dom0.SetPermissionsAsync("/shared/early", [Permission("n0"), Permission($"r{Unknown}")]);

        var guest9 = await ConnectAsGuestAsync(store, Unknown);
        await using (guest9)
        {
            // Now that domain 9 exists, a new entry for it counts, the earlier one still does not.
            await dom0.WriteAsync("/shared/late", "l");
            await dom0.SetPermissionsAsync("/shared/late", [Permission("n0"), Permission($"r{Unknown}")]);

            Assert.Equal("EACCES", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest9.ReadStringAsync("/shared/early"))).ErrorName);
            Assert.Equal("l", await guest9.ReadStringAsync("/shared/late"));
            Assert.Equal(["n0", $"r{Unknown}"], (await dom0.GetPermissionsAsync("/shared/early")).Select(p => p.ToString()));
        }
    }

    [Fact]
    public async Task A_created_node_inherits_which_entries_are_ignored()
    {
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();
        await dom0.WriteAsync("/inherit", "p");
        await dom0.SetPermissionsAsync("/inherit", [Permission("n0"), Permission($"r{Unknown}")]);

        var guest9 = await ConnectAsGuestAsync(store, Unknown);
        await using (guest9)
        {
            await dom0.WriteAsync("/inherit/child", "c");

            Assert.Equal(["n0", $"r{Unknown}"], (await dom0.GetPermissionsAsync("/inherit/child")).Select(p => p.ToString()));
            Assert.Equal("EACCES", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest9.ReadStringAsync("/inherit/child"))).ErrorName);
        }
    }

    [Fact]
    public async Task Releasing_a_domain_revokes_its_entries_for_good()
    {
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();
        await dom0.WriteAsync("/shared/node", "v");
        await dom0.SetPermissionsAsync("/shared/node", [Permission("n0"), Permission($"r{EmbeddedXenStore.GuestDomain}")]);
        await using (var before = await store.GuestAsync())
        {
            Assert.Equal("v", await before.ReadStringAsync("/shared/node"));
        }

        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);
        Assert.Equal("OK", await DomainRequestTests.AskAsync(raw, XenStoreMessageType.Release, "7\0"));

        // The release closed the guest's connections; one made afterwards acts as 7 again.
        await using var guest = await store.GuestAsync();
        Assert.Equal("EACCES", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.ReadStringAsync("/shared/node"))).ErrorName);

        // Introduced again, the domain does not get back what the entry gave its predecessor.
        Assert.Equal("OK", await DomainRequestTests.AskAsync(raw, XenStoreMessageType.Introduce, "7\0" + "0\0" + "5\0"));
        Assert.Equal("EACCES", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.ReadStringAsync("/shared/node"))).ErrorName);
    }

    [Fact]
    public async Task A_guests_entry_for_a_domain_that_does_not_exist_is_kept_but_grants_nothing()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await guest.WriteAsync("data/offer", "o");
        await guest.SetPermissionsAsync("data/offer", [Permission("n7"), Permission($"r{Unknown}")]);

        var guest9 = await ConnectAsGuestAsync(store, Unknown);
        await using (guest9)
        {
            Assert.Equal(["n7", $"r{Unknown}"], (await guest.GetPermissionsAsync("data/offer")).Select(p => p.ToString()));
            Assert.Equal("EACCES", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest9.ReadStringAsync("/local/domain/7/data/offer"))).ErrorName);
        }
    }

    [Theory]
    [InlineData("/local/domain/7/data")]   // exists
    [InlineData("/absent/node")]           // checked before the node is looked up
    [InlineData("@introduceDomain")]       // and before a special path is
    public async Task Setting_an_owner_that_does_not_exist_is_ENOENT(string path)
    {
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();

        var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => dom0.SetPermissionsAsync(path, [Permission($"n{Unknown}"), Permission("r0")]));

        Assert.Equal("ENOENT", error.ErrorName);
        if (!path.StartsWith('@') && store.Server.TryGetPermissions(path) is { } unchanged)
        {
            Assert.Equal(["n7"], unchanged.Select(p => p.ToString()));
        }
    }

    [Theory]
    [InlineData("n9\0r0\0r0\0r0\0r0\0r0\0")]   // an owner that does not exist
    [InlineData("n7\0r0\0r0\0r0\0r0\0bad\0")]  // an entry that does not parse
    public async Task A_guest_over_the_entry_quota_hears_ENOSPC_first(string entries)
    {
        // do_set_perms counts the entries before it parses them or looks for their domains.
        await using var store = new EmbeddedXenStore();
        using var raw = await RawConnection.ConnectAsync(store.GuestSocket);

        Assert.Equal("ERROR ENOSPC", await DomainRequestTests.AskAsync(raw, XenStoreMessageType.SetPermissions, "data\0" + entries));
        Assert.Equal("ERROR ENOSPC", await DomainRequestTests.AskAsync(raw, XenStoreMessageType.SetPermissions, "@introduceDomain\0" + entries));
    }

    [Fact]
    public async Task The_owner_entry_counts_whether_or_not_its_domain_exists()
    {
        // C never ignores entry 0: a node owned by a domain that a listener acts as but nobody
        // introduced stays readable by everyone its owner entry's letter allows.
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();
        await using var guest = await store.GuestAsync();
        await using (var guest9 = await ConnectAsGuestAsync(store, Unknown))
        {
            await dom0.WriteAsync("/owned", "v");
            await dom0.SetPermissionsAsync("/owned", [Permission($"r{Unknown}")]);
        }

        Assert.Equal("v", await guest.ReadStringAsync("/owned"));
    }

    [Fact]
    public async Task An_entry_for_a_missing_domain_is_left_out_wherever_it_stands_among_the_entries()
    {
        // The missing domain's entry sits between the owner and an entry for a domain that exists.
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();
        await using var guest = await store.GuestAsync();
        await dom0.WriteAsync("/shared/middle", "m");
        await dom0.SetPermissionsAsync("/shared/middle", [Permission("n0"), Permission($"r{Unknown}"), Permission($"r{EmbeddedXenStore.GuestDomain}")]);

        var guest9 = await ConnectAsGuestAsync(store, Unknown);
        await using (guest9)
        {
            Assert.Equal("EACCES", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest9.ReadStringAsync("/shared/middle"))).ErrorName);
        }

        Assert.Equal("m", await guest.ReadStringAsync("/shared/middle"));
        Assert.Equal(["n0", $"r{Unknown}", $"r{EmbeddedXenStore.GuestDomain}"], (await dom0.GetPermissionsAsync("/shared/middle")).Select(p => p.ToString()));
    }

    [Fact]
    public async Task An_entry_set_for_a_domain_introduced_before_it_connects_grants_what_it_says()
    {
        // INTRODUCE alone makes the domain exist, as the hypervisor's domain does for C xenstored.
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);
        Assert.Equal("OK", await DomainRequestTests.AskAsync(raw, XenStoreMessageType.Introduce, $"{Unknown}\0" + "0\0" + "5\0"));
        await dom0.WriteAsync("/shared/introduced", "i");
        await dom0.SetPermissionsAsync("/shared/introduced", [Permission("n0"), Permission($"r{Unknown}")]);

        var guest9 = await ConnectAsGuestAsync(store, Unknown);
        await using (guest9)
        {
            Assert.Equal("i", await guest9.ReadStringAsync("/shared/introduced"));
        }
    }

    private static XenStorePermission Permission(string text) => XenStorePermission.Parse(text);

    private static async Task<GuestAgent.XenStore.Client.XenStoreClient> ConnectAsGuestAsync(EmbeddedXenStore store, uint domainId)
    {
        var socket = Path.Combine(store.Directory, $"guest{domainId}.sock");
        store.Server.Listen(socket, XenStoreIdentity.Guest(domainId));
        return await GuestAgent.XenStore.Client.XenStoreClient.ConnectAsync(socket);
    }
}
