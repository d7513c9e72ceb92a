using System.Text;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Demo;

/// <summary>
/// The pretend guest of <c>demo</c>: a small Ubuntu root (os-release, netplan directory, shadow
/// file, one network interface under <c>sys/class/net</c>) and the <c>vm-data</c> Nova writes before
/// first boot (one VIF's networking JSON and the hostname).
/// </summary>
internal static class DemoGuest
{
    public const uint DomainId = 7;
    public const string Hostname = "demo-instance";
    public const string Mac = "bc:76:4e:20:6c:5b";
    public const string Interface = "eth0";

    /// <summary>The VIF as Nova's <c>_vif_xenstore_data</c> writes it (documentation addresses).</summary>
    public const string NetworkingJson =
        """{"label": "public", "mac": "bc:76:4e:20:6c:5b", "broadcast": "203.0.113.255", "gateway": "203.0.113.1", "ips": [{"ip": "203.0.113.10", "netmask": "255.255.255.0", "enabled": "1", "gateway": "203.0.113.1"}], "gateway_v6": "2001:db8::1", "ip6s": [{"ip": "2001:db8::10", "netmask": 64, "enabled": "1", "gateway": "2001:db8::1"}], "dns": ["192.0.2.53", "198.51.100.53"]}""";

    /// <summary>Writes the guest's files under <paramref name="root"/>.</summary>
    public static void CreateRoot(string root)
    {
        Write(root, "etc/os-release", """
            PRETTY_NAME="Ubuntu 24.04 LTS"
            NAME="Ubuntu"
            VERSION_ID="24.04"
            VERSION="24.04 LTS (Noble Numbat)"
            ID=ubuntu
            ID_LIKE=debian

            """);
        Write(root, "etc/hostname", "ubuntu\n");
        Write(root, "etc/hosts", "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n");
        Write(root, "etc/shadow", "root:*:19800:0:99999:7:::\ndaemon:*:19800:0:99999:7:::\nubuntu:!:19800:0:99999:7:::\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        // As on a real Ubuntu: netplan and systemd are installed, systemd-resolved owns resolv.conf.
        Write(root, "run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
        File.CreateSymbolicLink(Path.Combine(root, "etc/resolv.conf"), "../run/systemd/resolve/stub-resolv.conf");
        foreach (var program in new[] { "usr/sbin/netplan", "usr/bin/systemctl", "usr/bin/hostnamectl", "usr/lib/systemd/systemd-networkd" })
        {
            Write(root, program, "", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.CreateDirectory(Path.Combine(root, "etc/netplan"));
        Directory.CreateDirectory(Path.Combine(root, "root"));
        foreach (var (name, address, type) in new[] { ("lo", "00:00:00:00:00:00", "772"), (Interface, Mac, "1") })
        {
            Write(root, $"sys/class/net/{name}/address", address + "\n");
            Write(root, $"sys/class/net/{name}/type", type + "\n");
        }
    }

    /// <summary>Creates the domain and writes the <c>vm-data</c> Nova writes before first boot.</summary>
    public static string CreateDomain(XenStoreServer server)
    {
        var home = server.CreateGuestDomain(DomainId, Hostname);
        server.Write($"{home}/vm-data/networking/{Mac.Replace(":", "", StringComparison.Ordinal)}", Encoding.UTF8.GetBytes(NetworkingJson));
        server.Write($"{home}/vm-data/hostname", Encoding.UTF8.GetBytes(Hostname));
        return home;
    }

    private static void Write(string root, string relativePath, string content, UnixFileMode? mode = null)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead));
    }
}
