using GuestAgent.Exchanges;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>Where the exchange's options put the request and response directories, and the waits they refuse.</summary>
public sealed class XenStoreExchangeOptionsTests
{
    [Theory]
    [InlineData(null, "data/host", "data/guest")]
    [InlineData("/local/domain/7", "/local/domain/7/data/host", "/local/domain/7/data/guest")]
    // A configured home with a trailing slash still names valid paths (XenStore refuses "//").
    [InlineData("/local/domain/7/", "/local/domain/7/data/host", "/local/domain/7/data/guest")]
    public void The_directories_are_under_the_domain_path_when_one_is_set(string? domainPath, string requests, string responses)
    {
        var options = new XenStoreExchangeOptions { DomainPath = domainPath };

        Assert.Equal(requests, options.RequestDirectory);
        Assert.Equal(responses, options.ResponseDirectory);
    }

    /// <summary>
    /// The defaults an SDK user gets, against Nova's waits (nova-agent-protocol.md §1.3, §11.1): a poll
    /// of at most 1–2 s when watches fail, a response kept far past the 60 s Nova waits at most.
    /// </summary>
    [Fact]
    public void The_defaults_fit_novas_timeouts()
    {
        var options = new XenStoreExchangeOptions();

        Assert.True(options.UseWatches);
        Assert.Equal(TimeSpan.FromSeconds(1), options.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RescanInterval);
        Assert.Equal(TimeSpan.FromMinutes(15), options.ResponseRetention);
    }

    [Theory]
    [InlineData(nameof(XenStoreExchangeOptions.PollInterval), 0)]
    [InlineData(nameof(XenStoreExchangeOptions.PollInterval), -1)]
    // Under a millisecond the timer waits none at all: the poll would spin as with zero.
    [InlineData(nameof(XenStoreExchangeOptions.PollInterval), 0.5)]
    [InlineData(nameof(XenStoreExchangeOptions.ReconnectDelay), 0.0001)]
    [InlineData(nameof(XenStoreExchangeOptions.RescanInterval), 0)]
    [InlineData(nameof(XenStoreExchangeOptions.ReconnectDelay), 0)]
    [InlineData(nameof(XenStoreExchangeOptions.MaxReconnectDelay), -1)]
    [InlineData(nameof(XenStoreExchangeOptions.RescanInterval), 50 * 24 * 3600 * 1000.0)]
    public void A_wait_the_exchange_cannot_take_is_refused_naming_the_option(string option, double milliseconds)
    {
        using var directory = new GuestAgent.Testing.TemporaryDirectory("gaxo-");
        var wait = TimeSpan.FromMilliseconds(milliseconds);
        var options = option switch
        {
            nameof(XenStoreExchangeOptions.PollInterval) => new XenStoreExchangeOptions { StateDirectory = directory.Path, PollInterval = wait },
            nameof(XenStoreExchangeOptions.RescanInterval) => new XenStoreExchangeOptions { StateDirectory = directory.Path, RescanInterval = wait },
            nameof(XenStoreExchangeOptions.ReconnectDelay) => new XenStoreExchangeOptions { StateDirectory = directory.Path, ReconnectDelay = wait },
            _ => new XenStoreExchangeOptions { StateDirectory = directory.Path, MaxReconnectDelay = wait },
        };

        // Refused when the exchange is made, not later in its pump, where a failing wait would look
        // like a lost connection (or a zero one would spin while XenStore is away).
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new XenStoreExchange(options));

        Assert.Equal(option, error.ParamName);
        Assert.StartsWith($"XenStoreExchangeOptions.{option} must be at least 1 ms and at most 49.7 days.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_longest_reconnect_delay_shorter_than_the_first_is_refused_naming_both()
    {
        using var directory = new GuestAgent.Testing.TemporaryDirectory("gaxo-");
        var options = new XenStoreExchangeOptions
        {
            StateDirectory = directory.Path,
            ReconnectDelay = TimeSpan.FromSeconds(10),
            MaxReconnectDelay = TimeSpan.FromSeconds(5),
        };

        // Accepted, the first retry would wait 10 s and every later one 5 s: a "backoff" that
        // shortens, which is neither value's meaning.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new XenStoreExchange(options));

        Assert.Equal(nameof(XenStoreExchangeOptions.MaxReconnectDelay), error.ParamName);
        Assert.StartsWith(
            "XenStoreExchangeOptions.MaxReconnectDelay (00:00:05) must be at least XenStoreExchangeOptions.ReconnectDelay (00:00:10), the first delay it doubles up to.",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_longest_reconnect_delay_equal_to_the_first_is_taken()
    {
        using var directory = new GuestAgent.Testing.TemporaryDirectory("gaxo-");
        var options = new XenStoreExchangeOptions
        {
            StateDirectory = directory.Path,
            ReconnectDelay = TimeSpan.FromSeconds(5),
            MaxReconnectDelay = TimeSpan.FromSeconds(5),
        };

        await using var exchange = new XenStoreExchange(options);

        Assert.Equal(0, exchange.Connections);
    }

    [Fact]
    public async Task The_shortest_and_longest_waits_are_taken()
    {
        using var directory = new GuestAgent.Testing.TemporaryDirectory("gaxo-");
        var options = new XenStoreExchangeOptions
        {
            StateDirectory = directory.Path,
            PollInterval = TimeSpan.FromMilliseconds(1),
            RescanInterval = XenStoreExchangeOptions.LongestWait,
            ReconnectDelay = TimeSpan.FromMilliseconds(1),
            MaxReconnectDelay = XenStoreExchangeOptions.LongestWait,
        };

        await using var exchange = new XenStoreExchange(options);

        Assert.Equal(0, exchange.Connections);
    }
}
