using GuestAgent.Commands.Network;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Daemon.Tests.Hosting;

public sealed class AgentCompositionTests
{
    [Fact]
    public void The_network_settings_reach_resetnetwork()
    {
        using var root = new TemporaryDirectory();
        var settings = new AgentSettings
        {
            Root = root.Path,
            NetworkDeadline = TimeSpan.FromSeconds(12),
            NetworkRollbackShare = 0.25,
            SetHostname = false,
            ResolvConf = ResolvConfPolicy.Never,
        };

        var options = Assert.IsType<NetworkOptions>(AgentComposition.Create(settings, NullLoggerFactory.Instance).Services.GetService(typeof(NetworkOptions)));

        Assert.Equal(new NetworkOptions { Deadline = TimeSpan.FromSeconds(12), RollbackShare = 0.25, SetHostname = false, ResolvConf = ResolvConfPolicy.Never }, options);
    }
}
