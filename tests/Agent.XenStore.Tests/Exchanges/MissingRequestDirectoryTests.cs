using System.Text;
using GuestAgent.XenStore.Wire;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// A guest whose <c>data/host</c> is missing (nova-agent-protocol.md §1.5: the original agent runs
/// <c>mkdir data/host</c> at start and again when a scan finds it gone): the agent makes it, and a
/// <c>data/host</c> removed while the agent runs does not stop it from serving what dom0 writes
/// there next (dom0's write makes the missing directory again).
/// </summary>
public sealed class MissingRequestDirectoryTests
{
    private static byte[] Request(string id) => Encoding.UTF8.GetBytes($$"""{"name": "echo", "value": "{{id}}"}""");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_missing_data_host_is_made_at_start_and_requests_written_there_are_answered(bool useWatches)
    {
        await using var harness = new ExchangeHarness();
        harness.Store.Server.Remove(Requests);
        Assert.Null(harness.Store.Server.TryList(Requests));

        await harness.StartAgentAsync(useWatches);
        await WaitUntilAsync(() => harness.Store.Server.TryList(Requests) is not null);
        // The guest owns what it made, and gives no other domain write access (spec §10.1, XenStore trust).
        var permissions = harness.Store.Server.TryGetPermissions(Requests)!;
        // The first entry is the owner and, in its access, what every domain not listed may do.
        Assert.Equal(7u, permissions[0].DomainId);
        Assert.False(permissions[0].Access.HasFlag(XenStoreAccess.Write), $"every domain may write {Requests}");
        Assert.DoesNotContain(permissions.Skip(1), p => p.DomainId != 7 && p.Access.HasFlag(XenStoreAccess.Write));
        harness.Store.Server.Write($"{Requests}/after-mkdir", Request("after-mkdir"));

        Assert.Equal("""{"returncode":"0","message":"after-mkdir"}""", (await harness.WaitForResponsesAsync(["after-mkdir"]))["after-mkdir"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Data_host_removed_while_the_agent_runs_still_brings_the_next_request(bool useWatches)
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync(useWatches);
        harness.Store.Server.Write($"{Requests}/before", Request("before"));
        await harness.WaitForResponsesAsync(["before"]);

        harness.Store.Server.Remove(Requests);
        harness.Store.Server.Write($"{Requests}/after-removal", Request("after-removal"));

        Assert.Equal("""{"returncode":"0","message":"after-removal"}""", (await harness.WaitForResponsesAsync(["after-removal"]))["after-removal"]);
        Assert.Equal(["before", "after-removal"], harness.Registry.Order);
    }
}
