using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// After <c>resetnetwork</c>, the machine is what the host named it to the real readers: the kernel's
/// name set from the written <c>/etc/hostname</c> (<c>hostname -F</c>, as boot does), glibc
/// resolving it through the written <c>/etc/hosts</c> to the first interface's address, and
/// <c>hostname -f</c>/<c>-d</c> giving the name the host sent (its domain when it sent a dotted
/// name), whatever the old hosts file held (<see cref="HostnameConsumers"/>).
/// </summary>
public sealed class HostnameResolutionTests
{
    /// <summary>eth0's first IPv4 address in the Rackspace fixture.</summary>
    private const string Eth0 = "162.209.76.19";

    private const string Loopback = "127.0.0.1\tlocalhost\n";

    private static async Task<HostnameConsumers.Answers> ResetAndAskAsync(string distribution, string hosts, string novaName, string lookup)
    {
        using var root = RackspaceMachine(distribution);
        root.Write("/etc/hosts", hosts);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(hostname: novaName)));

        return await HostnameConsumers.AskAsync(root.Read("/etc/hosts")!, root.Host("/etc/hostname"), lookup);
    }

    [Theory]
    [InlineData("ubuntu")]
    [InlineData("debian")]
    [InlineData("fedora")]
    [InlineData("centos")]
    [InlineData("opensuse")]
    [InlineData("arch")]
    [InlineData("gentoo")]
    public async Task Every_linux_family_resolves_the_short_name_and_the_fqdn_it_was_given(string distribution)
    {
        Assert.Equal(new("test-server", "test-server", "", Eth0), await ResetAndAskAsync(distribution, Loopback, "test-server", "test-server"));
        Assert.Equal(new("web.example.org", "web.example.org", "example.org", Eth0), await ResetAndAskAsync(distribution, Loopback, "web.example.org", "web.example.org"));
    }

    public static TheoryData<string, string, string, string, string> OldHostsFiles() => new()
    {
        // The old name alone on our address: commented out and replaced.
        { Loopback + Eth0 + "\told-name\n", "test-server", "test-server", "test-server", "" },
        // The original's shape: a short name before its dotted name, the short one replaced.
        { Loopback + Eth0 + "\told-name old-name.example.com\n", "test-server", "test-server", "test-server", "" },
        // The usual shape (the FQDN first, as hostname -f wants it): the old FQDN must not stay the canonical name.
        { Loopback + Eth0 + "\told-name.example.com old-name\n", "test-server", "test-server", "test-server", "" },
        { Loopback + Eth0 + "\told-name.example.com old-name\n", "web.example.org", "web.example.org", "web.example.org", "example.org" },
        // A line already right keeps its FQDN, in any case glibc compares in.
        { Loopback + Eth0 + "\ttest-server.example.com test-server\n", "test-server", "test-server", "test-server.example.com", "example.com" },
        { Loopback + Eth0 + "\tTest-Server.example.com TEST-SERVER\n", "test-server", "test-server", "Test-Server.example.com", "example.com" },
        // Lines the rules leave alone (three names, two short ones, two dotted ones, none): the name is still mapped.
        { Loopback + Eth0 + "\told-name.example.com old-name www\n", "test-server", "test-server", "test-server", "" },
        { Loopback + Eth0 + "\told-name www\n", "test-server", "test-server", "test-server", "" },
        { Loopback + Eth0 + "\told-name.example.com www.example.com\n", "test-server", "test-server", "test-server", "" },
        { Loopback + Eth0 + "\n", "test-server", "test-server", "test-server", "" },
        // ...and not mapped twice where such a line already names it.
        { Loopback + Eth0 + "\ttest-server.example.com test-server www\n", "test-server", "test-server", "test-server.example.com", "example.com" },
        // Debian's 127.0.1.1 line with the old name.
        { Loopback + "127.0.1.1\told-name\n::1\tlocalhost ip6-localhost ip6-loopback\n", "test-server", "test-server", "test-server", "" },
        // The old name on several lines, and an IPv6 loopback line naming it.
        { Loopback + "::1\tlocalhost old-name\n" + Eth0 + "\told-name\n10.208.227.239\told-name\n192.0.2.5\told-name\n", "test-server", "test-server", "test-server", "" },
        // Uppercase from Nova: the kernel keeps the case, glibc compares without it.
        { Loopback, "Web-01", "Web-01", "Web-01", "" },
        // Rescue's 70 characters: shortened to 63, the name every place gets.
        { Loopback, "RESCUE-production-database-replica-eu-west-1a-instance-0000042-backups", "RESCUE-production-database-replica-eu-west-1a-instance-0000042", "RESCUE-production-database-replica-eu-west-1a-instance-0000042", "" },
        // A dotted name over 63 characters: its first label.
        { Loopback, "db-7.a-rather-long-subdomain-name.of-a-rather-long-domain.example.org", "db-7", "db-7", "" },
        // Exactly 63 characters, dotted: kept whole.
        { Loopback, "host-012345678.abcdefghijklmnopqrstuvwxyz0123456789.example.org", "host-012345678.abcdefghijklmnopqrstuvwxyz0123456789.example.org", "host-012345678.abcdefghijklmnopqrstuvwxyz0123456789.example.org", "abcdefghijklmnopqrstuvwxyz0123456789.example.org" },
    };

    [Fact]
    public async Task Debians_127_0_1_1_line_with_the_new_names_fqdn_stays_first_and_gives_hostname_f_its_fqdn()
    {
        const string hosts = Loopback + "127.0.1.1\ttest-server.example.com test-server\n";

        Assert.Equal(new("test-server", "test-server.example.com", "example.com", "127.0.1.1"), await ResetAndAskAsync("debian", hosts, "test-server", "test-server"));
    }

    [Theory]
    [MemberData(nameof(OldHostsFiles))]
    public async Task The_name_resolves_to_the_first_interface_and_hostname_f_gives_it(string hosts, string novaName, string name, string fqdn, string domain)
    {
        Assert.Equal(new(name, fqdn, domain, Eth0), await ResetAndAskAsync("debian", hosts, novaName, name));
    }
}
