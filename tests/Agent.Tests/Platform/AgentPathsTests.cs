using GuestAgent.Platform;

namespace GuestAgent.Tests.Platform;

public sealed class AgentPathsTests
{
    [Theory]
    [InlineData("/etc/resolv.conf", "/etc")]
    [InlineData("/etc/netplan/", "/etc")]
    [InlineData("/var/lib/guest-agent/actions.log", "/var/lib/guest-agent")]
    [InlineData("/etc", "/")]
    [InlineData("/", "/")]
    public void The_parent_of_an_agent_path(string path, string expected)
    {
        Assert.Equal(expected, AgentPaths.Parent(path));
    }

    [Theory]
    [InlineData("/var/lib/guest-agent", "/var/lib/guest-agent")]
    [InlineData("/srv/data/", "/srv/data")]
    [InlineData("/", "/")]
    [InlineData("//", "/")]
    [InlineData("/srv..d/x.y", "/srv..d/x.y")]
    public void A_configured_directory_is_kept_without_trailing_slashes(string path, string expected)
    {
        Assert.True(AgentPaths.TryNormalizeConfiguredDirectory(path, out var normalized, out var problem));
        Assert.Equal(expected, normalized);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(null, "must be an absolute path")]
    [InlineData("", "must be an absolute path")]
    [InlineData("var/lib", "must be an absolute path")]
    [InlineData("/var/\0lib", "must be an absolute path")]
    [InlineData("/root/../etc", "must not contain '.' or '..'")]
    [InlineData("/srv/.", "must not contain '.' or '..'")]
    public void A_configured_directory_that_is_not_absolute_and_plain_is_refused_with_the_reason(string? path, string expected)
    {
        Assert.False(AgentPaths.TryNormalizeConfiguredDirectory(path, out var normalized, out var problem));
        Assert.Null(normalized);
        Assert.Equal(expected, problem);
    }
}
