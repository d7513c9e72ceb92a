using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;

namespace GuestAgent.XenStore.Tests.Conformance;

/// <summary>
/// Our client's answers to what the real C xenstored 4.17 (<see cref="CXenstored"/>) says where our
/// embedded server says something else: what a differential test of the servers would only record,
/// these pin the client's reaction to.
/// </summary>
public sealed class CXenstoredClientTests(CXenstoredClientTests.Daemon daemon) : IClassFixture<CXenstoredClientTests.Daemon>
{
    /// <summary>
    /// C 4.17 answers <c>EIO</c> to a transaction's RM of a node removed outside it since the
    /// transaction read it (logging "corruption detected … Can't find child" and checking its store),
    /// and then <c>EAGAIN</c> to its commit: a conflict, which the agent meets when Nova withdraws a
    /// request (<c>xenstore-rm</c> on its timeout) as the agent removes it after answering. The body is
    /// redone, reads the node gone, and the transaction commits; before session 69 the EIO was thrown
    /// (the agent logged an answer it had delivered as "could not be delivered").
    /// </summary>
    [Fact]
    public async Task A_transaction_whose_remove_C_answers_EIO_for_a_node_removed_outside_it_is_redone()
    {
        daemon.C.Require();
        daemon.C.AssertAlive();
        var cancellation = TestContext.Current.CancellationToken;
        await using var agent = await XenStoreClient.ConnectAsync(daemon.C.Dom0Socket, cancellation);
        await using var host = await XenStoreClient.ConnectAsync(daemon.C.Dom0Socket, cancellation);
        const string Request = "/cxs-client/data/host/withdrawn";
        await agent.WriteAsync(Request, "{}", cancellation);
        var passes = 0;

        var removedByUs = await agent.TransactAsync(
            async (transaction, token) =>
            {
                passes++;
                if (await transaction.TryReadAsync(Request, token) is null)
                {
                    return false;
                }

                if (passes == 1)
                {
                    await host.RemoveAsync(Request, token);
                }

                await transaction.RemoveAsync(Request, token);
                return true;
            },
            cancellation);

        Assert.False(removedByUs);
        Assert.Equal(2, passes);
        Assert.Null(await agent.TryReadAsync(Request, cancellation));
        Assert.Contains("Can't find child 'withdrawn'", await File.ReadAllTextAsync(daemon.C.TracePath, cancellation), StringComparison.Ordinal);
    }

    /// <summary>C xenstored, started once for the class with its default quotas; killed at the end.</summary>
    public sealed class Daemon : IAsyncLifetime
    {
        internal CXenstored C { get; private set; } = null!;

        public async ValueTask InitializeAsync() => C = await CXenstored.StartAsync();

        public async ValueTask DisposeAsync()
        {
            // Null when the start failed: the class's failure is that, not a second one here.
            if (C is not null)
            {
                await C.DisposeAsync();
            }
        }
    }
}
