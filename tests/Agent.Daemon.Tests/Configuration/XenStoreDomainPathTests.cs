using GuestAgent.Daemon.Configuration;

namespace GuestAgent.Daemon.Tests.Configuration;

/// <summary>
/// The one rule behind <c>--domain-path</c> and <c>xenstore.domainPath</c>: an absolute path of the
/// characters XenStore allows. One it would refuse (a space, a line break) failed every request with
/// EINVAL at run time, and a line break reached systemd's status line as a notification of its own.
/// </summary>
public sealed class XenStoreDomainPathTests
{
    [Theory]
    [InlineData("/local/domain/5", "/local/domain/5")]
    [InlineData("/local/domain/5//", "/local/domain/5")]
    [InlineData("local/domain/5", null)]
    [InlineData("/local//domain/5", null)]
    [InlineData("/", null)]
    [InlineData("", null)]
    [InlineData("/local/domain/5 ", null)]
    [InlineData("/local/domain/5\nREADY=1", null)]
    [InlineData("/local/domain/caf\u00e9", null)]
    [InlineData("/local/domain/my-vm_2@x", "/local/domain/my-vm_2@x")]
    public void Trailing_slashes_go_and_anything_but_an_absolute_path_is_refused(string text, string? expected)
    {
        Assert.Equal(expected is not null, XenStoreDomainPath.TryNormalize(text, out var normalized));
        Assert.Equal(expected, normalized);
    }
}
