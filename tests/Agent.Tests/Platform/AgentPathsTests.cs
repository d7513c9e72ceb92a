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
}
