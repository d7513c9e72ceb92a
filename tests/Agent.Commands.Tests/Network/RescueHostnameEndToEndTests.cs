using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Nova's rescue mode sends <c>RESCUE-&lt;hostname&gt;</c>: 70 characters for a 63-character hostname.
/// <c>resetnetwork</c> must still configure the network, and every file and program that takes the
/// hostname gets the same shortened, valid name.
/// </summary>
public sealed class RescueHostnameEndToEndTests
{
    private const string RescueName = "RESCUE-production-database-replica-eu-west-1a-instance-0000042-backups";

    // Cut to 63 characters, which ends in '-', so 62.
    private const string Hostname = "RESCUE-production-database-replica-eu-west-1a-instance-0000042";

    public static TheoryData<string, string, string> HostnameFiles() => new()
    {
        { "ubuntu", "/etc/hostname", Hostname + "\n" },
        { "debian", "/etc/hostname", Hostname + "\n" },
        { "fedora", "/etc/hostname", Hostname + "\n" },
        { "centos", "/etc/hostname", Hostname + "\n" },
        { "centos", "/etc/sysconfig/network", $"NETWORKING=yes\nNETWORKING_IPV6=yes\nHOSTNAME={Hostname}\n" },
        { "opensuse", "/etc/hostname", Hostname + "\n" },
        { "opensuse", "/etc/HOSTNAME", Hostname + "\n" },
        { "arch", "/etc/hostname", Hostname + "\n" },
        { "arch", "/etc/rc.conf", $"DAEMONS=(syslog-ng network)\nHOSTNAME=\"{Hostname}\"\n" },
        { "gentoo", "/etc/hostname", Hostname + "\n" },
        { "gentoo", "/etc/conf.d/hostname", $"# Automatically generated, do not edit\nHOSTNAME=\"{Hostname}\"\nhostname=\"{Hostname}\"\n" },
    };

    [Theory]
    [MemberData(nameof(HostnameFiles))]
    public async Task A_70_character_rescue_name_configures_the_network_and_a_shortened_hostname(string distribution, string path, string expected)
    {
        using var root = RackspaceMachine(distribution);
        // Arch's legacy rc.conf is updated only where it already names the hostname.
        root.Write("/etc/rc.conf", "DAEMONS=(syslog-ng network)\nHOSTNAME=\"old\"\n");

        var result = await ResetAsync(root, VmData(hostname: RescueName));

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(expected, root.Read(path));
        Assert.Contains($"162.209.76.19\t{Hostname}\n", root.Read("/etc/hosts"), StringComparison.Ordinal);
        Assert.Single(root.Actions(), action => action is $"hostnamectl set-hostname {Hostname}" or $"hostname {Hostname}");
        Assert.DoesNotContain(root.Actions(), action => action.Contains("backups", StringComparison.Ordinal));
    }

    [Fact]
    public void FreeBsd_rc_conf_gets_the_shortened_hostname()
    {
        var configuration = NetworkConfigurationBuilder.Build(
            [new("xn0", Encoding.UTF8.GetBytes("""{"mac":"40:40:8f:1e:a0:0a","ips":[{"netmask":"255.255.255.0","enabled":"1","ip":"10.127.31.38"}]}"""))],
            RescueName,
            null,
            [MacAddress.TryParse("40:40:8f:1e:a0:0a", out var mac) ? new SystemInterface("xn0", mac) : throw new InvalidOperationException()],
            new List<string>());

        var text = new FreeBsdRenderer().Render(configuration, new InMemoryFileView()).Files.Single().Contents;

        Assert.Contains($"\nhostname={Hostname}\n", text, StringComparison.Ordinal);
    }
}
