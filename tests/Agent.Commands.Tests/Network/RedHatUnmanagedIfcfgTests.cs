using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Which ifcfg files make the Red Hat backend in use by saying <c>NM_CONTROLLED=no</c>: those from which NetworkManager's
/// ifcfg-rh plugin takes a device to leave alone, so that only the initscripts' network service can bring it up. Real files
/// in a temporary root, read through the file system the agent reads with. Debian's NetworkManager is built without ifcfg-rh,
/// so the expectations are the plugin's source (NetworkManager 1.2x–1.4x, <c>nms-ifcfg-rh-utils.c</c>,
/// <c>nms-ifcfg-rh-plugin.c</c>, <c>nms-ifcfg-rh-reader.c</c>), cited at each.
/// </summary>
public sealed class RedHatUnmanagedIfcfgTests
{
    private const string Scripts = "etc/sysconfig/network-scripts";
    private const string Unmanaged = "DEVICE=eth0\nBOOTPROTO=none\nNM_CONTROLLED=no\n";

    // utils_should_ignore_file: only a name starting "ifcfg-", and not one ending (in any case, g_ascii_strcasecmp) with
    // .bak, ~, .orig, .rej, .rpmnew, .augnew, .augtmp, nor rpm's temporary ";" and eight hex digits. A dot alone is no reason:
    // a VLAN's file is ifcfg-eth0.100, and .rpmsave or .old, which the network service skips, the plugin reads.
    // utils_detect_ifcfg_path: nothing after "ifcfg-" is no file.
    [Theory]
    [InlineData("ifcfg-eth0", true)]
    [InlineData("ifcfg-eth0.100", true)]
    [InlineData("ifcfg-vlan100.prod", true)]
    [InlineData("ifcfg-eth0.rpmsave", true)]
    [InlineData("ifcfg-eth0.old", true)]
    [InlineData("ifcfg-eth0.rpmorig", true)]
    [InlineData("ifcfg-eth0;5f3a9c0", true)]
    [InlineData("ifcfg-eth0;5f3a9c0g", true)]
    [InlineData("ifcfg-eth0;5f3a9c0d1", true)]
    [InlineData("ifcfg-eth0.bak", false)]
    [InlineData("ifcfg-eth0.BAK", false)]
    [InlineData("ifcfg-eth0.Orig", false)]
    [InlineData("ifcfg-eth0~", false)]
    [InlineData("ifcfg-eth0.orig", false)]
    [InlineData("ifcfg-eth0.rej", false)]
    [InlineData("ifcfg-eth0.rpmnew", false)]
    [InlineData("ifcfg-eth0.augnew", false)]
    [InlineData("ifcfg-eth0.augtmp", false)]
    [InlineData("ifcfg-eth0;5f3a9c0d", false)]
    [InlineData("ifcfg-eth0;5F3A9C0D", false)]
    [InlineData("ifcfg-", false)]
    [InlineData("ifcfg-lo", false)]
    [InlineData("route-eth0", false)]
    [InlineData("keys-eth0", false)]
    public void An_ifcfg_file_counts_by_the_name_NetworkManager_reads(string name, bool inUse)
    {
        using var root = new TemporaryDirectory();
        Write(root, name, Unmanaged);

        Assert.Equal(inUse, InUse(root));
    }

    [Fact]
    public void An_alias_file_counts_only_when_NetworkManager_reads_it_as_a_file_of_its_own()
    {
        // utils_detect_ifcfg_path: ifcfg-eth0:1 is an alias, skipped, when ifcfg-eth0 exists (g_file_test follows a link);
        // without one it is read as any other file.
        using var root = new TemporaryDirectory();
        Write(root, "ifcfg-eth0:1", "DEVICE=eth0:1\nNM_CONTROLLED=no\n");
        Assert.True(InUse(root));

        Write(root, "ifcfg-eth0", "DEVICE=eth0\nNM_CONTROLLED=yes\n");
        Assert.False(InUse(root));

        // Its own file as a link: one that leads to a file hides the alias, a dangling one is not there.
        File.Delete(root.Combine(Scripts, "ifcfg-eth0"));
        File.CreateSymbolicLink(root.Combine(Scripts, "ifcfg-eth0"), "../store/eth0");
        Assert.True(InUse(root));
        Directory.CreateDirectory(root.Combine("etc/sysconfig/store"));
        File.WriteAllText(root.Combine("etc/sysconfig/store/eth0"), "DEVICE=eth0\nNM_CONTROLLED=yes\n");
        Assert.False(InUse(root));
    }

    [Fact]
    public void A_linked_ifcfg_file_is_read_where_it_leads()
    {
        // _load_file stats the path and svOpenFile opens it, both following a link: the file it leads to decides.
        using var root = new TemporaryDirectory();
        Directory.CreateDirectory(root.Combine("etc/sysconfig/store"));
        File.WriteAllText(root.Combine("etc/sysconfig/store/eth0"), Unmanaged);
        Directory.CreateDirectory(root.Combine(Scripts));
        var link = root.Combine(Scripts, "ifcfg-eth0");

        File.CreateSymbolicLink(link, "../store/eth0");
        Assert.True(InUse(root));

        // An absolute target is read inside the agent's root, as the guest's NetworkManager sees it.
        File.Delete(link);
        File.CreateSymbolicLink(link, "/etc/sysconfig/store/eth0");
        Assert.True(InUse(root));

        File.WriteAllText(root.Combine("etc/sysconfig/store/eth0"), "DEVICE=eth0\nNM_CONTROLLED=yes\n");
        Assert.False(InUse(root));
    }

    [Fact]
    public void A_linked_ifcfg_file_whose_own_name_is_not_utf8_is_read_where_it_leads()
    {
        // The plugin takes the directory's names as bytes (g_dir_read_name) and stats and opens the path as for any other
        // name, so a link called ifcfg-x\xE9 is followed like ifcfg-eth0 is, inside the agent's root for an absolute target.
        using var root = new TemporaryDirectory();
        Directory.CreateDirectory(root.Combine("etc/sysconfig/store"));
        var store = root.Combine("etc/sysconfig/store/eth0");
        File.WriteAllText(store, Unmanaged);
        var scripts = root.Combine(Scripts);
        Directory.CreateDirectory(scripts);
        var name = RawFileNames.Latin1("ifcfg-x\xE9");
        void LinkTo(string target)
        {
            File.CreateSymbolicLink(Path.Combine(scripts, "staged-link"), target);
            RawFileNames.RenameTo(scripts, "staged-link", name);
        }

        try
        {
            LinkTo("../store/eth0");
            Assert.True(InUse(root));

            RawFileNames.Remove(scripts, name);
            LinkTo("/etc/sysconfig/store/eth0");
            Assert.True(InUse(root));

            File.WriteAllText(store, "DEVICE=eth0\nNM_CONTROLLED=yes\n");
            Assert.False(InUse(root));

            // Leading nowhere, to a directory, or into a loop, there is no file to read.
            RawFileNames.Remove(scripts, name);
            LinkTo("../store/missing");
            Assert.False(InUse(root));
            RawFileNames.Remove(scripts, name);
            LinkTo("../store");
            Assert.False(InUse(root));
            RawFileNames.Remove(scripts, name);
            File.WriteAllText(store, Unmanaged);
            File.CreateSymbolicLink(Path.Combine(scripts, "ifcfg-loop"), "ifcfg-loop2");
            File.CreateSymbolicLink(Path.Combine(scripts, "ifcfg-loop2"), "ifcfg-loop");
            LinkTo("ifcfg-loop");
            Assert.False(InUse(root));
        }
        finally
        {
            RawFileNames.Remove(scripts, name);
        }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("directory")]
    [InlineData("loop")]
    public void A_link_NetworkManager_cannot_read_a_file_through_is_no_sign(string kind)
    {
        using var root = new TemporaryDirectory();
        Directory.CreateDirectory(root.Combine(Scripts));
        Directory.CreateDirectory(root.Combine("etc/sysconfig/store"));
        var link = root.Combine(Scripts, "ifcfg-eth0");
        switch (kind)
        {
            case "missing":
                File.CreateSymbolicLink(link, "../store/eth0");
                break;
            case "directory":
                File.CreateSymbolicLink(link, "../store");
                break;
            default:
                File.CreateSymbolicLink(link, "ifcfg-eth1");
                File.CreateSymbolicLink(root.Combine(Scripts, "ifcfg-eth1"), "ifcfg-eth0");
                break;
        }

        Assert.False(InUse(root));
    }

    // create_unhandled_connection: NM_CONTROLLED=no leaves alone the device a non-empty HWADDR, SUBCHANNELS or DEVICE names,
    // in that order; with none, connection_from_file_full logs "NM_CONTROLLED was false but device was not uniquely
    // identified; device will be managed" and drops the file. The network service cannot bring such a file's device up
    // either: ifup's source_config takes DEVICE only from the file or HWADDR, and ifup-eth stops ("Device name does not
    // seem to be present").
    [Theory]
    [InlineData("NM_CONTROLLED=no\n", false)]
    [InlineData("BOOTPROTO=dhcp\nONBOOT=yes\nNM_CONTROLLED=no\n", false)]
    [InlineData("DEVICE=\nNM_CONTROLLED=no\n", false)]
    [InlineData("DEVICE=\"\"\nHWADDR=''\nNM_CONTROLLED=no\n", false)]
    [InlineData("DEVICE=eth0\nDEVICE=\nNM_CONTROLLED=no\n", false)]
    [InlineData("NAME=eth0\nUUID=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03\nNM_CONTROLLED=no\n", false)]
    [InlineData("DEVICE=eth0\nNM_CONTROLLED=no\n", true)]
    [InlineData("HWADDR=bc:76:4e:20:6c:5a\nNM_CONTROLLED=no\n", true)]
    [InlineData("SUBCHANNELS=0.0.0800,0.0.0801,0.0.0802\nNM_CONTROLLED=no\n", true)]
    [InlineData("DEVICE=\"eth0\"\nNM_CONTROLLED=no\n", true)]
    public void NM_CONTROLLED_no_counts_only_with_the_device_it_leaves_alone(string text, bool inUse)
    {
        using var root = new TemporaryDirectory();
        Write(root, "ifcfg-eth0", text);

        Assert.Equal(inUse, InUse(root));
    }

    // The loopback, whatever the file is called: create_unhandled_connection (NetworkManager 1.2x-1.4x reads NM_CONTROLLED
    // before its "Ignoring loopback device config" check) leaves alone the device HWADDR, else SUBCHANNELS, else DEVICE
    // names, here lo. No interface resetnetwork configures is left to the network service by that, as by ifcfg-lo itself:
    // initscripts never hand lo to NetworkManager (source_config: is_nm_running && REALDEVICE != lo) and the network
    // service brings it up either way. A HWADDR or SUBCHANNELS beside DEVICE=lo still names another device first.
    [Theory]
    [InlineData("DEVICE=lo\nNM_CONTROLLED=no\n", false)]
    [InlineData("DEVICE=\"lo\"\nONBOOT=yes\nIPADDR=127.0.0.1\nNETMASK=255.0.0.0\nNM_CONTROLLED=no\n", false)]
    [InlineData("DEVICE=eth0\nDEVICE=lo\nNM_CONTROLLED=no\n", false)]
    [InlineData("DEVICE=lo\nHWADDR=bc:76:4e:20:6c:5a\nNM_CONTROLLED=no\n", true)]
    [InlineData("DEVICE=lo\nSUBCHANNELS=0.0.0800,0.0.0801,0.0.0802\nNM_CONTROLLED=no\n", true)]
    [InlineData("DEVICE=lo0\nNM_CONTROLLED=no\n", true)]
    [InlineData("DEVICE=LO\nNM_CONTROLLED=no\n", true)]
    public void A_file_leaving_the_loopback_alone_counts_no_more_than_ifcfg_lo(string text, bool inUse)
    {
        using var root = new TemporaryDirectory();
        Write(root, "ifcfg-loopback", text);

        Assert.Equal(inUse, InUse(root));
    }

    [Fact]
    public void One_file_that_names_its_device_is_enough_among_others()
    {
        using var root = new TemporaryDirectory();
        Write(root, "ifcfg-eth0", "NM_CONTROLLED=no\n");
        Write(root, "ifcfg-eth1.bak", Unmanaged);
        Write(root, "ifcfg-eth2", "DEVICE=eth2\nNM_CONTROLLED=yes\n");
        Assert.False(InUse(root));

        Write(root, "ifcfg-eth0.100", "DEVICE=eth0.100\nVLAN=yes\nNM_CONTROLLED=no\n");
        Assert.True(InUse(root));
    }

    private static void Write(TemporaryDirectory root, string name, string text)
    {
        Directory.CreateDirectory(root.Combine(Scripts));
        File.WriteAllText(root.Combine(Scripts, name), text);
    }

    private static bool InUse(TemporaryDirectory root) =>
        NetworkBackends.For(NetworkBackend.RedHatIfcfg).IsInUse(
            new FileSystemView(AgentSystem.ForRoot(root.Path).FileSystem), new HashSet<string>(StringComparer.Ordinal));
}
