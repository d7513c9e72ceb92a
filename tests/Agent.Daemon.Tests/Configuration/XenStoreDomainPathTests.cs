using GuestAgent.Daemon.Configuration;

namespace GuestAgent.Daemon.Tests.Configuration;

/// <summary>The one rule behind <c>--domain-path</c> and <c>xenstore.domainPath</c>.</summary>
public sealed class XenStoreDomainPathTests
{
    [Theory]
    [InlineData("/local/domain/5", "/local/domain/5")]
    [InlineData("/local/domain/5//", "/local/domain/5")]
    [InlineData("local/domain/5", null)]
    [InlineData("/local//domain/5", null)]
    [InlineData("/", null)]
    [InlineData("", null)]
    public void Trailing_slashes_go_and_anything_but_an_absolute_path_is_refused(string text, string? expected)
    {
        Assert.Equal(expected is not null, XenStoreDomainPath.TryNormalize(text, out var normalized));
        Assert.Equal(expected, normalized);
    }
}
