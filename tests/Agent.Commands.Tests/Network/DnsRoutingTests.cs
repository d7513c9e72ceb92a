using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// For every backend, on fake roots with the resolver set-ups found in the wild, Nova's DNS
/// servers end up either in backend files that really feed the manager owning
/// <c>/etc/resolv.conf</c>, or in <c>/etc/resolv.conf</c> itself; never in neither.
/// </summary>
public sealed class DnsRoutingTests
{
    private const string Server = "69.20.0.164";

    /// <summary>Resolver set-ups, each a few files and links under the root.</summary>
    private static readonly Dictionary<string, Action<FakeRoot>> Setups = new()
    {
        ["plain file"] = root => root.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n"),
        ["no resolv.conf"] = _ => { },
        ["running resolved, stub link"] = root =>
        {
            root.Write("/usr/bin/systemctl", "");
            root.Write("/run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\noptions edns0 trust-ad\n");
            root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");
        },
        ["enabled resolved, absolute link"] = root =>
        {
            root.Write("/usr/bin/systemctl", "");
            root.Link("/etc/systemd/system/sysinit.target.wants/systemd-resolved.service", "/usr/lib/systemd/system/systemd-resolved.service");
            root.Link("/etc/resolv.conf", "/run/systemd/resolve/stub-resolv.conf");
        },
        ["dangling resolved link"] = root => root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf"),
        ["running resolved, plain file"] = root =>
        {
            root.Write("/run/systemd/resolve/resolv.conf", "nameserver 192.0.2.1\n");
            root.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        },
        ["debian resolvconf, live link"] = root =>
        {
            root.Write("/sbin/resolvconf", "");
            root.Write("/etc/resolvconf/update.d/libc", "");
            root.Write("/etc/network/if-up.d/000resolvconf", "");
            root.Write("/run/resolvconf/resolv.conf", "nameserver 192.0.2.53\n");
            root.Link("/etc/resolv.conf", "../run/resolvconf/resolv.conf");
        },
        ["debian resolvconf, link replaced by a file"] = root =>
        {
            root.Write("/sbin/resolvconf", "");
            root.Write("/etc/resolvconf/update.d/libc", "");
            root.Write("/etc/network/if-up.d/000resolvconf", "");
            root.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        },
        ["debian resolvconf, dangling link"] = root =>
        {
            root.Write("/sbin/resolvconf", "");
            root.Write("/etc/resolvconf/update.d/libc", "");
            root.Write("/etc/network/if-up.d/000resolvconf", "");
            root.Link("/etc/resolv.conf", "../run/resolvconf/resolv.conf");
        },
        ["running resolved, stub link, no systemctl"] = root =>
        {
            root.Write("/run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\noptions edns0 trust-ad\n");
            root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");
        },
        ["openresolv"] = root =>
        {
            root.Write("/sbin/resolvconf", "");
            root.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        },
        ["openresolv and ifupdown's hook"] = root =>
        {
            root.Write("/sbin/resolvconf", "");
            root.Write("/etc/network/if-up.d/000resolvconf", "");
            root.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        },
        ["openresolv and ifupdown's hook, ifupdown-ng"] = root =>
        {
            // Alpine with ifupdown-ng: the hook is there, but ifupdown-ng runs it without ADDRFAM.
            Setups!["openresolv and ifupdown's hook"](root);
            root.Write("/usr/libexec/ifupdown-ng/link", "");
        },
        ["debian resolvconf, live link, ifupdown-ng"] = root =>
        {
            Setups!["debian resolvconf, live link"](root);
            root.Write("/usr/libexec/ifupdown-ng/link", "");
        },
        ["resolvectl shim, running resolved"] = root =>
        {
            root.Write("/usr/bin/systemctl", "");
            root.Link("/usr/bin/resolvconf", "resolvectl");
            root.Write("/run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
            root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");
        },
        ["NetworkManager dns=none"] = root =>
        {
            root.Write("/etc/NetworkManager/conf.d/90-dns-none.conf", "[main]\ndns=none\n");
            root.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        },
        ["NetworkManager dns=none, running resolved"] = root =>
        {
            root.Write("/etc/NetworkManager/NetworkManager.conf", "[main]\ndns=none\n");
            Setups!["running resolved, stub link"](root);
        },
        ["NetworkManager's own link"] = root =>
        {
            root.Write("/run/NetworkManager/resolv.conf", "nameserver 192.0.2.53\n");
            root.Link("/etc/resolv.conf", "/var/run/NetworkManager/resolv.conf");
        },
        ["NetworkManager's dangling link"] = root => root.Link("/etc/resolv.conf", "/var/run/NetworkManager/resolv.conf"),
        ["netplan NetworkManager renderer"] = root =>
        {
            root.Write("/etc/netplan/01-network-manager-all.yaml", "network:\n  version: 2\n  renderer: NetworkManager\n");
            root.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        },
        ["live netconfig link"] = root =>
        {
            root.Write("/run/netconfig/resolv.conf", "nameserver 192.0.2.53\n");
            root.Link("/etc/resolv.conf", "/run/netconfig/resolv.conf");
        },
        ["dangling netconfig link"] = root => root.Link("/etc/resolv.conf", "/run/netconfig/resolv.conf"),
        ["netconfig DNS policy empty"] = root =>
        {
            root.Write("/etc/sysconfig/network/config", "NETCONFIG_DNS_POLICY=\"\"\n");
            root.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        },
        ["unknown live link"] = root =>
        {
            root.Write("/run/connman/resolv.conf", "nameserver 192.0.2.53\n");
            root.Link("/etc/resolv.conf", "/run/connman/resolv.conf");
        },
    };

    /// <summary>
    /// Where the servers must go: the backend's files (<c>backend</c>), <c>/etc/resolv.conf</c>
    /// written in place (<c>file</c>) or in place of a link (<c>link</c>), or a drop-in for the
    /// running systemd-resolved the backend does not feed (<c>dropin</c>).
    /// </summary>
    public static TheoryData<NetworkBackend, string, string> Cases() => new()
    {
        { NetworkBackend.Netplan, "plain file", "file" },
        { NetworkBackend.Netplan, "running resolved, stub link", "backend" },
        { NetworkBackend.Netplan, "enabled resolved, absolute link", "backend" },
        { NetworkBackend.Netplan, "dangling resolved link", "link" },
        { NetworkBackend.Netplan, "running resolved, plain file", "file" },
        { NetworkBackend.Netplan, "netplan NetworkManager renderer", "backend" },
        { NetworkBackend.Netplan, "debian resolvconf, live link", "link" },
        { NetworkBackend.SystemdNetworkd, "no resolv.conf", "file" },
        { NetworkBackend.SystemdNetworkd, "running resolved, stub link", "backend" },
        { NetworkBackend.SystemdNetworkd, "dangling resolved link", "link" },
        { NetworkBackend.SystemdNetworkd, "running resolved, plain file", "file" },
        { NetworkBackend.SystemdNetworkd, "unknown live link", "link" },
        { NetworkBackend.NetworkManager, "plain file", "backend" },
        { NetworkBackend.NetworkManager, "no resolv.conf", "backend" },
        { NetworkBackend.NetworkManager, "running resolved, stub link", "backend" },
        { NetworkBackend.NetworkManager, "dangling resolved link", "link" },
        { NetworkBackend.NetworkManager, "NetworkManager dns=none", "file" },
        { NetworkBackend.NetworkManager, "NetworkManager dns=none, running resolved", "dropin" },
        { NetworkBackend.NetworkManager, "NetworkManager's own link", "backend" },
        { NetworkBackend.NetworkManager, "unknown live link", "link" },
        { NetworkBackend.NetworkManager, "NetworkManager's dangling link", "link" },
        { NetworkBackend.Ifupdown, "plain file", "file" },
        { NetworkBackend.Ifupdown, "debian resolvconf, live link", "backend" },
        { NetworkBackend.Ifupdown, "debian resolvconf, link replaced by a file", "file" },
        { NetworkBackend.Ifupdown, "debian resolvconf, dangling link", "link" },
        { NetworkBackend.Ifupdown, "running resolved, stub link, no systemctl", "link" },
        { NetworkBackend.Ifupdown, "running resolved, stub link", "dropin" },
        { NetworkBackend.Ifupdown, "dangling resolved link", "link" },
        { NetworkBackend.Ifupdown, "openresolv", "file" },
        { NetworkBackend.Ifupdown, "openresolv and ifupdown's hook", "backend" },
        { NetworkBackend.Ifupdown, "openresolv and ifupdown's hook, ifupdown-ng", "file" },
        { NetworkBackend.Ifupdown, "debian resolvconf, live link, ifupdown-ng", "link" },
        { NetworkBackend.Netctl, "plain file", "file" },
        { NetworkBackend.Netctl, "openresolv", "backend" },
        { NetworkBackend.Netctl, "resolvectl shim, running resolved", "backend" },
        { NetworkBackend.Netctl, "dangling resolved link", "link" },
        { NetworkBackend.GentooNetifrc, "plain file", "backend" },
        { NetworkBackend.GentooNetifrc, "openresolv", "backend" },
        { NetworkBackend.GentooNetifrc, "running resolved, stub link", "dropin" },
        { NetworkBackend.GentooNetifrc, "resolvectl shim, running resolved", "backend" },
        { NetworkBackend.RedHatIfcfg, "plain file", "backend" },
        { NetworkBackend.RedHatIfcfg, "dangling resolved link", "link" },
        { NetworkBackend.RedHatIfcfg, "enabled resolved, absolute link", "dropin" },
        { NetworkBackend.SuseIfcfg, "running resolved, stub link", "dropin" },
        { NetworkBackend.SuseIfcfg, "plain file", "backend" },
        { NetworkBackend.SuseIfcfg, "live netconfig link", "backend" },
        { NetworkBackend.SuseIfcfg, "netconfig DNS policy empty", "file" },
        { NetworkBackend.SuseIfcfg, "dangling netconfig link", "link" },
        { NetworkBackend.FreeBsdRcConf, "plain file", "file" },
        { NetworkBackend.FreeBsdRcConf, "openresolv", "file" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_servers_reach_resolv_conf_through_the_backend_or_the_agent(NetworkBackend backend, string setup, string expected)
    {
        using var root = new FakeRoot();
        Setups[setup](root);
        var view = new FileSystemView(root.CreateSystem().FileSystem);
        var facts = SystemProbe.Probe(view);

        var files = NetworkFilesRenderer.Render(NetworkFixture.Load("rackspace").Build(), backend, facts, new NetworkOptions(), view).Files;

        var resolvConf = files.SingleOrDefault(f => f.Path == "/etc/resolv.conf");
        var dropIn = files.SingleOrDefault(f => f.Path == ResolvedDropInRenderer.FilePath);
        var route = DnsRouting.Decide(backend, facts, ResolvConfPolicy.Auto);
        var where = dropIn is not null ? "dropin" : resolvConf is null ? "backend" : resolvConf.ReplacesSymbolicLink ? "link" : "file";
        Assert.True(expected == where, $"{backend} with {setup}: expected {expected}, got {where} ({route.Reason})");
        switch (where)
        {
            case "backend":
                Assert.Contains(files, f => f.Contents.Contains(Server, StringComparison.Ordinal));
                break;
            case "dropin":
                Assert.Null(resolvConf);
                Assert.Contains($"\nDNS={Server} 69.20.0.196\n", dropIn!.Contents, StringComparison.Ordinal);
                break;
            default:
                Assert.Null(dropIn);
                Assert.Contains($"nameserver {Server}\n", resolvConf!.Contents, StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public void Every_backend_and_set_up_puts_the_servers_somewhere()
    {
        foreach (var backend in Enum.GetValues<NetworkBackend>())
        {
            foreach (var (name, setup) in Setups)
            {
                using var root = new FakeRoot();
                setup(root);
                var view = new FileSystemView(root.CreateSystem().FileSystem);
                var facts = SystemProbe.Probe(view);

                var files = NetworkFilesRenderer.Render(NetworkFixture.Load("rackspace").Build(), backend, facts, new NetworkOptions(), view).Files;

                var inResolvConf = files.Any(f => f.Path is "/etc/resolv.conf" or ResolvedDropInRenderer.FilePath && f.Contents.Contains(Server, StringComparison.Ordinal));
                var inBackend = files.Any(f => f.Path is not "/etc/resolv.conf" and not ResolvedDropInRenderer.FilePath && f.Contents.Contains(Server, StringComparison.Ordinal));
                Assert.True(inResolvConf || inBackend, $"{backend} with {name}: the servers are in no file");
            }
        }
    }

    [Fact]
    public void A_replaced_link_keeps_the_search_and_options_lines_of_the_file_it_pointed_to()
    {
        using var root = new FakeRoot();
        root.Write("/run/connman/resolv.conf", "nameserver 127.0.0.1\noptions edns0 trust-ad\nsearch example.net\n");
        root.Link("/etc/resolv.conf", "../run/connman/resolv.conf");
        var view = new FileSystemView(root.CreateSystem().FileSystem);

        var files = NetworkFilesRenderer.Render(NetworkFixture.Load("rackspace").Build(), NetworkBackend.Ifupdown, SystemProbe.Probe(view), new NetworkOptions(), view).Files;

        var resolvConf = files.Single(f => f.Path == "/etc/resolv.conf");
        Assert.True(resolvConf.ReplacesSymbolicLink);
        // trust-ad spoke of connman's local proxy, not of Nova's servers (ResolvConfTrustAdTests).
        Assert.Equal("# Automatically generated, do not edit\noptions edns0\nsearch example.net\nnameserver 69.20.0.164\nnameserver 69.20.0.196\n", resolvConf.Contents);
    }

    [Theory]
    [InlineData(ResolvConfPolicy.Always, true)]
    [InlineData(ResolvConfPolicy.Never, false)]
    public void The_policy_overrides_the_route(ResolvConfPolicy policy, bool writes)
    {
        using var root = new FakeRoot();
        Setups["running resolved, stub link"](root);
        var view = new FileSystemView(root.CreateSystem().FileSystem);

        var route = DnsRouting.Decide(NetworkBackend.Ifupdown, SystemProbe.Probe(view), policy);

        Assert.Equal(writes ? DnsTarget.ResolvConf : DnsTarget.Nothing, route.Target);
        Assert.Equal(writes, route.ReplaceLink);
    }

    [Fact]
    public void The_probe_reads_who_owns_resolv_conf_and_whether_it_is_alive()
    {
        using var root = new FakeRoot();
        Setups["debian resolvconf, live link"](root);

        var resolver = SystemProbe.Probe(new FileSystemView(root.CreateSystem().FileSystem)).Resolver;

        Assert.Equal(ResolverManager.DebianResolvconf, resolver.Owner);
        Assert.Equal("../run/resolvconf/resolv.conf", resolver.LinkTarget);
        Assert.True(resolver.OwnerActive);
        Assert.Equal(ResolvconfKind.Debian, resolver.Resolvconf);
        Assert.True(resolver.IfupdownResolvconfHook);
        Assert.False(resolver.SystemdResolvedActive);
    }

    [Fact]
    public void The_probe_tells_ifupdown_ng_by_its_executor_directory()
    {
        using var root = new FakeRoot();
        Setups["openresolv and ifupdown's hook"](root);
        Assert.False(SystemProbe.Probe(new FileSystemView(root.CreateSystem().FileSystem)).Resolver.IfupdownNg);

        root.Write("/usr/libexec/ifupdown-ng/static", "");
        Assert.True(SystemProbe.Probe(new FileSystemView(root.CreateSystem().FileSystem)).Resolver.IfupdownNg);
    }

    [Theory]
    [InlineData("../run/systemd/resolve/stub-resolv.conf", "/run/systemd/resolve/stub-resolv.conf")]
    [InlineData("/var/run/NetworkManager/resolv.conf", "/run/NetworkManager/resolv.conf")]
    [InlineData("./resolv.conf.static", "/etc/resolv.conf.static")]
    [InlineData("../../../run/resolvconf/resolv.conf", "/run/resolvconf/resolv.conf")]
    public void Link_targets_are_read_relative_to_etc(string target, string expected) =>
        Assert.Equal(expected, ResolverProbe.Normalize(target));

    [Fact]
    public void NetworkManager_settings_merge_in_its_own_order()
    {
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/usr/lib/NetworkManager/conf.d/00-vendor.conf"] = "[main]\ndns=none\n",
            ["/etc/NetworkManager/NetworkManager.conf"] = "[main]\nplugins=keyfile\n# dns=none\n[logging]\ndns=ignored\n",
            ["/etc/NetworkManager/conf.d/10-dns.conf"] = "[main]\ndns=default\nrc-manager=unmanaged\n",
        });

        var settings = NetworkManagerDnsSettings.Read(view);

        Assert.Equal("default", settings.Dns);
        Assert.Equal("unmanaged", settings.RcManager);
        Assert.False(settings.ManagesDns);
    }

    [Fact]
    public void NetworkManager_conf_is_read_between_run_and_etc_conf_d_and_only_its_main_section_and_conf_files_count()
    {
        // NetworkManager.conf(5): /usr/lib's and /run's conf.d before NetworkManager.conf, /etc's
        // after it; only name.conf files; keys belong to their [section] (GKeyFile).
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/run/NetworkManager/conf.d/50-dns.conf"] = "[main]\ndns=none\nrc-manager=unmanaged\n",
            ["/etc/NetworkManager/NetworkManager.conf"] = "[main]\ndns=systemd-resolved\nrc-manager=symlink\n",
            ["/etc/NetworkManager/conf.d/90-rc.conf"] = "[main]\nrc-manager=resolvconf\n[logging]\nlevel=INFO\ndns=none\n",
            ["/etc/NetworkManager/conf.d/99-dns.conf.rpmsave"] = "[main]\ndns=none\n",
        });

        var settings = NetworkManagerDnsSettings.Read(view);

        Assert.Equal("systemd-resolved", settings.Dns);
        Assert.Equal("resolvconf", settings.RcManager);
    }

    [Fact]
    public void A_conf_d_file_is_shadowed_by_one_of_the_same_name_in_a_later_directory()
    {
        // NetworkManager.conf(5): an empty /etc/NetworkManager/conf.d/name.conf disables /usr/lib's
        // (and /run's) name.conf; a /run one shadows /usr/lib's.
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/usr/lib/NetworkManager/conf.d/10-dns-none.conf"] = "[main]\ndns=none\n",
            ["/usr/lib/NetworkManager/conf.d/20-rc.conf"] = "[main]\nrc-manager=unmanaged\n",
            ["/run/NetworkManager/conf.d/20-rc.conf"] = "[main]\nrc-manager=file\n",
            ["/etc/NetworkManager/conf.d/10-dns-none.conf"] = "",
        });

        var settings = NetworkManagerDnsSettings.Read(view);

        Assert.Null(settings.Dns);
        Assert.Equal("file", settings.RcManager);
        Assert.True(settings.ManagesDns);
    }
}
