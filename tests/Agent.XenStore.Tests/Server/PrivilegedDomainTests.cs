using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// Only dom0 is privileged: every other domain id, the reserved ones Xen's headers name included
/// (DOMID_SELF 0x7ff0, DOMID_IO 0x7ff1, DOMID_XEN 0x7ff2), is a guest, refused outside its home
/// and resolving relative paths there; dom0's relative paths resolve in /local/domain/0. Guest(0)
/// is refused: it would be dom0, privileged.
/// </summary>
public sealed class PrivilegedDomainTests
{
    [Theory]
    [InlineData(1u)]
    [InlineData(0x7FEFu)]
    [InlineData(0x7FF0u)]
    [InlineData(0x7FF1u)]
    [InlineData(0x7FF2u)]
    public async Task Any_domain_but_dom0_is_refused_outside_its_home(uint domainId)
    {
        await using var store = new EmbeddedXenStore();
        var socket = Path.Combine(store.Directory, "other.sock");
        store.Server.Listen(socket, XenStoreIdentity.Guest(domainId));
        await using var guest = await XenStore.Client.XenStoreClient.ConnectAsync(socket);

        var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.WriteAsync("/intruder", "v"));

        Assert.Equal("EACCES", error.ErrorName);
        Assert.Null(store.Server.TryRead("/intruder"));
        Assert.Equal($"/local/domain/{domainId}", await guest.GetDomainPathAsync(domainId));
    }

    [Fact]
    public void Guest_0_is_refused_since_domain_0_is_dom0_and_would_act_privileged()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => XenStoreIdentity.Guest(0));

        Assert.Equal("domainId", refused.ParamName);
        Assert.Equal(0u, refused.ActualValue);
        Assert.StartsWith("Domain 0 is dom0, the privileged control domain, not a guest: a connection acting as it skips every permission check and quota. Use XenStoreIdentity.Dom0 for dom0's connections, or a guest's own domain id (1 or more).", refused.Message, StringComparison.Ordinal);
        // Dom0 itself is still named, and privileged; the first guest id is not.
        Assert.True(XenStoreIdentity.Dom0.IsPrivileged);
        Assert.False(XenStoreIdentity.Guest(1).IsPrivileged);
    }

    [Fact]
    public async Task Dom0_writes_anywhere_and_its_relative_paths_resolve_in_its_own_home()
    {
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();

        await dom0.WriteAsync("/anywhere", "v");
        await dom0.WriteAsync("relative", "r");

        Assert.Equal("v"u8.ToArray(), store.Server.TryRead("/anywhere"));
        Assert.Equal("r"u8.ToArray(), store.Server.TryRead("/local/domain/0/relative"));
    }

    [Fact]
    public async Task A_guests_relative_paths_resolve_in_its_own_home()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();

        await guest.WriteAsync("data/guest/relative", "r");

        Assert.Equal("r"u8.ToArray(), store.Server.TryRead(EmbeddedXenStore.GuestHome + "/data/guest/relative"));
        Assert.Equal(["relative"], await guest.DirectoryAsync("data/guest"));
    }
}
