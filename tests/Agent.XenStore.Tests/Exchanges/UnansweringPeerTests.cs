using GuestAgent.Exchanges;
using GuestAgent.Testing;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>Stopping the exchange when XenStore has stopped answering.</summary>
public sealed class UnansweringPeerTests
{
    [Fact]
    public async Task Stopping_does_not_wait_for_a_reply_that_never_comes()
    {
        // A peer that serves the set-up (data/host made, watched, and listed empty) and from then on
        // answers nothing, like a wedged xenstored: the stop must not wait on it.
        var watched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var peer = new ScriptedPeer((header, payload) =>
        {
            if (watched.Task.IsCompleted)
            {
                return [];
            }

            switch (header.Type)
            {
                case XenStoreMessageType.Watch:
                    return ScriptedPeer.AcceptWatch(header, payload);
                case XenStoreMessageType.Directory:
                    watched.TrySetResult();
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, []);
                default:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, "OK\0"u8);
            }
        });
        using var state = new TemporaryDirectory("gaxs-mute-");
        var exchange = new XenStoreExchange(new XenStoreExchangeOptions
        {
            Endpoint = peer.SocketPath,
            DomainPath = "/local/domain/7",
            StateDirectory = state.Path,
            BootId = "test-boot",
        });
        await exchange.StartAsync(TestContext.Current.CancellationToken);
        await watched.Task.WaitAsync(TestContext.Current.CancellationToken);

        // A guard against hanging the test run, not a measure: the stop must simply complete.
        await exchange.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(1, exchange.Connections);
    }

    [Fact]
    public async Task Stopping_in_a_removal_transaction_does_not_wait_for_an_abort_that_is_never_answered()
    {
        // A request answered before a restart (journaled) is found again at start: the pump writes the
        // journaled answer and opens the transaction that removes the request, and then the peer
        // stops answering. The stop cancels the read inside the transaction; the transaction is then
        // aborted on its way out, and that abort's reply never comes either: the stop must not wait for it.
        var request = """{"name":"version","value":"agent"}"""u8.ToArray();
        var inTransaction = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var peer = new ScriptedPeer((header, payload) =>
        {
            if (inTransaction.Task.IsCompleted)
            {
                return [];
            }

            switch (header.Type)
            {
                case XenStoreMessageType.Watch:
                    return ScriptedPeer.AcceptWatch(header, payload);
                case XenStoreMessageType.Directory:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, "r1\0"u8);
                case XenStoreMessageType.Read:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, request);
                case XenStoreMessageType.TransactionStart:
                    inTransaction.TrySetResult();
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, "9\0"u8);
                default:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, "OK\0"u8);
            }
        });
        using var state = new TemporaryDirectory("gaxs-mute-");
        var journal = new ResponseJournal(state.Path, capacity: 4, bootId: "test-boot");
        journal.Load();
        journal.Record("r1", ResponseJournal.Hash(request), """{"returncode":"0","message":"1.0"}"""u8.ToArray());
        var exchange = new XenStoreExchange(new XenStoreExchangeOptions
        {
            Endpoint = peer.SocketPath,
            DomainPath = "/local/domain/7",
            StateDirectory = state.Path,
            BootId = "test-boot",
        });
        await exchange.StartAsync(TestContext.Current.CancellationToken);
        await inTransaction.Task.WaitAsync(TestContext.Current.CancellationToken);

        // A guard against hanging the test run, not a measure: the stop must simply complete.
        await exchange.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(1, exchange.AnsweredFromJournal);
    }
}
