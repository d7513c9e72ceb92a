using GuestAgent.Exchanges;
using Microsoft.Extensions.Time.Testing;
using static GuestAgent.Exchanges.RepeatedFailures.Loudness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// How loud a failure that keeps repeating is logged, on a manual clock: the first of a condition
/// and a change of its reason are warnings, a reminder comes once the interval is over (not before),
/// repeats in between are quiet, and each key (request) has a streak of its own.
/// </summary>
public sealed class RepeatedFailuresTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    [Fact]
    public void A_streak_warns_first_stays_quiet_then_reminds_exactly_when_the_interval_is_over()
    {
        var time = new FakeTimeProvider();
        var failures = new RepeatedFailures(time, Interval);

        Assert.Equal(new RepeatedFailures.Failure(First, 1, TimeSpan.Zero), failures.Report("a", "EACCES"));
        time.Advance(Interval - TimeSpan.FromTicks(1));
        Assert.Equal(new RepeatedFailures.Failure(Repeat, 2, Interval - TimeSpan.FromTicks(1)), failures.Report("a", "EACCES"));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(new RepeatedFailures.Failure(Reminder, 3, Interval), failures.Report("a", "EACCES"));
        // The next reminder counts from this one, not from the start of the streak.
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Repeat, failures.Report("a", "EACCES").Loudness);
        Assert.True(failures.IsFailing("a"));
    }

    [Fact]
    public void A_new_reason_is_a_warning_again_and_restarts_the_reminder_interval()
    {
        var time = new FakeTimeProvider();
        var failures = new RepeatedFailures(time, Interval);
        failures.Report("a", "EACCES");
        time.Advance(TimeSpan.FromMinutes(9));

        Assert.Equal(new RepeatedFailures.Failure(First, 2, TimeSpan.FromMinutes(9)), failures.Report("a", "EINVAL"));
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(Repeat, failures.Report("a", "EINVAL").Loudness);
    }

    [Fact]
    public void Each_key_has_its_own_streak_and_Retain_forgets_only_the_keys_gone()
    {
        var time = new FakeTimeProvider();
        var failures = new RepeatedFailures(time, Interval);
        failures.Report("kept", "EACCES");
        failures.Report("gone", "EACCES");

        failures.Retain(key => key == "kept");

        Assert.True(failures.IsFailing("kept"));
        Assert.False(failures.IsFailing("gone"));
        Assert.Equal(Repeat, failures.Report("kept", "EACCES").Loudness);
        Assert.Equal(First, failures.Report("gone", "EACCES").Loudness);
    }

    [Fact]
    public void Clearing_reports_how_many_failures_over_how_long_once()
    {
        var time = new FakeTimeProvider();
        var failures = new RepeatedFailures(time, Interval);
        failures.Report("a", "EACCES");
        time.Advance(TimeSpan.FromSeconds(3));
        failures.Report("a", "EACCES");

        Assert.Equal(new RepeatedFailures.Failure(Repeat, 2, TimeSpan.FromSeconds(3)), failures.Clear("a"));
        Assert.False(failures.IsFailing("a"));
        Assert.Equal(default, failures.Clear("a"));
    }
}
