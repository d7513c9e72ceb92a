using System.Globalization;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// An interface whose name is not valid UTF-8 (<c>x\xE9</c>: the kernel takes any bytes but <c>/</c>, <c>:</c> and
/// white space), beside <c>eth0</c>, on the real kernel: a network namespace of its own (<c>ip netns add</c>), whose
/// sysfs is mounted over the fake root's <c>/sys</c> (a sysfs shows the interfaces of the namespace it is mounted
/// from), so the agent reads <c>/sys/class/net</c> as the kernel lists it. .NET's listing decodes the name to
/// <c>x\uFFFD</c>, which names no directory there.
/// </summary>
public sealed class UndecodableInterfaceNameTests
{
    private const string Eth0Mac = "bc:76:4e:20:6c:5a";
    private const string OtherMac = "bc:76:4e:20:6c:5b";

    [Fact]
    public async Task An_entry_for_the_interface_is_refused_naming_it_by_its_bytes_and_changes_nothing()
    {
        using var root = FakeRoot.For("debian");
        await using var kernel = await KernelInterfaces.MountAsync(root, ("eth0"u8.ToArray(), Eth0Mac), ([(byte)'x', 0xE9], OtherMac));
        var before = Etc(root);

        var result = await ResetNetworkEndToEndTests.ResetAsync(root, ResetNetworkEndToEndTests.VmData());

        Assert.Equal(new CommandResult("500",
            $"Interface MAC {OtherMac} belongs to the interface named 'x%E9', a name the agent does not write into configuration files " +
            "(it takes up to 15 letters, digits, '_', '-' or '.', not starting with '.' or '-'); nothing was changed"), result);
        Assert.Equal(before, Etc(root));
    }

    [Fact]
    public async Task The_reader_lists_eth0_for_configuration_and_the_other_apart_with_its_mac()
    {
        using var root = FakeRoot.For("debian");
        await using var kernel = await KernelInterfaces.MountAsync(root, ("eth0"u8.ToArray(), Eth0Mac), ([(byte)'x', 0xE9], OtherMac));
        var view = new FileSystemView(root.CreateSystem().FileSystem);

        // The veths' peers (gapeer0, gapeer1) are in the namespace too, with names of their own.
        var interfaces = SysfsInterfaceReader.Read(view);
        Assert.Equal(Eth0Mac, Assert.Single(interfaces, i => i.Name == "eth0").Mac.Value);
        Assert.DoesNotContain(interfaces, i => i.Mac.Value == OtherMac);
        var refused = Assert.Single(SysfsInterfaceReader.ReadRefused(view));
        Assert.Equal(OtherMac, refused.Mac.Value);
        Assert.Equal("x%E9", refused.Shown);
        Assert.DoesNotContain(SysfsInterfaceReader.ReadNames(view), name => name.Contains('\uFFFD', StringComparison.Ordinal));
    }

    /// <summary>
    /// A name the agent refuses, on an interface carrying eth0's MAC (a bond's member, or <c>ip link set dev … address</c>):
    /// which of the two the host means cannot be told, as with two interfaces named <c>eth0</c> and <c>eth1</c>. Neither is a
    /// device here (veths), so both are candidates.
    /// </summary>
    [Theory]
    [InlineData(new byte[] { (byte)'x', 0xE9 }, "x%E9")]
    [InlineData(new byte[] { (byte)'v', (byte)';', (byte)'1' }, "v;1")]
    public async Task An_entry_for_a_mac_eth0_shares_with_a_refused_name_is_refused_as_ambiguous_and_changes_nothing(byte[] name, string shown)
    {
        using var root = FakeRoot.For("debian");
        await using var kernel = await KernelInterfaces.MountAsync(root, ("eth0"u8.ToArray(), Eth0Mac), ("eth1"u8.ToArray(), OtherMac), (name, Eth0Mac));
        var before = Etc(root);

        var result = await ResetNetworkEndToEndTests.ResetAsync(root, ResetNetworkEndToEndTests.VmData());

        Assert.Equal(new CommandResult("500",
            $"Interface MAC {Eth0Mac} belongs to more than one interface (eth0, {shown}), so which one vm-data/networking describes cannot be told " +
            "(a bond's members or an address set by hand); nothing was changed"), result);
        Assert.Equal(before, Etc(root));
    }

    /// <summary>
    /// A NIC (its <c>device</c> link) whose name is not UTF-8 under a bridge named <c>eth0</c> that carries its MAC: the NIC is
    /// what Nova describes, as a bridge beside a NIC of a safe name is passed over, so the entry is refused for the NIC's name,
    /// not configured on the bridge nor refused as ambiguous. Real directories so named (no device can be made in a
    /// namespace here), laid out as sysfs lays them out: <c>device</c> a link to the device's directory with its <c>uevent</c>.
    /// </summary>
    [Fact]
    public async Task A_nic_whose_name_is_not_utf8_is_told_from_a_bridge_sharing_its_mac()
    {
        using var root = FakeRoot.For("debian");
        root.AddInterface("eth0", Eth0Mac);
        root.AddInterface("eth1", OtherMac);
        root.Write("/sys/class/net/eth1/device/uevent", "DRIVER=vif\n");
        root.AddInterface("nic", Eth0Mac);
        root.Write("/sys/devices/vif-0/uevent", "DRIVER=vif\n");
        root.Link("/sys/class/net/nic/device", "../../../devices/vif-0");
        var net = root.Host("/sys/class/net");
        RawFileNames.RenameTo(net, "nic", [(byte)'x', 0xE9]);
        try
        {
            var before = Etc(root);

            var result = await ResetNetworkEndToEndTests.ResetAsync(root, ResetNetworkEndToEndTests.VmData());

            Assert.Equal(new CommandResult("500",
                $"Interface MAC {Eth0Mac} belongs to the interface named 'x%E9', a name the agent does not write into configuration files " +
                "(it takes up to 15 letters, digits, '_', '-' or '.', not starting with '.' or '-'); nothing was changed"), result);
            Assert.Equal(before, Etc(root));
            Assert.True(Assert.Single(SysfsInterfaceReader.ReadRefused(new FileSystemView(root.CreateSystem().FileSystem))).IsDevice);
        }
        finally
        {
            RawFileNames.RenameFrom(net, [(byte)'x', 0xE9], "nic");
        }
    }

    /// <summary>
    /// Every file under the root's <c>/etc</c> with its contents: <see cref="FakeRoot.Hash"/> would walk the whole sysfs
    /// mounted at <c>/sys</c> (and the state directory changes with every change's lock).
    /// </summary>
    private static string Etc(FakeRoot root) => string.Join('\n', Directory.EnumerateFiles(root.Host("/etc"), "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).Select(path => path + " " + File.ReadAllText(path)));
}

/// <summary>
/// Interfaces (veths, with the given names as bytes and MACs) in a network namespace of their own, whose sysfs is
/// mounted over <paramref name="root"/>'s <c>/sys</c> from the test's own mount namespace (<c>nsenter --net</c>);
/// disposing unmounts it and deletes the namespace. Root only (CI runs as root).
/// </summary>
internal sealed class KernelInterfaces : IAsyncDisposable
{
    private readonly string _namespace;
    private readonly string _sys;

    private KernelInterfaces(string name, string sys) => (_namespace, _sys) = (name, sys);

    public static async Task<KernelInterfaces> MountAsync(FakeRoot root, params (byte[] Name, string Mac)[] interfaces)
    {
        var ip = ExternalTool.Require("ip", "iproute2");
        var nsenter = ExternalTool.Require("nsenter", "util-linux");
        if (Environment.UserName != "root")
        {
            Requirement.Unmet("a named network namespace and a sysfs mount need root, as in CI");
        }

        var name = "ga-" + Guid.NewGuid().ToString("N")[..12];
        var sys = root.Host("/sys");
        Directory.CreateDirectory(sys);
        var script = new System.Text.StringBuilder($"set -eu\n{ShellWords.Quote(ip)} netns add {name}\n");
        var peer = 0;
        foreach (var (bytes, mac) in interfaces)
        {
            // printf's octal escapes give the name's bytes whatever they are.
            var octal = string.Concat(bytes.Select(b => "\\" + Convert.ToString(b, 8).PadLeft(3, '0')));
            script.Append(CultureInfo.InvariantCulture,
                $"{ShellWords.Quote(ip)} -n {name} link add \"$(printf '{octal}')\" address {mac} type veth peer name gapeer{peer++}\n");
        }

        script.Append(CultureInfo.InvariantCulture, $"{ShellWords.Quote(nsenter)} --net=/run/netns/{name} mount -t sysfs -o ro sysfs {ShellWords.Quote(sys)}\n");
        var mounted = new KernelInterfaces(name, sys);
        var result = await ExternalTool.RunAsync("/bin/sh", ["-c", script.ToString()]);
        if (result.ExitCode != 0)
        {
            await mounted.DisposeAsync();
            Assert.Fail($"setting up the namespace failed ({result.ExitCode}): {result.StandardError}");
        }

        return mounted;
    }

    public async ValueTask DisposeAsync()
    {
        _ = await ExternalTool.RunAsync("/bin/sh", ["-c", $"umount {ShellWords.Quote(_sys)}; ip netns del {_namespace}"]);
    }
}
