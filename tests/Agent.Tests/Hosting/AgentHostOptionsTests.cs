using GuestAgent.Hosting;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// <see cref="AgentHostOptions"/> refuses, when set, a value the host would turn into a hot loop or a
/// crash at shutdown; <see cref="AgentHost"/> refuses a backoff whose cap is below its start.
/// </summary>
public sealed class AgentHostOptionsTests
{
    public static TheoryData<TimeSpan> BadRetryDelays => [TimeSpan.Zero, TimeSpan.FromSeconds(-1), Timeout.InfiniteTimeSpan, TimeSpan.FromDays(50)];

    [Theory]
    [MemberData(nameof(BadRetryDelays))]
    public void A_retry_delay_that_is_not_positive_or_beyond_a_timers_reach_is_refused(TimeSpan delay)
    {
        var failure = Assert.Throws<ArgumentOutOfRangeException>(() => new AgentHostOptions { RetryDelay = delay });
        Assert.Equal("RetryDelay", failure.ParamName);
        Assert.Contains("must be more than zero", failure.Message, StringComparison.Ordinal);

        failure = Assert.Throws<ArgumentOutOfRangeException>(() => new AgentHostOptions { MaxRetryDelay = delay });
        Assert.Equal("MaxRetryDelay", failure.ParamName);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-0.002)]
    [InlineData(49.0 * 24 * 3600 + 86_000)]
    public void A_shutdown_timeout_that_is_negative_or_beyond_a_timers_reach_is_refused(double seconds)
    {
        var failure = Assert.Throws<ArgumentOutOfRangeException>(() => new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(seconds) });

        Assert.Equal("ShutdownTimeout", failure.ParamName);
        Assert.Contains("must be between 0 and", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_infinite_and_49_days_are_valid_shutdown_timeouts()
    {
        Assert.Equal(TimeSpan.Zero, new AgentHostOptions { ShutdownTimeout = TimeSpan.Zero }.ShutdownTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, new AgentHostOptions { ShutdownTimeout = Timeout.InfiniteTimeSpan }.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromDays(49), new AgentHostOptions { ShutdownTimeout = TimeSpan.FromDays(49) }.ShutdownTimeout);
    }

    [Fact]
    public void A_cap_shorter_than_the_first_retry_delay_is_refused_by_the_host()
    {
        // Each value alone is fine; the pair is checked once both are set, whatever their order.
        var options = new AgentHostOptions { RetryDelay = TimeSpan.FromMinutes(2) };

        var failure = Assert.Throws<ArgumentOutOfRangeException>(() => new AgentHost(options));

        Assert.Equal("options", failure.ParamName);
        Assert.Contains("MaxRetryDelay (00:01:00) is shorter than RetryDelay (00:02:00)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(2), new AgentHost(new AgentHostOptions { RetryDelay = TimeSpan.FromMinutes(2), MaxRetryDelay = TimeSpan.FromMinutes(2) }).Options.MaxRetryDelay);
    }

    [Fact]
    public void A_null_clock_is_refused()
    {
        var failure = Assert.Throws<ArgumentNullException>(() => new AgentHostOptions { TimeProvider = null! });

        Assert.Equal("TimeProvider", failure.ParamName);
    }
}
