using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// The node-size quota at its exact boundary, through the wire protocol from a guest connection.
/// C xenstored 4.17 refuses (ENOSPC) an unprivileged write whose stored record reaches 2048 bytes:
/// a 24-byte header, 8 bytes per permission entry, the value and each child's name with its NUL
/// (xenstore-protocol.md §8). The guest's nodes here carry one permission entry (<c>n7</c>), so
/// 24 + 8 = 32 bytes of every record are fixed.
/// </summary>
public sealed class NodeSizeQuotaTests
{
    private const int Limit = 2048;
    private const int Fixed = 24 + 8;

    [Fact]
    public async Task A_value_may_make_the_record_2047_bytes_but_not_2048()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        const int largest = Limit - 1 - Fixed; // 2015

        await AssertRefusedAsync(() => guest.WriteAsync("data/value", new byte[largest + 1]));
        Assert.Null(await guest.TryReadAsync("data/value"));

        await guest.WriteAsync("data/value", new byte[largest]);
        Assert.Equal(largest, (await guest.ReadAsync("data/value")).Length);

        // Rewriting an existing node is held to the same limit, and a refused rewrite keeps the old value.
        await AssertRefusedAsync(() => guest.WriteAsync("data/value", Filled(largest + 1, (byte)'x')));
        Assert.Equal(new byte[largest], await guest.ReadAsync("data/value"));
    }

    [Fact]
    public async Task Each_permission_entry_takes_8_bytes_of_the_record()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        var twoEntries = new[] { XenStorePermission.Parse("n7"), XenStorePermission.Parse("r0") };
        const int largestWithOne = Limit - 1 - Fixed; // 2015

        // 2008 + 32 = 2040 bytes with one entry; a second one makes it 2048.
        await guest.WriteAsync("data/refused", new byte[largestWithOne - 7]);
        await AssertRefusedAsync(() => guest.SetPermissionsAsync("data/refused", twoEntries));
        Assert.Equal([XenStorePermission.Parse("n7")], await guest.GetPermissionsAsync("data/refused"));

        // 2007 + 32 = 2039 bytes; with the second entry 2047.
        await guest.WriteAsync("data/accepted", new byte[largestWithOne - 8]);
        await guest.SetPermissionsAsync("data/accepted", twoEntries);
        Assert.Equal(twoEntries, await guest.GetPermissionsAsync("data/accepted"));

        // A node created under a two-entry parent inherits both: its value may be 8 bytes shorter.
        await guest.MkdirAsync("data/two");
        await guest.SetPermissionsAsync("data/two", twoEntries);
        await AssertRefusedAsync(() => guest.WriteAsync("data/two/refused", new byte[largestWithOne - 7]));
        await guest.WriteAsync("data/two/accepted", new byte[largestWithOne - 8]);
        Assert.Equal(twoEntries, await guest.GetPermissionsAsync("data/two/accepted"));
    }

    [Fact]
    public async Task Child_names_may_make_a_directory_record_2047_bytes_but_not_2048()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        // data/guest: no value, one entry; 49 names of 40 characters take 49 × 41 = 2009 bytes.
        for (var i = 0; i < 49; i++)
        {
            await guest.WriteAsync($"data/guest/{i:D2}{new string('n', 38)}", "");
        }

        var room = Limit - 1 - Fixed - (49 * 41); // 6 bytes: a 5-character name and its NUL

        await AssertRefusedAsync(() => guest.WriteAsync($"data/guest/{new string('r', room)}", ""));
        await guest.WriteAsync($"data/guest/{new string('a', room - 1)}", "");
        await AssertRefusedAsync(() => guest.WriteAsync("data/guest/z", ""));

        var children = await guest.DirectoryAsync("data/guest");
        Assert.Equal(50, children.Count);
        Assert.Equal(Limit - 1 - Fixed, children.Sum(name => name.Length + 1));
        Assert.DoesNotContain(new string('r', room), children);

        // dom0 is not held to the quota.
        store.Server.Write($"{EmbeddedXenStore.GuestHome}/data/guest/from-dom0", "x"u8);
    }

    [Fact]
    public async Task A_created_intermediate_node_holding_a_long_child_name_is_held_to_the_limit()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        const int longest = Limit - 1 - Fixed - 1; // the name and its NUL fill the new parent's record to 2047

        await AssertRefusedAsync(() => guest.WriteAsync($"data/refused/{new string('n', longest + 1)}", "v"));
        Assert.Null(await guest.TryReadAsync("data/refused"));

        await guest.WriteAsync($"data/accepted/{new string('n', longest)}", "v");
        Assert.Equal([new string('n', longest)], await guest.DirectoryAsync("data/accepted"));
    }

    [Fact]
    public async Task Removing_a_child_of_a_full_record_is_allowed()
    {
        // C xenstored writes the shrunken parent without a quota check, so a guest can always clean up.
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        store.Server.Write($"{EmbeddedXenStore.GuestHome}/data/full", new byte[Limit]);
        store.Server.SetPermissions($"{EmbeddedXenStore.GuestHome}/data/full", XenStorePermission.Parse("n7"));
        store.Server.Write($"{EmbeddedXenStore.GuestHome}/data/full/child", "x"u8);
        store.Server.SetPermissions($"{EmbeddedXenStore.GuestHome}/data/full/child", XenStorePermission.Parse("n7"));

        await guest.RemoveAsync("data/full/child");

        Assert.Empty(await guest.DirectoryAsync("data/full"));
    }

    [Theory]
    [InlineData("create")]
    [InlineData("rewrite")]
    [InlineData("set-perms")]
    public async Task A_record_refused_in_a_transaction_fails_the_transaction(string refused)
    {
        // C xenstored 4.17's write_node marks the transaction failed when the record it writes is
        // refused ("reverting access_node() is hard"): the request answers ENOSPC, and the commit
        // ENOMEM with nothing of the transaction applied (CXenstoredDifferentialTests,
        // "guest-transactions", shows C doing so).
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await guest.WriteAsync("data/existing", new byte[Limit - 1 - Fixed - 7]);
        await using var transaction = await guest.BeginTransactionAsync();
        await transaction.WriteAsync("data/applied", "v");

        await AssertRefusedAsync(refused switch
        {
            "create" => () => transaction.WriteAsync("data/new", new byte[Limit]),
            "rewrite" => () => transaction.WriteAsync("data/existing", new byte[Limit]),
            _ => () => transaction.SetPermissionsAsync("data/existing", [XenStorePermission.Parse("n7"), XenStorePermission.Parse("r0")]),
        });

        var commit = await Assert.ThrowsAsync<XenStoreErrorException>(() => transaction.CommitAsync());
        Assert.Equal(XenStoreErrors.OutOfMemory, commit.ErrorName);
        Assert.Null(await guest.TryReadAsync("data/applied"));
    }

    private static byte[] Filled(int length, byte value)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        return bytes;
    }

    private static async Task AssertRefusedAsync(Func<Task> operation) =>
        Assert.Equal(XenStoreErrors.NoSpace, (await Assert.ThrowsAsync<XenStoreErrorException>(operation)).ErrorName);
}
