using System.Globalization;
using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// A <see cref="ScriptedPeer"/> script for a directory too big for one DIRECTORY reply: E2BIG for
/// DIRECTORY, as a real store answers for a list this long, then DIRECTORY_PART chunks cut as C
/// xenstored cuts them (whole names below 2 KB, the list's closing NUL only when it ends in the
/// chunk, a lone NUL from an offset at or past the end). The n-th chunk asked for is read under the
/// generation the test chooses for n, from the children the test chooses for that generation.
/// Only a script can make chunks see exactly the generations a test needs.
/// </summary>
/// <param name="generationOfPart">The generation of the n-th DIRECTORY_PART answered (from 1).</param>
/// <param name="childrenOf">The children under a generation; <see cref="Names"/> for all when <c>null</c>.</param>
internal sealed class ChunkedDirectoryScript(Func<int, int> generationOfPart, Func<int, IReadOnlyList<string>>? childrenOf = null)
{
    private const int MaxChunkBytes = 2000;

    /// <summary>More parts than any listing of these lists takes: past it the peer answers EINVAL, so a client that never stops fails instead of hanging.</summary>
    private const int MaxParts = 1000;

    /// <summary>The directory's children, long enough together to take several chunks.</summary>
    public static IReadOnlyList<string> Names { get; } = Enumerable.Range(0, 500).Select(i => $"request-{i:D4}-xxxxxxxxx").ToList();

    /// <summary>How many DIRECTORY_PART requests were answered.</summary>
    public int Parts { get; private set; }

    /// <summary>The indexes (in <see cref="Names"/>) of the names the second and later chunks start with.</summary>
    public static IReadOnlySet<int> ChunkStarts()
    {
        var starts = new HashSet<int>();
        var length = 0;
        for (var i = 0; i < Names.Count; i++)
        {
            if (length + Names[i].Length + 1 > MaxChunkBytes)
            {
                starts.Add(i);
                length = 0;
            }

            length += Names[i].Length + 1;
        }

        return starts;
    }

    /// <summary>The peer's answer to one request.</summary>
    public byte[] Answer(XenStoreHeader header, byte[] payload)
    {
        if (header.Type != XenStoreMessageType.DirectoryPart)
        {
            return XenStoreMessage.Encode(XenStoreMessageType.Error, header.RequestId, 0, "E2BIG\0"u8);
        }

        if (++Parts > MaxParts)
        {
            return XenStoreMessage.Encode(XenStoreMessageType.Error, header.RequestId, 0, "EINVAL\0"u8);
        }

        var offset = int.Parse(XenStorePayload.Split(payload)[1], CultureInfo.InvariantCulture);
        var generation = generationOfPart(Parts);
        var chunk = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{generation}\0");
        var position = 0;
        var length = 0;
        foreach (var name in childrenOf?.Invoke(generation) ?? Names)
        {
            if (position >= offset && length + name.Length + 1 <= MaxChunkBytes)
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
}
