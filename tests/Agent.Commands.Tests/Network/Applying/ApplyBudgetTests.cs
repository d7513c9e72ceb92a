using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Commands.Tests.Network.Applying;

/// <summary>
/// How one <c>resetnetwork</c>'s budget is shared, on a manual clock: applying (and recovery's
/// take-down) end where the rollback's reserve begins, and a rollback always gets its whole reserve,
/// however late it starts.
/// </summary>
public sealed class ApplyBudgetTests
{
    private static readonly TimeSpan Seconds50 = TimeSpan.FromSeconds(50);

    private readonly FakeTimeProvider _clock = new();

    /// <summary>50 s in all, 20 s of it kept for the rollback.</summary>
    private ApplyBudget Start() => ApplyBudget.Start(_clock, new NetworkOptions { Deadline = Seconds50, RollbackShare = 0.4 });

    [Fact]
    public void Applying_ends_where_the_rollback_reserve_begins()
    {
        var budget = Start();
        var applying = budget.Applying();

        Assert.Equal(TimeSpan.FromSeconds(30), applying.Remaining);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, applying.Remaining);
        Assert.Equal("the 30 s allowed for applying", applying.Allowance);
    }

    [Fact]
    public void Recovery_takes_the_change_down_in_the_applying_share_and_keeps_the_reserve_for_applying_the_old_files()
    {
        var budget = Start();
        var takingDown = budget.TakingDown();

        Assert.Equal(TimeSpan.FromSeconds(30), takingDown.Remaining);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, takingDown.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(20), budget.Rollback().Remaining);
    }

    [Fact]
    public void A_rollback_starting_early_may_use_the_rest_of_the_whole_budget()
    {
        var budget = Start();
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(45), budget.Rollback().Remaining);
    }

    [Theory]
    [InlineData(45)]
    [InlineData(80)]
    public void A_rollback_starting_after_applying_overran_still_gets_its_whole_reserve(int secondsGone)
    {
        // A program killed at the end of applying took its time to die, past the applying share or even the whole budget.
        var budget = Start();
        _clock.Advance(TimeSpan.FromSeconds(secondsGone));

        var rollback = budget.Rollback();

        Assert.Equal(TimeSpan.FromSeconds(20), rollback.Remaining);
        Assert.Equal("the 20 s kept for the rollback", rollback.Allowance);
    }
}
