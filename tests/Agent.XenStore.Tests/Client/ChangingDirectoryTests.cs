using System.Globalization;
using System.Text;
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
    private static readonly List<string> Names = Enumerable.Range(0, 500).Select(i => $"request-{i:D4}-xxxxxxxxx").ToList();

    [Fact]
    public async Task A_listing_starts_over_a_bounded_number_of_times_then_fails_with_EAGAIN()
    {
        var parts = 0;
        await using var peer = new ScriptedPeer((header, payload) => Answer(header, payload, ref parts));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => client.DirectoryAsync("/dir"));

        Assert.Equal(XenStoreErrors.TryAgain, error.ErrorName);
        // Each attempt reads two chunks, the second from a new generation.
        Assert.Equal(2 * (XenStoreOperations.MaxListingRestarts + 1), parts);
    }

    [Fact]
    public async Task A_caller_tolerating_changes_gets_the_names_read_across_them()
    {
        var parts = 0;
        await using var peer = new ScriptedPeer((header, payload) => Answer(header, payload, ref parts));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var listing = await client.DirectoryAsync("/dir", tolerateChanges: true, CancellationToken.None);

        Assert.False(listing.Consistent);
        // The first name of each chunk read after a change may be a fragment and is left out.
        var chunkStarts = ChunkStarts();
        Assert.Equal(Names.Where((_, i) => i == 0 || !chunkStarts.Contains(i)), listing.Names);
        Assert.Equal((2 * XenStoreOperations.MaxListingRestarts) + chunkStarts.Count + 1, parts);
    }

    // E2BIG for DIRECTORY, as a real store answers for a list this long; DIRECTORY_PART chunks of
    // whole names (below 2 KB, so the list takes several), each under a generation of its own.
    private static byte[] Answer(XenStoreHeader header, byte[] payload, ref int parts)
    {
        if (header.Type != XenStoreMessageType.DirectoryPart)
        {
            return XenStoreMessage.Encode(XenStoreMessageType.Error, header.RequestId, 0, "E2BIG\0"u8);
        }

        parts++;
        var offset = int.Parse(XenStorePayload.Split(payload)[1], CultureInfo.InvariantCulture);
        var chunk = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{parts}\0");
        var position = 0;
        var length = 0;
        foreach (var name in Names)
        {
            if (position >= offset && length + name.Length + 1 <= 2000)
            {
                chunk.Append(name).Append('\0');
                length += name.Length + 1;
            }

            position += name.Length + 1;
        }

        if (offset + length >= position)
        {
            chunk.Append('\0');
        }

        return XenStoreMessage.Encode(XenStoreMessageType.DirectoryPart, header.RequestId, 0, Encoding.Latin1.GetBytes(chunk.ToString()));
    }

    // The indexes of the names the second and later chunks start with.
    private static HashSet<int> ChunkStarts()
    {
        var starts = new HashSet<int>();
        var length = 0;
        for (var i = 0; i < Names.Count; i++)
        {
            if (length + Names[i].Length + 1 > 2000)
            {
                starts.Add(i);
                length = 0;
            }

            length += Names[i].Length + 1;
        }

        return starts;
    }
}
