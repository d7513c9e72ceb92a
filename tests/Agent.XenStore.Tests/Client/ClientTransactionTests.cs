using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>Transactions as the client ends them: abort, dispose, EAGAIN inside the body, a bad id.</summary>
public sealed class ClientTransactionTests
{
    [Fact]
    public async Task Abort_drops_every_change()
    {
        await using var store = new EmbeddedXenStore();
        await using var client = await store.Dom0Async();

        await using (var transaction = await client.BeginTransactionAsync())
        {
            await transaction.WriteAsync("/aborted", "v");
            await transaction.AbortAsync();
        }

        await using (var transaction = await client.BeginTransactionAsync())
        {
            await transaction.WriteAsync("/disposed", "v");
        }

        Assert.Null(store.Server.TryRead("/aborted"));
        Assert.Null(store.Server.TryRead("/disposed"));
    }

    [Fact]
    public async Task Disposing_an_uncommitted_transaction_ends_it_on_the_server()
    {
        // The server allows a few open transactions per connection; each disposed one must free its place.
        var options = new XenStoreServerOptions();
        await using var store = new EmbeddedXenStore(options);
        await using var client = await store.Dom0Async();

        for (var i = 0; i <= options.MaxTransactionsPerConnection; i++)
        {
            await using var transaction = await client.BeginTransactionAsync();
            await transaction.ReadAsync("/local");
        }

        await using var last = await client.BeginTransactionAsync();
        await last.WriteAsync("/after", "v");
        Assert.True(await last.CommitAsync());
        Assert.Equal("v"u8.ToArray(), store.Server.TryRead("/after"));
    }

    [Fact]
    public async Task EAGAIN_inside_the_body_redoes_the_whole_transaction()
    {
        // A peer that refuses the first read inside a transaction with EAGAIN, as xenstored may.
        var reads = 0;
        var ends = new List<string>();
        await using var peer = new ScriptedPeer((header, payload) => header.Type switch
        {
            XenStoreMessageType.TransactionStart => XenStoreMessage.Encode(header.Type, header.RequestId, 0, "5\0"u8),
            XenStoreMessageType.TransactionEnd => End(header, payload, ends),
            XenStoreMessageType.Read when Interlocked.Increment(ref reads) == 1 => XenStoreMessage.Encode(XenStoreMessageType.Error, header.RequestId, header.TransactionId, "EAGAIN\0"u8),
            _ => XenStoreMessage.Encode(header.Type, header.RequestId, header.TransactionId, "value"u8),
        });
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);
        var attempts = 0;

        var read = await client.TransactAsync(async (transaction, token) =>
        {
            attempts++;
            return await transaction.ReadStringAsync("/x", token);
        });

        Assert.Equal("value", read);
        Assert.Equal(2, attempts);
        // The refused attempt is aborted, the second committed.
        Assert.Equal(["F", "T"], ends);
    }

    [Fact]
    public async Task A_transaction_id_of_0_is_refused()
    {
        // 0 means "no transaction": operations sent with it would change the store directly.
        await using var peer = new ScriptedPeer((header, _) => XenStoreMessage.Encode(header.Type, header.RequestId, 0, "0\0"u8));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var error = await Assert.ThrowsAsync<XenStoreProtocolException>(() => client.BeginTransactionAsync());

        Assert.Equal("XenStore returned an invalid transaction id '0'.", error.Message);
    }

    private static byte[] End(XenStoreHeader header, byte[] payload, List<string> ends)
    {
        lock (ends)
        {
            ends.Add(System.Text.Encoding.ASCII.GetString(payload).TrimEnd('\0'));
        }

        return XenStoreMessage.Encode(header.Type, header.RequestId, header.TransactionId, "OK\0"u8);
    }
}
