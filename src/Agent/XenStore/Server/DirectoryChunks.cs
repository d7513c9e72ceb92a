using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// DIRECTORY_PART replies, as C xenstored writes them: <c>"&lt;gencnt&gt;\0"</c>, then the joined
/// child list (each name and its NUL) from the byte offset, whole names up to the payload limit,
/// plus an extra NUL when the list ends there. A chunk costs what it holds plus a binary search:
/// the byte offsets where the names start are computed once per child list (children lists are
/// immutable, so a list is its own cache key, and an entry goes when its list does), not the whole
/// list joined again for every chunk, which made a listing cost O(n²).
/// </summary>
/// <remarks>Used under the server's gate only.</remarks>
internal sealed class DirectoryChunks
{
    private readonly ConditionalWeakTable<ImmutableList<string>, int[]> _starts = [];

    /// <summary>The reply to DIRECTORY_PART for <paramref name="node"/> from byte <paramref name="start"/>.</summary>
    public byte[] Part(StoreNode node, uint start)
    {
        var prefix = Encoding.ASCII.GetBytes(node.Generation.ToString(CultureInfo.InvariantCulture) + "\0");
        var children = node.Children;
        var starts = _starts.GetValue(children, static list => NameStarts(list));
        var total = starts[^1];
        if (start >= (uint)total)
        {
            return [.. prefix, 0];
        }

        var offset = (int)start;
        // The name holding the offset (C xenstored reads on from wherever the offset falls, a
        // name's middle too: the chunk then starts with that name's tail).
        var index = Array.BinarySearch(starts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        var budget = XenStoreLimits.PayloadMax - prefix.Length - 1;
        var end = offset;
        var last = index;
        while (last < children.Count && starts[last + 1] - offset <= budget)
        {
            end = starts[last + 1];
            last++;
        }

        var ends = end >= total;
        var output = new byte[prefix.Length + (end - offset) + (ends ? 1 : 0)];
        prefix.CopyTo(output, 0);
        var position = prefix.Length;
        for (var i = index; i < last; i++)
        {
            // The first name may be cut: only its bytes from the offset on.
            var name = Encoding.Latin1.GetBytes(children[i]);
            var skip = i == index ? offset - starts[i] : 0;
            name.AsSpan(skip).CopyTo(output.AsSpan(position));
            position += name.Length - skip;
            output[position++] = 0;
        }

        return output;
    }

    // starts[i] is where name i begins in the joined list; starts[Count] is the list's length.
    private static int[] NameStarts(ImmutableList<string> children)
    {
        var starts = new int[children.Count + 1];
        var i = 0;
        foreach (var name in children)
        {
            starts[i + 1] = starts[i] + Encoding.Latin1.GetByteCount(name) + 1;
            i++;
        }

        return starts;
    }
}
