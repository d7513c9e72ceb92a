using System.Net;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The texts behind <see cref="HostnameResolutionTests"/>: glibc takes a line's first name as the
/// canonical one (<c>hostname -f</c>) and the first line naming a name, so a rewritten line puts the
/// new hostname first, a line that already names it is left as it is, and a line the rules leave
/// alone without the name does not stop the address being mapped to it.
/// </summary>
public sealed class HostsFileCanonicalNameTests
{
    private static readonly IPAddress Ip = IPAddress.Parse("192.0.2.1");

    [Theory]
    [InlineData("192.0.2.1\told.example.com old\n", "# 192.0.2.1\told.example.com old\t# Removed by nova-agent\n192.0.2.1\texample old.example.com\n")]
    [InlineData("192.0.2.1\told old.example.com\n", "# 192.0.2.1\told old.example.com\t# Removed by nova-agent\n192.0.2.1\texample old.example.com\n")]
    [InlineData("192.0.2.1\told.example.com old # kept\n", "# 192.0.2.1\told.example.com old # kept\t# Removed by nova-agent\n192.0.2.1\texample old.example.com\t# kept\n")]
    public void A_replaced_short_name_puts_the_hostname_first(string current, string expected) =>
        Assert.Equal(expected, HostsFileRewriter.Rewrite(current, [Ip], "example"));

    [Theory]
    [InlineData("192.0.2.1\texample.example.com example\n")]
    [InlineData("192.0.2.1\texample example.example.com\n")]
    [InlineData("192.0.2.1\tEXAMPLE.example.com Example\n")]
    [InlineData("192.0.2.1\texample.example.com example www\n")]
    public void A_line_that_already_names_the_hostname_is_left_alone(string current) =>
        Assert.Equal(current, HostsFileRewriter.Rewrite(current, [Ip], "example"));

    [Fact]
    public void A_dotted_hostname_already_on_its_line_is_left_alone() =>
        Assert.Equal("192.0.2.1\tweb.example.org web\n", HostsFileRewriter.Rewrite("192.0.2.1\tweb.example.org web\n", [Ip], "web.example.org"));

    [Theory]
    [InlineData("192.0.2.1\told.example.com old www\n")]
    [InlineData("192.0.2.1\told www\n")]
    [InlineData("192.0.2.1\told.example.com www.example.com\n")]
    [InlineData("192.0.2.1\n")]
    public void A_line_left_alone_without_the_hostname_still_gets_it_mapped(string current) =>
        Assert.Equal(current + "192.0.2.1\texample\n", HostsFileRewriter.Rewrite(current, [Ip], "example"));

    [Fact]
    public void A_later_line_of_the_address_is_rewritten_after_one_left_alone() =>
        Assert.Equal(
            "192.0.2.1\ta b c\n# 192.0.2.1\told\t# Removed by nova-agent\n192.0.2.1\texample\n",
            HostsFileRewriter.Rewrite("192.0.2.1\ta b c\n192.0.2.1\told\n", [Ip], "example"));

    [Theory]
    [InlineData("192.0.2.1\told.example.com old\n")]
    [InlineData("192.0.2.1\told old.example.com\n")]
    [InlineData("192.0.2.1\told\n")]
    [InlineData("192.0.2.1\told.example.com old www\n")]
    [InlineData("")]
    public void A_second_reset_with_the_same_name_changes_nothing(string current)
    {
        // The original rewrote a two-name line that already held the hostname on every reset, one
        // more "# Removed by nova-agent" line each time.
        var first = HostsFileRewriter.Rewrite(current, [Ip], "example");

        Assert.Equal(first, HostsFileRewriter.Rewrite(first, [Ip], "example"));
    }

    [Theory]
    [InlineData("", "192.0.2.1\tweb.example.org web\n")]
    [InlineData("192.0.2.1\told\n", "# 192.0.2.1\told\t# Removed by nova-agent\n192.0.2.1\tweb.example.org web\n")]
    [InlineData("192.0.2.1\told.example.com old\n", "# 192.0.2.1\told.example.com old\t# Removed by nova-agent\n192.0.2.1\tweb.example.org web old.example.com\n")]
    [InlineData("192.0.2.1\tweb.example.org\n", "192.0.2.1\tweb.example.org\n")]
    public void A_dotted_hostname_is_written_with_its_short_label(string current, string expected)
    {
        Assert.Equal(expected, HostsFileRewriter.Rewrite(current, [Ip], "web.example.org"));
        Assert.Equal(expected, HostsFileRewriter.Rewrite(expected, [Ip], "web.example.org"));
    }

    [Fact]
    public void A_short_label_that_is_a_loopback_name_is_not_written() =>
        Assert.Equal("192.0.2.1\tlocalhost.example.com\n", HostsFileRewriter.Rewrite("", [Ip], "localhost.example.com"));

    [Theory]
    [InlineData("127.0.0.1\tlocalhost\n192.0.2.1\told\n", "localhost")]
    [InlineData("127.0.0.1\tlocalhost\n192.0.2.1\told\n", "LocalHost")]
    [InlineData("::1 localhost ip6-localhost # v6\n", "localhost")]
    [InlineData("127.0.0.1   localhost localhost.localdomain localhost4\r\n", "localhost.localdomain")]
    [InlineData("127.0.1.1\tweb.localhost", "web.localhost")]
    public void A_loopback_name_a_loopback_line_names_leaves_the_file_as_it_is(string current, string hostname) =>
        Assert.Equal(current, HostsFileRewriter.Rewrite(current, [Ip], hostname));

    [Theory]
    [InlineData("", "127.0.0.1\tlocalhost\n")]
    [InlineData("127.0.0.1\tlocalhost", "127.0.0.1\tlocalhost\n127.0.0.1\tlocalhost.localdomain\n")]
    [InlineData("# localhost.localdomain\n192.0.2.1\tlocalhost.localdomain\n", "# localhost.localdomain\n# 192.0.2.1\tlocalhost.localdomain\t# Removed by nova-agent\n127.0.0.1\tlocalhost.localdomain\n")]
    public void A_loopback_name_no_loopback_line_names_goes_to_127_0_0_1_never_to_our_address(string current, string expected) =>
        Assert.Equal(expected, HostsFileRewriter.Rewrite(current, [Ip], expected.Split('\t')[^1].TrimEnd('\n')));

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("web.localhost", true)]
    [InlineData("localhost.localdomain", true)]
    [InlineData("Localhost.LocalDomain", true)]
    [InlineData("localhost.example.com", false)]
    [InlineData("localhost6", false)]
    [InlineData("mylocalhost", false)]
    [InlineData("localhost.localdomain.example", false)]
    public void Loopback_names(string name, bool loopback) =>
        Assert.Equal(loopback, HostsFileRewriter.IsLoopbackName(name));
}
