using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// SET_PERMS entries read as C xenstored 4.17's <c>xs_strings_to_perms</c> reads them: the letter,
/// then <c>strtol(p, &amp;end, 0)</c> over the rest, which must be consumed, kept in 32 bits.
/// </summary>
public sealed class PermissionArgumentTests
{
    [Theory]
    [InlineData("r0x0", "r0")]              // hexadecimal prefix
    [InlineData("r0x7", "r7")]
    [InlineData("b00", "b0")]               // octal prefix
    [InlineData("r07", "r7")]
    [InlineData("n 0", "n0")]               // strtol skips leading white space
    [InlineData("n\t+0", "n0")]
    [InlineData("n+0", "n0")]               // and takes a sign
    [InlineData("n-0", "n0")]
    [InlineData("n4294967296", "n0")]       // 2^32: strtol's long cut to an unsigned int
    [InlineData("n4294967303", "n7")]
    public async Task Owner_ids_are_read_with_strtol_base_0(string entry, string stored)
    {
        await using var store = new EmbeddedXenStore();
        store.Server.Write("/p", "v"u8);
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);

        Assert.Equal("OK", await DomainRequestTests.AskAsync(raw, XenStoreMessageType.SetPermissions, $"/p\0{entry}\0"));
        Assert.Equal([stored], store.Server.TryGetPermissions("/p")!.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("r-1", 4294967295u)]                      // what xenstore-chmod sends for domain 4294967295 (it prints with %i)
    [InlineData("r010", 8u)]                              // octal
    [InlineData("r0x7ff0", 32752u)]
    [InlineData("r99999999999999999999", 4294967295u)]    // strtol saturates at LONG_MAX; the low 32 bits
    [InlineData("r-99999999999999999999", 0u)]            // LONG_MIN
    public async Task Other_entries_keep_the_id_strtol_gives(string entry, uint domain)
    {
        await using var store = new EmbeddedXenStore();
        store.Server.Write("/p", "v"u8);
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);

        Assert.Equal("OK", await DomainRequestTests.AskAsync(raw, XenStoreMessageType.SetPermissions, $"/p\0n0\0{entry}\0"));
        Assert.Equal([new XenStorePermission(XenStoreAccess.None, 0), new XenStorePermission(XenStoreAccess.Read, domain)], store.Server.TryGetPermissions("/p"));
    }

    [Theory]
    [InlineData("r")]        // no digits
    [InlineData("r ")]
    [InlineData("r+")]
    [InlineData("r+ 1")]     // white space after the sign
    [InlineData("rx1")]
    [InlineData("r1 ")]      // anything after the number
    [InlineData("r1x")]
    [InlineData("r08")]      // 8 is not an octal digit
    [InlineData("r0x")]      // "0" converted, "x" left over
    [InlineData("r0xg")]
    [InlineData("x0")]       // unknown letter
    public async Task Entries_strtol_does_not_consume_entirely_are_EINVAL(string entry)
    {
        await using var store = new EmbeddedXenStore();
        store.Server.Write("/p", "v"u8);
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);

        Assert.Equal("ERROR EINVAL", await DomainRequestTests.AskAsync(raw, XenStoreMessageType.SetPermissions, $"/p\0n0\0{entry}\0"));
        Assert.Equal([new XenStorePermission(XenStoreAccess.None, 0)], store.Server.TryGetPermissions("/p"));
    }
}
