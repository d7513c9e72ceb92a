using GuestAgent.Exchanges;
using GuestAgent.XenStore.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// The sweeper alone, on a manual clock: a response is removed once it is as old as the retention,
/// and never when it was written again after the listing found it (the exchange answering the same
/// id anew), which the removal's own transaction checks; a zero retention removes nothing.
/// </summary>
public sealed class ResponseSweeperTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(2);
    private static readonly string Response = EmbeddedXenStore.GuestHome + "/data/guest/answered";

    [Fact]
    public async Task A_response_exactly_as_old_as_the_retention_is_removed()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await guest.WriteAsync("data/guest/answered", "the answer");
        var time = new FakeTimeProvider();
        var sweeper = new ResponseSweeper("data/host", "data/guest", Retention, time);
        sweeper.Written("answered");

        time.Advance(Retention);
        sweeper.SweepIfDue(guest, CancellationToken.None);
        await sweeper.StopAsync();

        Assert.Equal(1, sweeper.Removed);
        Assert.Null(store.Server.TryRead(Response));
    }

    [Fact]
    public async Task A_response_written_again_after_the_listing_found_it_is_kept()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await guest.WriteAsync("data/guest/answered", "the first answer");
        var time = new FakeTimeProvider();
        ResponseSweeper? sweeper = null;
        // Between the listing and the removal, the exchange answers the same id again.
        sweeper = new ResponseSweeper("data/host", "data/guest", Retention, time, beforeRemoval: async (id, token) =>
        {
            await guest.WriteAsync("data/guest/" + id, "the second answer", token);
            sweeper!.Written(id);
        });
        sweeper.Written("answered");

        time.Advance(Retention + TimeSpan.FromSeconds(1));
        sweeper.SweepIfDue(guest, CancellationToken.None);
        await sweeper.StopAsync();

        Assert.Equal(0, sweeper.Removed);
        Assert.Equal("the second answer"u8.ToArray(), store.Server.TryRead(Response));
    }

    [Fact]
    public async Task A_zero_retention_keeps_every_response_and_lists_them_once()
    {
        // Zero (or less) keeps every response: the one listing only starts their ages, for the quota.
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await guest.WriteAsync("data/guest/answered", "the answer");
        var time = new FakeTimeProvider();
        var sweeper = new ResponseSweeper("data/host", "data/guest", TimeSpan.Zero, time);
        sweeper.Written("answered");

        foreach (var _ in Enumerable.Range(0, 2))
        {
            time.Advance(TimeSpan.FromDays(1));
            sweeper.SweepIfDue(guest, CancellationToken.None);
            await sweeper.StopAsync();
        }

        Assert.Equal(0, sweeper.Removed);
        Assert.Equal(1, sweeper.Sweeps);
        Assert.Equal("the answer"u8.ToArray(), store.Server.TryRead(Response));
    }
}
