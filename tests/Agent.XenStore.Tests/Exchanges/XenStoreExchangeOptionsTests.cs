using GuestAgent.Exchanges;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>Where the exchange's options put the request and response directories.</summary>
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
}
