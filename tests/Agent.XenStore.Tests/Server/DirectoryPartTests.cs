using System.Globalization;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// DIRECTORY_PART chunks as C xenstored's <c>send_directory_part</c> cuts them: from the byte
/// offset (a name's middle too), whole names while they fit in the payload after the generation
/// and one NUL, an extra NUL where the list ends; and always the node's current child list, also
/// when it changed between two chunks.
/// </summary>
public sealed class DirectoryPartTests
{
    private static readonly List<string> Names = Enumerable.Range(0, 1000).Select(i => $"{i:D8}-aaaa-4bbb-8ccc-dddddddddddd").ToList();

    [Fact]
    public async Task Chunks_read_from_offset_to_offset_join_into_the_whole_list_cut_as_C_xenstored_cuts_them()
    {
        await using var store = NewStore();
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);
        var joined = string.Concat(Names.Select(name => name + "\0"));

        var listed = "";
        var offset = 0;
        var chunks = 0;
        while (true)
        {
            var (generation, chunk) = await PartAsync(raw, offset);
            Assert.Equal(Expected(joined, generation, offset), chunk);
            chunks++;
            if (chunk.EndsWith("\0\0", StringComparison.Ordinal))
            {
                listed += chunk[..^1];
                break;
            }

            listed += chunk;
            offset += chunk.Length;
        }

        Assert.Equal(joined, listed);
        Assert.Equal(10, chunks);
    }

    [Theory]
    [InlineData(5)]      // inside the first name: its tail first
    [InlineData(37)]     // the second name's start
    [InlineData(20000)]  // far inside
    [InlineData(36999)]  // the last name's NUL: one empty name, then the end
    [InlineData(37000)]  // the end: the empty list
    public async Task Any_offset_reads_as_C_xenstored_reads_it(int offset)
    {
        await using var store = NewStore();
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);
        var joined = string.Concat(Names.Select(name => name + "\0"));

        var (generation, chunk) = await PartAsync(raw, offset);

        Assert.Equal(Expected(joined, generation, offset), chunk);
    }

    [Fact]
    public async Task A_name_that_exactly_fills_the_chunk_is_sent_and_one_a_byte_longer_waits_for_the_next()
    {
        await using var store = NewStore();
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);
        var joined = string.Concat(Names.Select(name => name + "\0"));
        var (generation, _) = await PartAsync(raw, 0);
        // What a chunk may hold: the payload less the generation, its NUL and room for the end marker.
        var budget = XenStoreLimits.PayloadMax - (generation.Length + 1) - 1;
        var stride = Names[0].Length + 1;
        // An offset inside the second name from which whole names end exactly at the budget.
        var exact = stride + (stride - (budget % stride == 0 ? stride : budget % stride));

        var (_, filled) = await PartAsync(raw, exact);
        var (_, overflowing) = await PartAsync(raw, exact - 1);

        Assert.Equal(budget, filled.Length);
        Assert.Equal(Expected(joined, generation, exact), filled);
        Assert.Equal(budget + 1 - stride, overflowing.Length);
        Assert.Equal(Expected(joined, generation, exact - 1), overflowing);
    }

    [Fact]
    public async Task A_chunk_read_after_the_directory_changed_is_cut_from_the_new_list()
    {
        await using var store = NewStore();
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);
        var (before, _) = await PartAsync(raw, 0);

        store.Server.Remove("/dir/" + Names[0]);
        var (after, chunk) = await PartAsync(raw, 0);

        Assert.NotEqual(before, after);
        Assert.StartsWith(Names[1] + "\0", chunk, StringComparison.Ordinal);
        Assert.Equal(Expected(string.Concat(Names.Skip(1).Select(name => name + "\0")), after, 0), chunk);
    }

    private static EmbeddedXenStore NewStore()
    {
        var store = new EmbeddedXenStore();
        foreach (var name in Names)
        {
            store.Server.Write("/dir/" + name, []);
        }

        return store;
    }

    private static async Task<(string Generation, string Chunk)> PartAsync(RawConnection raw, int offset)
    {
        await raw.SendAsync(XenStoreMessageType.DirectoryPart, 1, $"/dir\0{offset.ToString(CultureInfo.InvariantCulture)}\0");
        var (header, reply) = await raw.ReplyAsync(1);
        Assert.Equal(XenStoreMessageType.DirectoryPart, header.Type);
        var nul = reply.IndexOf('\0', StringComparison.Ordinal);
        return (reply[..nul], reply[(nul + 1)..]);
    }

    // send_directory_part (xenstored_core.c), restated: names from the offset while
    // len + strlen(child) < XENSTORE_PAYLOAD_MAX - genlen - 1, one more NUL at the end of the list.
    private static string Expected(string joined, string generation, int offset)
    {
        if (offset >= joined.Length)
        {
            return "\0";
        }

        var maxlen = XenStoreLimits.PayloadMax - (generation.Length + 1) - 1;
        var length = 0;
        while (true)
        {
            var child = joined.IndexOf('\0', offset + length) - (offset + length);
            if (length + child >= maxlen)
            {
                break;
            }

            length += child + 1;
            if (offset + length == joined.Length)
            {
                break;
            }
        }

        return joined.Substring(offset, length) + (offset + length == joined.Length ? "\0" : "");
    }
}
