using GuestAgent.XenStore.Server;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>The server's in-process helpers (what tests and the demo use to look at the store).</summary>
public sealed class ServerHelperTests
{
    [Fact]
    public async Task A_value_TryRead_returns_is_the_callers_copy_not_the_stores()
    {
        await using var server = new XenStoreServer();
        server.Write("/v", "ab"u8);

        var value = server.TryRead("/v")!;
        value[0] = (byte)'z';

        // The store's node, and every transaction snapshot sharing it, keep their bytes.
        Assert.Equal("ab"u8.ToArray(), server.TryRead("/v"));
    }
}
