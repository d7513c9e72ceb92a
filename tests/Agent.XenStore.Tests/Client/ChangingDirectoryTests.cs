using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>
/// A directory too big for one DIRECTORY reply whose generation changes between every two
/// DIRECTORY_PART chunks (a backlog answered under it, at its worst): the listing starts over a
/// bounded number of times, then fails with EAGAIN, or, for a caller that tolerates changes, gives
/// what it read. The peer is scripted: only a script can make every chunk see a new generation.
/// </summary>
public sealed class ChangingDirectoryTests
{
    [Fact]
    public async Task A_listing_starts_over_a_bounded_number_of_times_then_fails_with_EAGAIN()
    {
        var script = new ChunkedDirectoryScript(part => part);
        await using var peer = new ScriptedPeer(script.Answer);
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => client.DirectoryAsync("/dir"));

        Assert.Equal(XenStoreErrors.TryAgain, error.ErrorName);
        // Each attempt reads two chunks, the second from a new generation.
        Assert.Equal(2 * (XenStoreOperations.MaxListingRestarts + 1), script.Parts);
    }

    [Fact]
    public async Task A_caller_tolerating_changes_gets_the_names_read_across_them()
    {
        var script = new ChunkedDirectoryScript(part => part);
        await using var peer = new ScriptedPeer(script.Answer);
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var listing = await client.DirectoryAsync("/dir", tolerateChanges: true, CancellationToken.None);

        Assert.False(listing.Consistent);
        // The first name of each chunk read after a change may be a fragment and is left out.
        var chunkStarts = ChunkedDirectoryScript.ChunkStarts();
        Assert.Equal(ChunkedDirectoryScript.Names.Where((_, i) => i == 0 || !chunkStarts.Contains(i)), listing.Names);
        Assert.Equal((2 * XenStoreOperations.MaxListingRestarts) + chunkStarts.Count + 1, script.Parts);
    }

    [Fact]
    public async Task Names_that_a_growing_directory_pushes_past_the_read_position_are_given_once()
    {
        // Each generation adds two names in front: every chunk read after a change starts two names
        // before where the last one ended, so its second name was read already.
        var script = new ChunkedDirectoryScript(part => part, generation => [.. Added(2 * generation), .. ChunkedDirectoryScript.Names]);
        await using var peer = new ScriptedPeer(script.Answer);
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var listing = await client.DirectoryAsync("/dir", tolerateChanges: true, CancellationToken.None);

        Assert.False(listing.Consistent);
        Assert.Equal(listing.Names.Distinct(StringComparer.Ordinal), listing.Names);
        // Read to the end: the last name is there.
        Assert.Equal(ChunkedDirectoryScript.Names[^1], listing.Names[^1]);

        static IEnumerable<string> Added(int count) => Enumerable.Range(0, count).Reverse().Select(i => $"added-{i:D4}-xxxxxxxxxxx");
    }

    [Fact]
    public async Task A_directory_that_shrinks_below_the_read_position_ends_the_listing()
    {
        // Once the listing gives up on consistency, the directory has lost all but ten names: the next
        // chunk is asked for past its end, and is only the closing NUL.
        var giveUp = 2 * (XenStoreOperations.MaxListingRestarts + 1);
        var script = new ChunkedDirectoryScript(part => part, generation => generation < giveUp ? ChunkedDirectoryScript.Names : [.. ChunkedDirectoryScript.Names.Take(10)]);
        await using var peer = new ScriptedPeer(script.Answer);
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var listing = await client.DirectoryAsync("/dir", tolerateChanges: true, CancellationToken.None);

        Assert.False(listing.Consistent);
        // What the last attempt's first chunk read, before the directory shrank.
        Assert.Equal(ChunkedDirectoryScript.Names.Take(ChunkedDirectoryScript.ChunkStarts().Min()), listing.Names);
        Assert.Equal(giveUp, script.Parts);
    }
}
