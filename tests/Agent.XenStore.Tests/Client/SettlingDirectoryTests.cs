using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>
/// A big directory (read in DIRECTORY_PART chunks) that changes for a while and then settles, the
/// usual case: a restarted listing must give each name once, from the start of the new list, and
/// after a tolerated change only the chunk read across the change may lose its first name.
/// (<see cref="ChangingDirectoryTests"/> covers a directory that never settles.)
/// </summary>
public sealed class SettlingDirectoryTests
{
    [Fact]
    public async Task A_listing_restarted_once_gives_every_name_once_and_is_consistent()
    {
        // The second chunk sees a new generation; every chunk after it sees that one.
        var script = new ChunkedDirectoryScript(part => Math.Min(part, 2));
        await using var peer = new ScriptedPeer(script.Answer);
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var listing = await client.DirectoryAsync("/dir", tolerateChanges: false, CancellationToken.None);

        Assert.True(listing.Consistent);
        Assert.Equal(ChunkedDirectoryScript.Names, listing.Names);
        // Two chunks before the restart, then the whole list again.
        Assert.Equal(2 + ChunkedDirectoryScript.ChunkStarts().Count + 1, script.Parts);
    }

    [Fact]
    public async Task After_a_tolerated_change_only_the_chunk_read_across_it_loses_its_first_name()
    {
        // Every chunk up to the last restart's second one sees a new generation (the listing gives up
        // on consistency there); from then on the generation stays.
        var lastChange = 2 * (XenStoreOperations.MaxListingRestarts + 1);
        var script = new ChunkedDirectoryScript(part => Math.Min(part, lastChange));
        await using var peer = new ScriptedPeer(script.Answer);
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var listing = await client.DirectoryAsync("/dir", tolerateChanges: true, CancellationToken.None);

        Assert.False(listing.Consistent);
        // The second chunk was read across the change: its first name may be a fragment and is left
        // out. The later chunks share one generation, so their first names are whole and kept.
        var secondChunkStart = ChunkedDirectoryScript.ChunkStarts().Min();
        Assert.Equal(ChunkedDirectoryScript.Names.Where((_, i) => i != secondChunkStart), listing.Names);
    }
}
