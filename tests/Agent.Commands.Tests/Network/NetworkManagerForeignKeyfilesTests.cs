using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Which foreign keyfiles the NetworkManager renderer refuses (<see cref="NetworkManagerForeignKeyfiles"/>): a
/// connection at autoconnect-priority 999, ours, that may autoconnect on eth0 (MAC 00:16:3e:00:00:01). Each rule
/// was checked against NetworkManager 1.42 (which names it reads, how it reads a priority, <c>autoconnect</c>, a
/// type, a MAC and a <c>[match]</c>); <see cref="NetworkManagerLeftoversTests"/> checks the refusal against the
/// real daemon given our keyfile anyway.
/// </summary>
public sealed class NetworkManagerForeignKeyfilesTests
{
    private const string Etc = "/etc/NetworkManager/system-connections";

    /// <summary>A keyfile's <c>[connection]</c> lines (id and UUID added) and any later sections.</summary>
    private static string Keyfile(string connection, string rest = "") =>
        $"[connection]\nid=x\nuuid=00000000-0000-4000-8000-000000000001\ntype=ethernet\n{connection}\n\n{rest}[ipv4]\nmethod=auto\n";

    public static TheoryData<string, string, string?> Files() => new()
    {
        { $"{Etc}/aaa eth0.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999"), "interface-name=eth0" },
        { $"{Etc}/eth0", Keyfile("interface-name=eth0\nautoconnect-priority=999"), "interface-name=eth0" },
        { $"{Etc}/eth0.nmconnection.bak", Keyfile("interface-name=eth0\nautoconnect-priority=999"), "interface-name=eth0" },
        { $"{Etc}/eth0.abcdefg", Keyfile("interface-name=eth0\nautoconnect-priority=999"), "interface-name=eth0" },
        { $"{Etc}/eth0.ab_def", Keyfile("interface-name=eth0\nautoconnect-priority=999"), "interface-name=eth0" },
        { $"{Etc}/eth0.nmconnection~", Keyfile("interface-name=eth0\nautoconnect-priority=999"), null },
        { $"{Etc}/eth0.Ab12cD", Keyfile("interface-name=eth0\nautoconnect-priority=999"), null },
        { $"{Etc}/eth0.PEM", Keyfile("interface-name=eth0\nautoconnect-priority=999"), null },
        { $"{Etc}/eth0.der", Keyfile("interface-name=eth0\nautoconnect-priority=999"), null },
        { $"{Etc}/.eth0.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999"), null },
        { "/run/NetworkManager/system-connections/eth0.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999"), "interface-name=eth0" },
        { "/usr/lib/NetworkManager/system-connections/guest-agent-eth0.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999"), "interface-name=eth0" },
        { "/run/NetworkManager/system-connections/eth0", Keyfile("interface-name=eth0\nautoconnect-priority=999"), null },
        { "/usr/lib/NetworkManager/system-connections/eth0.nmconnection.bak", Keyfile("interface-name=eth0\nautoconnect-priority=999"), null },
        { $"{Etc}/p.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=998"), null },
        { $"{Etc}/p.nmconnection", Keyfile("interface-name=eth0"), null },
        { $"{Etc}/p.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=1000"), null },
        { $"{Etc}/p.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999x"), null },
        { $"{Etc}/p.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=0999"), null },
        { $"{Etc}/p.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=0x3E7"), "interface-name=eth0" },
        { $"{Etc}/p.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=01747"), "interface-name=eth0" },
        { $"{Etc}/p.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority = +999  "), "interface-name=eth0" },
        { $"{Etc}/p.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\nautoconnect-priority=5"), null },
        { $"{Etc}/p.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=5\nautoconnect-priority=999"), "interface-name=eth0" },
        { $"{Etc}/p.nmconnection", Keyfile("interface-name=eth0", "[connection]\nautoconnect-priority=999\n\n"), "interface-name=eth0" },
        { $"{Etc}/p.nmconnection", Keyfile("interface-name=eth0", "[ipv4]\nautoconnect-priority=999\n\n"), null },
        { $"{Etc}/a.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\nautoconnect=false"), null },
        { $"{Etc}/a.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\nautoconnect=0  "), null },
        { $"{Etc}/a.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\nautoconnect=no"), "interface-name=eth0" },
        { $"{Etc}/a.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\nautoconnect=False"), "interface-name=eth0" },
        { $"{Etc}/t.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\ntype=802-3-ethernet"), "interface-name=eth0" },
        { $"{Etc}/t.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\ntype=wifi"), null },
        { $"{Etc}/t.nmconnection", "[connection]\nid=t\ninterface-name=eth0\nautoconnect-priority=999\n", "interface-name=eth0" },
        { $"{Etc}/n.nmconnection", Keyfile("interface-name=eth1\nautoconnect-priority=999"), null },
        { $"{Etc}/n.nmconnection", Keyfile("interface-name=eth*\nautoconnect-priority=999"), null },
        { $"{Etc}/n.nmconnection", Keyfile("interface-name=eth\\s0\nautoconnect-priority=999"), "interface-name=eth\\s0" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=00-16-3E-00-00-01\n\n"), "mac-address=00-16-3E-00-00-01" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[802-3-ethernet]\nmac-address=00:16:3e:00:00:01\n\n"), "mac-address=00:16:3e:00:00:01" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0;22;62;0;0;1;\n\n"), "mac-address=0;22;62;0;0;1;" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=00:16:3E:00:00:02\n\n"), null },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0;22;62;0;0;2;\n\n"), null },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=eth0's\n\n"), "mac-address=eth0's" },
        { $"{Etc}/m.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999", "[ethernet]\nmac-address=00:16:3E:00:00:02\n\n"), null },
        // NetworkManager ignores a MAC it cannot read (a warning), and the connection then matches any device: no other form than these is one.
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=00163E000002\n\n"), "mac-address=00163E000002" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=00:16-3E:00-00:02\n\n"), "mac-address=00:16-3E:00-00:02" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=00:16:3E:00:00:02 \n\n"), "mac-address=00:16:3E:00:00:02" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=00:16:3E:00:00:02:\n\n"), "mac-address=00:16:3E:00:00:02:" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=000;022;062;0;0;002\n\n"), null },
        // Unpadded hex (one or two digits a byte, one separator throughout), which NetworkManager 1.42 reads (checked on the daemon).
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0:16:3e:0:0:1\n\n"), "mac-address=0:16:3e:0:0:1" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0-16-3E-0-0-1\n\n"), "mac-address=0-16-3E-0-0-1" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0:16:3e:0:0:9\n\n"), null },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0-16-3e-0-0-9\n\n"), null },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0:16:3e:0:0:009\n\n"), "mac-address=0:16:3e:0:0:009" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0:16:3e:0:0-9\n\n"), "mac-address=0:16:3e:0:0-9" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0:16:3e:0::9\n\n"), "mac-address=0:16:3e:0::9" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0:16:3e:0:0\n\n"), "mac-address=0:16:3e:0:0" },
        // Both groups of the Ethernet setting: NetworkManager reads [802-3-ethernet] alone, in either order, and ignores [ethernet] whole.
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=00:16:3E:00:00:09\n\n[802-3-ethernet]\nmtu=1400\n\n"), "no interface-name, mac-address or [match]: any Ethernet device" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[802-3-ethernet]\nmac-address=00:16:3E:00:00:01\n\n[ethernet]\nmac-address=00:16:3E:00:00:09\n\n"), "mac-address=00:16:3E:00:00:01" },
        { $"{Etc}/m.nmconnection", Keyfile("autoconnect-priority=999", "[802-3-ethernet]\nmac-address=00:16:3E:00:00:09\n\n[ethernet]\nmac-address=00:16:3E:00:00:01\n\n"), null },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=00:16:3E:00:00:01;\n\n[802-3-ethernet]\nmtu=1400\n\n"), "no interface-name, mac-address or [match]: any Ethernet device" },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmtu=1400\n\n[802-3-ethernet]\nmac-address-blacklist=00:16:3E:00:00:01;\n\n"), null },
        // A denied MAC (mac-address-blacklist, in 1.42; a list NetworkManager cannot read keeps the connection from loading at all).
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=00:16:3E:00:00:01;\n\n"), null },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[802-3-ethernet]\nmac-address-blacklist=00:16:3e:00:00:02;00-16-3e-00-00-01\n\n"), null },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=00:16:3e:00:00:02\n\n"), "no interface-name, mac-address or [match]: any Ethernet device" },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=00:16:3e:00:00:01\\;\n\n"), "no interface-name, mac-address or [match]: any Ethernet device" },
        // Each entry as NetworkManager reads a MAC (libnm's hwaddr_valid, checked on the daemon): one it cannot read (a blank, an empty item,
        // bare hex) keeps the whole connection from loading; an unpadded one is a MAC. A last ";" ends the list (GKeyFile).
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=0:16:3e:0:0:1\n\n"), null },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=00:16:3E:00:00:09 ;\n\n"), null },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=00:16:3E:00:00:09;\u00a000:16:3E:00:00:08\n\n"), null },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=00:16:3E:00:00:09;;\n\n"), null },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=;00:16:3E:00:00:09\n\n"), null },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=00163E000009\n\n"), null },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=00:16-3E:00:00:09\n\n"), null },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=00:16:3e:00:00:09;0-16-3e-0-0-8;\n\n"), "no interface-name, mac-address or [match]: any Ethernet device" },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-blacklist=\n\n"), "no interface-name, mac-address or [match]: any Ethernet device" },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address-denylist=00:16:3E:00:00:01;\n\n"), "no interface-name, mac-address or [match]: any Ethernet device" },
        { $"{Etc}/d.nmconnection", Keyfile("autoconnect-priority=999", "[ipv4]\nmac-address-blacklist=00:16:3E:00:00:01;\n\n"), "no interface-name, mac-address or [match]: any Ethernet device" },
        { $"{Etc}/any.nmconnection", Keyfile("autoconnect-priority=999"), "no interface-name, mac-address or [match]: any Ethernet device" },
        { $"{Etc}/any.nmconnection", Keyfile("autoconnect-priority=999\ninterface-name="), "no interface-name, mac-address or [match]: any Ethernet device" },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=eth*;\n\n"), "[match] interface-name=eth*;" },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=eth1;eth0;\n\n"), "[match] interface-name=eth1;eth0;" },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=!eth1\n\n"), "[match] interface-name=!eth1" },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=!eth0\n\n"), null },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=eth*;!eth0;\n\n"), null },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=en*;wl*\n\n"), null },
        // NetworkManager's prefixes: & a pattern that must match, | one of which must, ! (alone, or after & or |) inverts.
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=&eth1\n\n"), null },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=&eth*\n\n"), "[match] interface-name=&eth*" },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=&!eth0\n\n"), null },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=&!eth1\n\n"), "[match] interface-name=&!eth1" },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=|eth0\n\n"), "[match] interface-name=|eth0" },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=|!eth0\n\n"), null },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=|!eth1;|eth5\n\n"), "[match] interface-name=|!eth1;|eth5" },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=&eth*;|eth1\n\n"), null },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=&eth*;eth1;eth0\n\n"), "[match] interface-name=&eth*;eth1;eth0" },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=!eth1;!eth2\n\n"), "[match] interface-name=!eth1;!eth2" },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=&\n\n"), null },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=&\\!eth0\n\n"), "[match] interface-name=&\\!eth0" },
        // GKeyFile keeps a value's trailing blanks: the pattern is "eth0 ", which eth0 does not match.
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=!eth0 \n\n"), "[match] interface-name=!eth0" },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=eth0 \n\n"), null },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ndriver=vif\n\n"), "[match] driver=vif" },
        { $"{Etc}/g.nmconnection", Keyfile("autoconnect-priority=999", "[match]\ninterface-name=\n\n"), "no interface-name, mac-address or [match]: any Ethernet device" },
        // GLib's blanks only (space, tab, CR, LF, form feed), a CR before a LF dropped: each checked on the daemon (NetworkManagerLeftoversTests).
        { $"{Etc}/b.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=\u00a000:16:3E:00:00:02\n\n"), "mac-address=\u00a000:16:3E:00:00:02" },
        { $"{Etc}/b.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=\v00:16:3E:00:00:02\n\n"), "mac-address=\v00:16:3E:00:00:02" },
        { $"{Etc}/b.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address= \t\f00:16:3E:00:00:02\n\n"), null },
        { $"{Etc}/b.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\nautoconnect=false\v"), "interface-name=eth0" },
        { $"{Etc}/b.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\nautoconnect=false\u00a0"), "interface-name=eth0" },
        { $"{Etc}/b.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\nautoconnect=false\f\t"), null },
        { $"{Etc}/b.nmconnection", Keyfile("autoconnect-priority=999\r", "[match]\r\ninterface-name=eth0\r\n\r\n"), "[match] interface-name=eth0" },
        { $"{Etc}/b.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\r\nmac-address=00:16:3E:00:00:02\r\n\r\n"), null },
        { $"{Etc}/b.nmconnection", $"[connection]\ninterface-name=eth0\nautoconnect-priority=999\n[ethernet]\nmac-address=00:16:3E:00:00:02\r", "interface-name=eth0, mac-address=00:16:3E:00:00:02" },
        { $"{Etc}/b.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0; 22 ;62;\v0;+0;2\t\n\n"), null },
        { $"{Etc}/b.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0;22;62;0;0;-0\n\n"), null },
        { $"{Etc}/b.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0;22;62;0;0;2\v\n\n"), "mac-address=0;22;62;0;0;2" },
        { $"{Etc}/b.nmconnection", Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=0;22;62;0;0;\u00a02\n\n"), "mac-address=0;22;62;0;0;\u00a02" },
        { $"{Etc}/b.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\u00a0"), null },
        { $"{Etc}/b.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\v"), null },
        { $"{Etc}/b.nmconnection", Keyfile("interface-name=eth0\u00a0\nautoconnect-priority=999"), null },
        { $"{Etc}/b.nmconnection", Keyfile("interface-name=eth0 \nautoconnect-priority=999"), null },
        { $"{Etc}/b.nmconnection", Keyfile("interface-name=eth0\nautoconnect-priority=999\ntype=ethernet "), null },
        { $"{Etc}/b.nmconnection", Keyfile("interface-name=\t eth0\nautoconnect-priority=999 \f\ntype=\fethernet"), "interface-name=eth0" },
        { $"{Etc}/c.nmconnection", "# interface-name=eth1\n[connection]\n  interface-name=eth0\nautoconnect-priority=999\n", "interface-name=eth0" },
        { $"{Etc}/c.nmconnection", "[connection]  \ninterface-name=eth0\nautoconnect-priority=999\n", "interface-name=eth0" },
        // GKeyFile takes only spaces and tabs after a group's "]", and no control character or "[" in its name: else the file is no keyfile
        // ("not a key-value pair, group, or comment", "Invalid group name"). A key led by a no-break space is a key of its own, unknown.
        { $"{Etc}/c.nmconnection", "[connection]\f\ninterface-name=eth0\nautoconnect-priority=999\n", null },
        { $"{Etc}/c.nmconnection", "[connection]\v\ninterface-name=eth0\nautoconnect-priority=999\n", null },
        { $"{Etc}/c.nmconnection", "[connection]\u00a0\ninterface-name=eth0\nautoconnect-priority=999\n", null },
        { $"{Etc}/c.nmconnection", "[connection]\ninterface-name=eth0\nautoconnect-priority=999\n[ipv4]\r", null },
        { $"{Etc}/c.nmconnection", "[connection]\ninterface-name=eth0\nautoconnect-priority=999\n[ipv6\u0001]\n", null },
        { $"{Etc}/c.nmconnection", "[connection]\ninterface-name=eth0\nautoconnect-priority=999\n[ip[v6]\n", null },
        { $"{Etc}/c.nmconnection", "[connection]\ninterface-name=eth0\nautoconnect-priority=999\n[]\n", null },
        { $"{Etc}/c.nmconnection", "[connection]\t \ninterface-name=eth0\nautoconnect-priority=999\n[ip=v6 x]\n", "interface-name=eth0" },
        { $"{Etc}/c.nmconnection", "[connection]\n\u00a0interface-name=eth1\nautoconnect-priority=999\n", "no interface-name, mac-address or [match]: any Ethernet device" },
        { $"{Etc}/c.nmconnection", "[connection]\ninterface-name=eth0\nautoconnect-priority=999\n\u00a0[ipv4]\n", null },
        { $"{Etc}/c.nmconnection", "[connection]\ninterface-name=eth0\nautoconnect-priority=999\nnot a key\n", null },
        { $"{Etc}/c.nmconnection", "[connection]\ninterface-name=eth0\nautoconnect-priority=999\n=999\n", null },
        { $"{Etc}/c.nmconnection", "interface-name=eth0\n[connection]\nautoconnect-priority=999\n", null },
        { $"{Etc}/c.nmconnection", "[connection\ninterface-name=eth0\nautoconnect-priority=999\n", null },
        { $"{Etc}/c.nmconnection", "[connection] x\ninterface-name=eth0\nautoconnect-priority=999\n", null },
        { $"{Etc}/c.nmconnection", "[x]]\n[connection]\ninterface-name=eth0\nautoconnect-priority=999\n", null },
        { $"{Etc}/c.nmconnection", "-----BEGIN CERTIFICATE-----\nMIIB\n", null },
        { $"{Etc}/c.nmconnection", "", null },
    };

    /// <summary>Each file, and how the refusal describes its match (<c>null</c>: not refused).</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void A_foreign_connection_at_999_that_may_take_eth0_is_refused(string path, string contents, string? described)
    {
        var refusal = Record.Exception(() => Render(new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal) { [path] = contents })));

        if (described is not null)
        {
            var error = Assert.IsType<InvalidNetworkDataException>(refusal);
            Assert.Equal(
                $"{path} also matches eth0 ({described}) at autoconnect-priority=999, the priority of guest-agent-eth0.nmconnection, which resetnetwork writes: " +
                "NetworkManager takes, of two connections at the same priority, the one active last (to the second) and then the smaller UUID, so it may bring that connection up on eth0 at the next boot, not the configured addresses; " +
                "lower its autoconnect-priority, narrow its match so that it leaves eth0 out, set autoconnect=false, or remove it, or let another network system configure this guest; nothing was changed",
                error.Message);
        }
        else
        {
            Assert.Null(refusal);
        }
    }

    [Fact]
    public void Our_own_keyfiles_and_backups_and_what_is_no_file_are_not_refused()
    {
        var ours = Keyfile("interface-name=eth0\nautoconnect-priority=999");
        var view = new InMemoryFileView(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [NetworkManagerRenderer.PathFor("eth0")] = ours,
                [NetworkManagerRenderer.PathFor("eth0z")] = ours,
                [NetworkManagerRenderer.PathFor("eth9") + ".bak"] = ours,
                [NetworkManagerRenderer.PathFor("eth0") + ".bak~"] = ours,
            },
            linkTargets: new Dictionary<string, string>(StringComparer.Ordinal) { [$"{Etc}/masked.nmconnection"] = "/dev/null" });

        Assert.NotEmpty(Render(view).Files);
    }

    public static TheoryData<string, uint, bool> Statuses() => new()
    {
        { "600", 0, true }, { "400", 0, true }, { "700", 0, true }, { "4600", 0, true },
        { "644", 0, false }, { "640", 0, false }, { "604", 0, false }, { "601", 0, false }, { "610", 0, false }, { "620", 0, false },
        { "600", 65534, false },
    };

    /// <summary>
    /// NetworkManager loads no keyfile any bit of whose mode is the group's or others', nor one not owned by root (checked on the
    /// daemon: "File permissions (100644) are insecure", "File owner (65534) is insecure"); its group does not count.
    /// </summary>
    [Theory]
    [MemberData(nameof(Statuses))]
    public void A_keyfile_NetworkManager_ignores_for_its_mode_or_owner_is_not_refused(string mode, uint owner, bool refused)
    {
        var path = $"{Etc}/aaa eth0.nmconnection";
        var status = new FileStatus(FileKind.File, (UnixFileMode)Convert.ToInt32(mode, 8), new FileOwner(owner, 65534), 100);
        var view = new InMemoryFileView(
            new Dictionary<string, string>(StringComparer.Ordinal) { [path] = Keyfile("interface-name=eth0\nautoconnect-priority=999") },
            statuses: new Dictionary<string, FileStatus>(StringComparer.Ordinal) { [path] = status });

        var refusal = Record.Exception(() => Render(view));

        // The owner is judged only where the agent runs as root: in root mode as another user, every file is that user's.
        Assert.Equal(!refused, NetworkManagerForeignKeyfiles.IgnoredByNetworkManager(status, agentUser: 0));
        Assert.Equal(mode is not ("600" or "400" or "700" or "4600"), NetworkManagerForeignKeyfiles.IgnoredByNetworkManager(status, agentUser: 1000));
        Assert.Equal(refused || (FileOwner.Effective.UserId != 0 && mode == "600"), refusal is InvalidNetworkDataException);
    }

    [Fact]
    public void A_name_of_ours_with_another_ending_and_a_link_are_refused()
    {
        foreach (var name in new[] { "guest-agent-eth0.nmconnection.orig", "guest-agent-eth0" })
        {
            var view = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal) { [$"{Etc}/{name}"] = Keyfile("interface-name=eth0\nautoconnect-priority=999") });
            Assert.StartsWith($"{Etc}/{name} also matches eth0 (interface-name=eth0)", Assert.Throws<InvalidNetworkDataException>(() => Render(view)).Message, StringComparison.Ordinal);
        }

        // NetworkManager follows a link; where it leads is not read here.
        var linked = new InMemoryFileView(
            new Dictionary<string, string>(StringComparer.Ordinal),
            linkTargets: new Dictionary<string, string>(StringComparer.Ordinal) { [$"{Etc}/linked.nmconnection"] = "/srv/eth0.nmconnection" });
        Assert.StartsWith($"{Etc}/linked.nmconnection also matches eth0 (its text cannot be read here)", Assert.Throws<InvalidNetworkDataException>(() => Render(linked)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_configured_interface_is_checked()
    {
        var configuration = NetworkFixture.Load("several-interfaces").Build();
        var view = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{Etc}/eth1.nmconnection"] = Keyfile("autoconnect-priority=999", "[ethernet]\nmac-address=00:16:3e:00:00:02\n\n"),
        });

        var error = Assert.Throws<InvalidNetworkDataException>(() => new NetworkManagerRenderer().Render(configuration, view));

        Assert.StartsWith($"{Etc}/eth1.nmconnection also matches eth1 (mac-address=00:16:3e:00:00:02) at autoconnect-priority=999, the priority of guest-agent-eth1.nmconnection", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string?, int> Priorities() => new()
    {
        { null, 0 }, { "999", 999 }, { " 999\t", 999 }, { "+999", 999 }, { "-999", -999 }, { "-1000", 0 }, { "1000", 0 },
        { "0x3e7", 999 }, { "0X3E7", 999 }, { "-0x3e7", -999 }, { "01747", 999 }, { "0999", 0 }, { "0x", 0 }, { "0", 0 },
        { "", 0 }, { "+", 0 }, { "999x", 0 }, { "9 99", 0 }, { "000000000000000999", 0 }, { "00000000000000001747", 999 }, { "0x0000000000000003e7", 999 },
        { "99999999999999999999", 0 }, { "9\\99", 999 },
        { "\v\f 999\r\n", 999 }, { "999\v", 0 }, { "\u00a0999", 0 }, { "999\u00a0", 0 }, { "+\v999", 0 },
    };

    /// <summary>The priority NetworkManager reads from a value (checked against the daemon's <c>nmcli</c> for each form).</summary>
    [Theory]
    [MemberData(nameof(Priorities))]
    public void A_priority_is_read_as_NetworkManager_reads_it(string? value, int expected) =>
        Assert.Equal(expected, NetworkManagerForeignKeyfiles.Priority(value));

    /// <summary>
    /// The file named so that it is the one found (escaped, not made safe by the response writer, which
    /// would turn the tab into a space), and a long <c>[match]</c> list quoted only so far.
    /// </summary>
    [Fact]
    public void The_refusal_names_an_odd_file_exactly_and_quotes_a_long_match_only_so_far()
    {
        var patterns = string.Concat(Enumerable.Range(0, 100).Select(i => $"x{i:D2};")) + "eth0";
        var view = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{Etc}/caf\u00e9\t100%.nmconnection"] = Keyfile("autoconnect-priority=999", $"[match]\ninterface-name={patterns}\n"),
        });

        var message = Assert.Throws<InvalidNetworkDataException>(() => Render(view)).Message;

        Assert.StartsWith($"{Etc}/caf%C3%A9%09100%25.nmconnection also matches eth0 ([match] interface-name={patterns[..41]}...) at autoconnect-priority=999", message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", message, StringComparison.Ordinal);

        // Forty [match] keys (any other key counts as matching): 256 characters of them quoted.
        var keys = string.Concat(Enumerable.Range(0, 40).Select(i => $"key{i:D2}=a-value-of-{i:D2}\n"));
        var many = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{Etc}/many.nmconnection"] = Keyfile("autoconnect-priority=999", $"[match]\n{keys}"),
        });
        var all = string.Join(", ", Enumerable.Range(0, 40).Select(i => $"[match] key{i:D2}=a-value-of-{i:D2}"));
        Assert.StartsWith($"{Etc}/many.nmconnection also matches eth0 ({all[..256]}...) at", Assert.Throws<InvalidNetworkDataException>(() => Render(many)).Message, StringComparison.Ordinal);
    }

    private static RenderResult Render(IFileView view) => new NetworkManagerRenderer().Render(NetworkFixture.Load("ipv4-only").Build(), view);
}
