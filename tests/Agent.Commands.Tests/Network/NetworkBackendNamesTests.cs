using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Tests.Network;

public sealed class NetworkBackendNamesTests
{
    [Fact]
    public void Every_backend_has_a_configuration_name_that_parses_back()
    {
        foreach (var backend in Enum.GetValues<NetworkBackend>())
        {
            Assert.True(NetworkBackendNames.TryParse(NetworkBackendNames.NameOf(backend).ToUpperInvariant(), out var parsed));
            Assert.Equal(backend, parsed);
        }

        Assert.Equal(Enum.GetValues<NetworkBackend>().Length, NetworkBackendNames.All.Distinct().Count());
        Assert.False(NetworkBackendNames.TryParse("wicked", out _));
    }
}
