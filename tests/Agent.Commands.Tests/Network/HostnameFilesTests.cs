using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The hostname's files beyond <c>/etc/hostname</c>: a distribution's own place is written where the
/// backend says or where it is already there, never in place of a link, and a shared shell file
/// (<c>/etc/sysconfig/network</c>, Arch's <c>/etc/rc.conf</c>) is edited only when it already names
/// the hostname.
/// </summary>
public sealed class HostnameFilesTests
{
    private static RenderResult Render(NetworkBackend backend, Action<FakeRoot> setUp)
    {
        using var root = new FakeRoot();
        setUp(root);
        return HostnameFilesRenderer.Render(backend, "new-name", new FileSystemView(root.CreateSystem().FileSystem));
    }

    [Fact]
    public void SUSEs_HOSTNAME_link_to_etc_hostname_is_left_a_link()
    {
        var files = Render(NetworkBackend.SuseIfcfg, root => root.Link("/etc/HOSTNAME", "hostname"));

        Assert.Equal(["/etc/hostname"], files.Files.Select(f => f.Path));
    }

    [Fact]
    public void A_shell_file_that_does_not_name_the_hostname_is_left_alone()
    {
        var files = Render(NetworkBackend.Ifupdown, root =>
        {
            root.Write("/etc/sysconfig/network", "NETWORKING=yes\n");
            root.Write("/etc/rc.conf", "DAEMONS=(syslog-ng network)\n");
        });

        Assert.Equal(["/etc/hostname"], files.Files.Select(f => f.Path));
    }

    [Fact]
    public void A_shell_file_that_names_the_hostname_gets_the_new_one()
    {
        var files = Render(NetworkBackend.Ifupdown, root =>
        {
            root.Write("/etc/sysconfig/network", "NETWORKING=yes\nHOSTNAME=old-name\n");
            root.Write("/etc/rc.conf", "HOSTNAME=\"old-name\"\nDAEMONS=(syslog-ng network)\n");
        });

        Assert.Equal(["/etc/hostname", "/etc/sysconfig/network", "/etc/rc.conf"], files.Files.Select(f => f.Path));
        Assert.Equal("NETWORKING=yes\nHOSTNAME=new-name\n", files.Files[1].Contents);
        Assert.Equal("HOSTNAME=\"new-name\"\nDAEMONS=(syslog-ng network)\n", files.Files[2].Contents);
    }

    [Fact]
    public void A_hostname_the_file_computes_is_still_the_files_to_replace()
    {
        // The reader cannot know $(cat /etc/name)'s value, but the file does set the hostname: it gets the new one.
        var files = Render(NetworkBackend.Ifupdown, root =>
        {
            root.Write("/etc/sysconfig/network", "NETWORKING=yes\nHOSTNAME=$(cat /etc/name)\n");
            root.Write("/etc/rc.conf", "MODULES=(a b)\nHOSTNAME=\"$NAME\"\nDAEMONS=(syslog-ng network)\n");
        });

        Assert.Equal(["/etc/hostname", "/etc/sysconfig/network", "/etc/rc.conf"], files.Files.Select(f => f.Path));
        Assert.Equal("NETWORKING=yes\nHOSTNAME=new-name\n", files.Files[1].Contents);
        Assert.Equal("MODULES=(a b)\nHOSTNAME=\"new-name\"\nDAEMONS=(syslog-ng network)\n", files.Files[2].Contents);
    }
}
