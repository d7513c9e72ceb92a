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

    [Theory]
    [InlineData("systemd-networkd", NetworkBackend.SystemdNetworkd)]
    [InlineData(" Network-Manager ", NetworkBackend.NetworkManager)]
    [InlineData("redhat-ifcfg", NetworkBackend.RedHatIfcfg)]
    [InlineData("suse-ifcfg", NetworkBackend.SuseIfcfg)]
    [InlineData("gentoo-netifrc", NetworkBackend.GentooNetifrc)]
    [InlineData("FREEBSD-RCCONF", NetworkBackend.FreeBsdRcConf)]
    public void The_spelled_out_names_are_aliases_of_the_short_ones(string name, NetworkBackend expected)
    {
        Assert.True(NetworkBackendNames.TryParse(name, out var parsed));
        Assert.Equal(expected, parsed);
        Assert.Equal(NetworkBackendNames.All.Count, NetworkBackendNames.LongNames.Distinct().Count());
    }
}
