using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The edges of the <c>/etc/hosts</c> rewrite as glibc and the <c>hostname</c> tool read the result
/// (<see cref="HostnameConsumers.ResolveAsync"/>): a name another line already claims, a loopback name
/// from the host, a dotted name's short label, and files with CRLF, tabs, comments and no last newline.
/// </summary>
public sealed class HostsFileEdgeResolutionTests
{
    /// <summary>The first address of each family of each interface in the Rackspace fixture, sorted.</summary>
    private const string Ours = "10.208.227.239 162.209.76.19 2001:4802:7802:104:be76:4eff:fe20:6c5a";

    private const string Loopback = "127.0.0.1\tlocalhost\n";

    /// <summary>Debian 12's installed <c>/etc/hosts</c>, with the image's old name on 127.0.1.1.</summary>
    private const string DebianHosts =
        "127.0.0.1\tlocalhost\n127.0.1.1\told-name\n\n# The following lines are desirable for IPv6 capable hosts\n" +
        "::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n";

    /// <summary>Red Hat's <c>/etc/hosts</c> (setup package).</summary>
    private const string RedHatHosts =
        "127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n" +
        "::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n";

    private static async Task<(string Hosts, HostnameConsumers.Resolution Resolution)> ResetAndResolveAsync(string hosts, string novaName, params string[] lookups)
    {
        using var root = RackspaceMachine("debian");
        root.Write("/etc/hosts", hosts);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(hostname: novaName)));

        var written = root.Read("/etc/hosts")!;
        return (written, await HostnameConsumers.ResolveAsync(written, root.Host("/etc/hostname"), lookups));
    }

    [Fact]
    public async Task A_name_another_line_already_claims_resolves_there_first_as_documented()
    {
        // Lines of other addresses are never changed (docs/networking.md): glibc's canonical name
        // comes from that first line, and, with Debian's "multi on", our addresses follow its own.
        var (_, resolution) = await ResetAndResolveAsync(Loopback + "10.0.0.5\tweb1.example.com web1\n", "web1", "web1");

        Assert.Equal("web1.example.com", resolution.Fqdn);
        Assert.Equal("10.0.0.5 " + Ours, resolution.OwnAddresses);
        Assert.Equal("10.0.0.5 " + Ours, resolution.Lookups["web1"]);
    }

    [Theory]
    [InlineData("localhost", "localhost", "127.0.0.1 ::1")]
    [InlineData("LOCALHOST", "localhost", "127.0.0.1 ::1")]
    [InlineData("localhost.localdomain", "localhost.localdomain", "127.0.0.1")]
    [InlineData("web.localhost", "web.localhost", "127.0.0.1")]
    public async Task A_loopback_name_from_the_host_keeps_localhost_on_the_loopback_addresses(string novaName, string fqdn, string own)
    {
        var (written, resolution) = await ResetAndResolveAsync(DebianHosts, novaName, "localhost", novaName);

        // The loopback lines stay as they were, and no interface address answers for localhost: a
        // service told to listen on "localhost" would otherwise listen on the public address too.
        Assert.StartsWith("127.0.0.1\tlocalhost\n127.0.1.1\told-name\n", written, StringComparison.Ordinal);
        Assert.Contains("::1     localhost ip6-localhost ip6-loopback\n", written, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1 ::1", resolution.Lookups["localhost"]);
        Assert.Equal(own, resolution.Lookups[novaName]);
        Assert.Equal(own, resolution.OwnAddresses);
        Assert.Equal(fqdn, resolution.Fqdn);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("web.localhost")]
    public async Task A_line_an_older_agent_gave_a_loopback_name_no_longer_maps_it_to_our_address(string novaName)
    {
        // The original agent, given a loopback name, appended "<ip>\t<name>" for each address of ours
        // (and so did this one before session 59); such a line, with that one name, is commented out.
        var hosts = DebianHosts + $"162.209.76.19\t{novaName}\n2001:4802:7802:104:be76:4eff:fe20:6c5a\t{novaName}\n10.0.0.5\tlocalhost\n";

        var (written, resolution) = await ResetAndResolveAsync(hosts, novaName, "localhost", novaName);

        Assert.Contains($"# 162.209.76.19\t{novaName}\t# Removed by nova-agent\n", written, StringComparison.Ordinal);
        // Another address's line is never changed (as documented), so 10.0.0.5 still answers.
        Assert.Equal("10.0.0.5 127.0.0.1 ::1", resolution.Lookups["localhost"]);
        Assert.Equal(novaName == "localhost" ? "10.0.0.5 127.0.0.1 ::1" : "127.0.0.1", resolution.Lookups[novaName]);
    }

    [Fact]
    public async Task Red_hats_localhost_localdomain_is_already_mapped_and_the_file_is_left_as_it_is()
    {
        var (written, resolution) = await ResetAndResolveAsync(RedHatHosts, "localhost.localdomain", "localhost", "localhost.localdomain");

        Assert.Equal(RedHatHosts, written);
        Assert.Equal("127.0.0.1 ::1", resolution.Lookups["localhost"]);
        Assert.Equal("127.0.0.1 ::1", resolution.Lookups["localhost.localdomain"]);
        Assert.Equal("localhost", resolution.Fqdn);
    }

    [Theory]
    [InlineData(Loopback)]
    [InlineData(Loopback + "162.209.76.19\told-name\n")]
    [InlineData(Loopback + "162.209.76.19\told-name.example.com old-name\n")]
    [InlineData(Loopback + "162.209.76.19\told-name old-name.example.com\n")]
    public async Task A_dotted_names_short_label_resolves_to_our_addresses_too(string hosts)
    {
        // Debian's convention, and cloud-init's: the FQDN first, then its short label.
        var (_, resolution) = await ResetAndResolveAsync(hosts, "web1.example.com", "web1", "web1.example.com");

        Assert.Equal("web1.example.com", resolution.Fqdn);
        Assert.Equal("web1", resolution.Short);
        Assert.Equal(Ours, resolution.Lookups["web1"]);
        Assert.Equal(Ours, resolution.Lookups["web1.example.com"]);
    }

    [Fact]
    public async Task A_dotted_name_whose_short_label_is_localhost_does_not_map_localhost_to_our_addresses()
    {
        var (_, resolution) = await ResetAndResolveAsync(DebianHosts, "localhost.example.com", "localhost", "localhost.example.com");

        Assert.Equal("127.0.0.1 ::1", resolution.Lookups["localhost"]);
        Assert.Equal(Ours, resolution.Lookups["localhost.example.com"]);
        Assert.Equal("localhost.example.com", resolution.Fqdn);
    }

    [Fact]
    public async Task Crlf_tabs_end_of_line_comments_and_no_last_newline_keep_every_other_name_resolving()
    {
        const string hosts = "127.0.0.1\tlocalhost\r\n127.0.1.1 \t old.example.com old myalias # added by hand\r\n"
            + "162.209.76.19\t\told-name   # eth0\r\n10.1.1.1\tdb db.internal";

        var (_, resolution) = await ResetAndResolveAsync(hosts, "test-server", "test-server", "myalias", "old", "db.internal", "old-name", "localhost");

        Assert.Equal("test-server", resolution.Fqdn);
        Assert.Equal(Ours, resolution.Lookups["test-server"]);
        Assert.Equal(Ours, resolution.OwnAddresses);
        Assert.Equal("127.0.1.1", resolution.Lookups["myalias"]);
        Assert.Equal("127.0.1.1", resolution.Lookups["old"]);
        Assert.Equal("10.1.1.1", resolution.Lookups["db.internal"]);
        Assert.Equal("(failed)", resolution.Lookups["old-name"]);
        Assert.Equal("127.0.0.1", resolution.Lookups["localhost"]);
    }
}
