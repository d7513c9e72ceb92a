using System.Globalization;
using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Client;

/// <summary>Listing a directory too big for one DIRECTORY reply, in DIRECTORY_PART chunks.</summary>
public abstract partial class XenStoreOperations
{
    /// <summary>
    /// How often a chunked listing starts over because the directory changed between chunks.
    /// C libxenstore's <c>xs_directory_part</c> starts over without limit; a directory that changes
    /// faster than it can be read (a backlog of requests being answered under it) then keeps the
    /// caller listing for ever, with every restart costing the whole list again.
    /// </summary>
    internal const int MaxListingRestarts = 3;

    private async Task<DirectoryListing> DirectoryInPartsAsync(string path, bool tolerateChanges, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        string? generation = null;
        var offset = 0;
        var restarts = 0;
        var consistent = true;
        while (true)
        {
            var offsetText = offset.ToString(CultureInfo.InvariantCulture);
            var reply = (await RequestAsync(XenStoreMessageType.DirectoryPart, XenStorePayload.Strings(path, offsetText), path, cancellationToken).ConfigureAwait(false)).Payload;
            var nul = Array.IndexOf(reply, (byte)0);
            if (nul <= 0)
            {
                throw new XenStoreProtocolException($"XenStore returned a malformed DIRECTORY_PART reply for '{path}'.");
            }

            var chunkGeneration = Encoding.ASCII.GetString(reply, 0, nul);
            var changed = generation is not null && generation != chunkGeneration;
            if (changed && consistent)
            {
                if (restarts < MaxListingRestarts)
                {
                    restarts++;
                    names.Clear();
                    offset = 0;
                    generation = null;
                    continue;
                }

                if (!tolerateChanges)
                {
                    throw new XenStoreErrorException(XenStoreErrors.TryAgain, XenStoreMessageType.DirectoryPart, path);
                }

                // Read on from here: a caller that checks each name again later (the exchange's
                // scan and sweep) does better with most names now than with none for ever.
                consistent = false;
            }

            generation = chunkGeneration;
            var chunk = reply.AsSpan(nul + 1);
            if (chunk.IsEmpty)
            {
                throw new XenStoreProtocolException($"XenStore returned an empty DIRECTORY_PART chunk for '{path}'.");
            }

            var last = chunk.Length == 1 && chunk[0] == 0 || chunk.Length >= 2 && chunk[^1] == 0 && chunk[^2] == 0;
            // After a change the offset may fall inside a name: the chunk's first name may be its tail.
            AddNames(names, last ? chunk[..^1] : chunk, skipFirst: changed && !consistent);
            if (last)
            {
                break;
            }

            offset += chunk.Length;
        }

        return new DirectoryListing(consistent ? names : names.Distinct(StringComparer.Ordinal).ToList(), consistent);
    }

    private static void AddNames(List<string> names, ReadOnlySpan<byte> chunk, bool skipFirst)
    {
        if (chunk.IsEmpty)
        {
            return;
        }

        var decoded = DecodeNames(chunk.ToArray());
        names.AddRange(skipFirst ? decoded.Skip(1) : decoded);
    }
}
