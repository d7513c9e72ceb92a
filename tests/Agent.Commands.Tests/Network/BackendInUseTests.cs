using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What each backend definition takes as a sign that its system runs the network: the services
/// and run-time state of each, and Red Hat's <c>NM_CONTROLLED=no</c> read as bash reads the file
/// and as NetworkManager's ifcfg-rh plugin reads a boolean.
/// </summary>
public sealed class BackendInUseTests
{
    private const string Ifcfg = "/etc/sysconfig/network-scripts/ifcfg-eth0";

    public static TheoryData<NetworkBackend, string[], string[], bool> Signs() => new()
    {
        // Gentoo: net.lo sits in every boot runlevel; an interface's own service (OpenRC or systemd) counts.
        { NetworkBackend.GentooNetifrc, ["net.lo"], [], false },
        { NetworkBackend.GentooNetifrc, ["net.lo", "net.eth0"], [], true },
        { NetworkBackend.GentooNetifrc, ["net@eth0"], [], true },
        // ifupdown: its service, or the state ifup keeps of the interfaces it brought up.
        { NetworkBackend.Ifupdown, ["networking"], [], true },
        { NetworkBackend.Ifupdown, [], ["/run/network/ifstate"], true },
        { NetworkBackend.Ifupdown, [], ["/run/network/other"], false },
        // wicked and NetworkManager: the service, or running (their /run directory).
        { NetworkBackend.SuseIfcfg, [], ["/run/wicked/nanny/state"], true },
        { NetworkBackend.SuseIfcfg, ["wicked"], [], true },
        { NetworkBackend.NetworkManager, [], ["/run/NetworkManager/devices/2"], true },
        { NetworkBackend.NetworkManager, [], [], false },
        // netctl: a profile of any of its three services.
        { NetworkBackend.Netctl, ["netctl-auto@wlan0"], [], true },
        { NetworkBackend.Netctl, ["netctl-ifplugd@eth0"], [], true },
        { NetworkBackend.Netctl, ["netctl@eth0"], [], true },
        { NetworkBackend.Netctl, ["netctl"], [], false },
        // networkd: its state file, not the directory tmpfiles makes anyway.
        { NetworkBackend.SystemdNetworkd, [], ["/run/systemd/netif/state"], true },
        { NetworkBackend.SystemdNetworkd, [], ["/run/systemd/netif/links/2"], false },
        // Red Hat: the network service.
        { NetworkBackend.RedHatIfcfg, ["network"], [], true },
        { NetworkBackend.RedHatIfcfg, ["NetworkManager"], [], false },
    };

    [Theory]
    [MemberData(nameof(Signs))]
    public void A_backend_is_in_use_by_its_own_services_and_run_time_state(NetworkBackend backend, string[] enabled, string[] files, bool inUse)
    {
        var view = new InMemoryFileView(files.ToDictionary(f => f, _ => ""));

        Assert.Equal(inUse, NetworkBackends.For(backend).IsInUse(view, enabled.ToHashSet(StringComparer.Ordinal)));
    }

    public static TheoryData<string> NmControlledLines() => new(
        "NM_CONTROLLED=no", "NM_CONTROLLED=\"no\"", "NM_CONTROLLED='no'", "NM_CONTROLLED=NO", "NM_CONTROLLED=n", "NM_CONTROLLED=F",
        "NM_CONTROLLED=False", "NM_CONTROLLED=0", "  NM_CONTROLLED=no", "NM_CONTROLLED=yes", "NM_CONTROLLED=y", "NM_CONTROLLED=",
        "NM_CONTROLLED=nope", "#NM_CONTROLLED=no", "XNM_CONTROLLED=no",
        "NM_CONTROLLED=no\nNM_CONTROLLED=yes", "NM_CONTROLLED=yes\nNM_CONTROLLED=no", "NM_CONTROLLED=no\n#NM_CONTROLLED=yes",
        // A comment after the value is no part of it (bash, and NetworkManager's svUnescape, stop at the blank).
        "NM_CONTROLLED=no # set by kickstart", "NM_CONTROLLED=\"no\"\t# quoted", "NM_CONTROLLED=yes # not no");

    [Theory]
    [MemberData(nameof(NmControlledLines))]
    public async Task An_ifcfg_file_NetworkManager_leaves_alone_means_the_network_service_runs_the_interface(string line)
    {
        var bash = ExternalTool.Require("bash", "bash");
        var text = $"DEVICE=eth0\nBOOTPROTO=none\n{line}\nONBOOT=yes\n";
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("ifcfg-eth0");
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
        var sourced = await ExternalTool.RunAsync(bash, ["-c", "set -eu; . \"$1\"; printf '%s' \"${NM_CONTROLLED-}\"", "check", file]);
        Assert.True(sourced.ExitCode == 0, sourced.StandardError);
        // NetworkManager's svParseBoolean: the words it reads as false, in any case.
        string[] networkManagerFalse = ["no", "false", "f", "n", "0"];
        var unmanaged = networkManagerFalse.Contains(sourced.StandardOutput, StringComparer.OrdinalIgnoreCase);

        var definition = NetworkBackends.For(NetworkBackend.RedHatIfcfg);
        var none = new HashSet<string>(StringComparer.Ordinal);

        Assert.Equal(unmanaged, definition.IsInUse(new InMemoryFileView(new Dictionary<string, string> { [Ifcfg] = text }), none));
        // Not the loopback's file, nor a backup the network scripts skip.
        Assert.False(definition.IsInUse(new InMemoryFileView(new Dictionary<string, string> { ["/etc/sysconfig/network-scripts/ifcfg-lo"] = text }), none));
        Assert.False(definition.IsInUse(new InMemoryFileView(new Dictionary<string, string> { [Ifcfg + ".bak"] = text }), none));
    }

    [Theory]
    [InlineData("NM_CONTROLLED=no\r", true)]
    [InlineData("NM_CONTROLLED=$'n'", true)]
    [InlineData("export NM_CONTROLLED=no", false)]
    [InlineData("NM_CONTROLLED=no; ONBOOT=yes", false)]
    public void NM_CONTROLLED_is_read_as_NetworkManager_reads_it_where_bash_differs(string line, bool unmanaged)
    {
        // NetworkManager decides whether it manages the interface: a CRLF line counts, an exported one does not
        // (IfcfgValueReaderTests has the readings).
        var text = $"DEVICE=eth0\n{line}\n";

        Assert.Equal(unmanaged, NetworkBackends.For(NetworkBackend.RedHatIfcfg).IsInUse(
            new InMemoryFileView(new Dictionary<string, string> { [Ifcfg] = text }), new HashSet<string>(StringComparer.Ordinal)));
    }

    [Fact]
    public void An_ifcfg_file_whose_name_is_not_utf8_counts_as_NetworkManager_reads_it()
    {
        // NetworkManager's ifcfg-rh plugin takes the directory's names as bytes (g_dir_read_name), looks only at the
        // ifcfg- prefix and the backup suffixes, and with NM_CONTROLLED=no leaves the device its HWADDR or DEVICE names
        // unmanaged, whatever the file is called: the network service brings it up. A real file so named, read through
        // the file system the agent reads with.
        using var root = new TemporaryDirectory();
        var scripts = root.Combine("etc/sysconfig/network-scripts");
        Directory.CreateDirectory(scripts);
        var view = new FileSystemView(AgentSystem.ForRoot(root.Path).FileSystem);
        var none = new HashSet<string>(StringComparer.Ordinal);
        var definition = NetworkBackends.For(NetworkBackend.RedHatIfcfg);
        bool InUseWith(string latin1Name, string text)
        {
            var name = RawFileNames.Latin1(latin1Name);
            RawFileNames.Create(scripts, name, text, RenderedFile.Public);
            try
            {
                return definition.IsInUse(view, none);
            }
            finally
            {
                RawFileNames.Remove(scripts, name);
            }
        }

        Assert.True(InUseWith("ifcfg-x\xE9", "HWADDR=bc:76:4e:20:6c:5a\nNM_CONTROLLED=no\n"));
        Assert.False(InUseWith("ifcfg-x\xE9", "HWADDR=bc:76:4e:20:6c:5a\nNM_CONTROLLED=yes\n"));
        // Skipped as the decoded names are: another prefix, a backup.
        Assert.False(InUseWith("route-x\xE9", "HWADDR=bc:76:4e:20:6c:5a\nNM_CONTROLLED=no\n"));
        Assert.False(InUseWith("ifcfg-x\xE9.bak", "HWADDR=bc:76:4e:20:6c:5a\nNM_CONTROLLED=no\n"));
        // Named by the plugin's rules, not skipped for a dot: a VLAN's file.
        Assert.True(InUseWith("ifcfg-x\xE9.100", "HWADDR=bc:76:4e:20:6c:5a\nNM_CONTROLLED=no\n"));
        // Naming no device, it is dropped by the plugin.
        Assert.False(InUseWith("ifcfg-x\xE9", "NM_CONTROLLED=no\n"));

        // An alias is skipped beside its own file, both named by bytes, and read as a file of its own without one.
        var own = RawFileNames.Latin1("ifcfg-x\xE9");
        RawFileNames.Create(scripts, own, "HWADDR=bc:76:4e:20:6c:5a\nNM_CONTROLLED=yes\n", RenderedFile.Public);
        Assert.False(InUseWith("ifcfg-x\xE9:1", "HWADDR=bc:76:4e:20:6c:5a\nNM_CONTROLLED=no\n"));
        RawFileNames.Remove(scripts, own);
        Assert.True(InUseWith("ifcfg-x\xE9:1", "HWADDR=bc:76:4e:20:6c:5a\nNM_CONTROLLED=no\n"));
    }
}
