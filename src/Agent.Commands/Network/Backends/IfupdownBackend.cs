using System.Collections.Immutable;
using System.Globalization;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// Debian's ifupdown: <c>/etc/network/interfaces</c>, brought down before the write and up after it;
/// an interface up now whose stanza the new file drops is brought down too, and up again by a rollback.
/// </summary>
internal sealed class IfupdownBackend : NetworkBackendDefinition
{
    /// <inheritdoc />
    public override NetworkBackend Backend => NetworkBackend.Ifupdown;

    /// <inheritdoc />
    public override string Name => "ifupdown";

    /// <inheritdoc />
    public override string LongName => "ifupdown";

    /// <inheritdoc />
    public override INetworkRenderer Renderer { get; } = new IfupdownRenderer();

    /// <inheritdoc />
    public override bool IsInstalled(InstalledTools tools) => tools.Ifupdown;

    /// <inheritdoc />
    public override bool IsInUse(IFileView files, IReadOnlySet<string> enabled) =>
        enabled.Contains("networking") || files.Exists("/run/network/ifstate");

    /// <inheritdoc />
    public override DnsDelivery DeliversDns(ResolverFacts resolver) =>
        // The hook (Debian's resolvconf and openresolv alike) exits unless ADDRFAM is inet or inet6,
        // and ifupdown-ng sets none: under it the hook never calls resolvconf (AlpineIfupDnsTests).
        resolver.IfupdownNg ? DnsDelivery.Nowhere("ifupdown-ng: dns-nameservers reaches no resolvconf (its if-up.d scripts get no ADDRFAM, which the resolvconf hook needs)")
        : resolver.IfupdownResolvconfHook ? DnsDelivery.ToResolvconf("ifupdown (resolvconf hook)", resolver)
        : DnsDelivery.Nowhere("ifupdown: dns-nameservers needs the resolvconf hook, which is not installed");

    /// <inheritdoc />
    public override ApplyPlan PlanApply(NetworkConfiguration configuration, SystemFacts facts, IFileView current) =>
        Plan([.. configuration.Interfaces.Select(i => i.Name)], [.. configuration.Interfaces.Where(i => !i.HasIPv6).Select(i => i.Name)], facts, current);

    /// <summary>
    /// The plan for interfaces whose new stanzas are not known: each one's router advertisement settings put back as
    /// they are now (<see cref="PlanApply(NetworkConfiguration, SystemFacts, IFileView)"/> is the agent's).
    /// </summary>
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current) => Plan(interfaces, [], facts, current);

    /// <summary>The plan; <paramref name="withoutIPv6"/> are the interfaces the new file gives no <c>inet6</c> stanza.</summary>
    private static ApplyPlan Plan(IReadOnlyList<string> interfaces, IReadOnlyList<string> withoutIPv6, SystemFacts facts, IFileView current)
    {
        // ifdown must take an interface down with the configuration it came up with: before the write.
        // -f, which every ifdown takes: busybox's (Alpine) refuses --force as an unknown option, and
        // its state file then kept the interface up. An interface up now whose stanza the new file
        // drops (ours of an interface left out, cloud-init's in a sourced file) goes down first: the
        // next boot leaves it unconfigured, and its dhclient would otherwise renew the lease until
        // then. Its device may be gone (a detached VIF): ifdown then fails, and that is tolerated.
        var leftOut = LeftOut(interfaces, current);
        var before = leftOut.Concat(interfaces).Select(n => ApplyStep.Try("ifdown", "-f", n)).ToList();

        // Every interface flushed before any comes up: an address another one still held (the
        // image's own, which no ifdown knows) kept its prefix's route, and ifup's route to that
        // prefix through an interface brought up earlier was refused as a duplicate.
        var after = interfaces.Select(ApplyStep.FlushGlobalAddresses).ToList();

        // Each interface's router advertisement settings as they were before the change, set again
        // before any ifup (the link is down then): an inet6 static stanza sets autoconf to 0 (accept_ra
        // too beside a gateway line) and its ifdown leaves them, so a rollback's ifup of the image's stanzas brought the link
        // up, and the kernel solicited a router, with advertisements ignored: no SLAAC address or
        // router's default route until the router's next unsolicited one (minutes), and under inet6
        // dhcp, which sets no autoconf, no SLAAC address at all (IfupdownInet6ImageKernelTests). The
        // change itself finds them as they were, as ifdown leaves them; but where an inet6 stanza of the
        // old files set them and the new file has none, nothing sets them at a boot, which leaves the
        // kernel's (conf/default) and then what sysctl.d sets for the interface, which udev applies as it
        // appears (IfupdownSysctlDTests): kept, our inet6 static's 0s ignored every advertisement until a reboot.
        // ifupdown-ng's executors set neither (AlpineIfupRouterAdvertisementTests): there the interface's own
        // are what its boot gave it (an administrator's sysctl.d setting too), and a boot with the new file the same.
        after.AddRange(interfaces.Select(n => RestoreRouterAdvertisementSettings(n, withoutIPv6.Contains(n) && !facts.Resolver.IfupdownNg && HasInet6Stanza(n, current), current)).OfType<ApplyStep>());

        // As the original: ifup's errors are ignored (spec §5.7). Two interfaces with a gateway
        // each make the second ifup fail on the duplicate default route while it works.
        // -f: every ifup leaves an interface its state file says is up alone and exits 0, which
        // after the flush left it with no address: an ifdown that did not clear the state
        // (ifupdown-ng counts an interface another requires, and takes one count off) or a
        // state file the image's set-up left.
        after.AddRange(interfaces.Select(n => Up(n, facts)));

        // A rollback brings them back once the old file is there again (ifup -f: its state file no longer has them).
        return new ApplyPlan(before, after) { OnlyOnRollback = [.. leftOut.Select(n => Up(n, facts))] };
    }

    /// <summary>
    /// Where the ifup tools keep the interfaces they brought up, one <c>name=logical</c> line each:
    /// Debian's ifupdown, then ifupdown-ng and busybox (Alpine's <c>/var/run</c> is a link to <c>/run</c>).
    /// </summary>
    internal static readonly ImmutableArray<string> StateFiles = ["/run/network/ifstate", "/run/ifstate", "/var/run/ifstate"];

    /// <summary>
    /// The interfaces the state files say are up that the new file no longer defines: neither
    /// configured now (their physical name) nor defined by a kept stanza. Never the loopback, and
    /// only what is an interface name (nothing ifdown could read as an option).
    /// </summary>
    internal static IReadOnlyList<string> LeftOut(IReadOnlyList<string> interfaces, IFileView current)
    {
        var kept = IfupdownKeptStanzas.Defined(IfupdownKeptStanzas.Find(current.ReadText(IfupdownRenderer.FilePath), interfaces).Lines);
        return [.. StateFiles.Select(current.ReadText).OfType<string>()
            .SelectMany(text => text.Split('\n'))
            .Select(line => line.Split('=')[0].Trim())
            .Where(IsInterfaceName)
            .Distinct(StringComparer.Ordinal)
            .Where(name => name != "lo" && !interfaces.Contains(name.Split(':')[0]) && !kept.Contains(name))];
    }

    /// <summary>A kernel interface name (at most 15 bytes), an alias's <c>:N</c> allowed, never starting with <c>-</c>.</summary>
    private static bool IsInterfaceName(string name) =>
        name.Length is > 0 and <= 15 && name[0] != '-' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '@');

    /// <summary>The IPv6 settings of an interface an <c>inet6</c> stanza may set (its <c>accept_ra</c> and <c>autoconf</c> options).</summary>
    internal static readonly ImmutableArray<string> RouterAdvertisementSettings = ["accept_ra", "autoconf"];

    /// <summary>
    /// <c>sysctl -q -w</c> of the interface's <see cref="RouterAdvertisementSettings"/> to the values it has now, or with
    /// <paramref name="boot"/> those a boot gives it (<see cref="SysctlDFiles"/>' value for it, else <c>conf/default</c>'s),
    /// or <c>null</c> when one cannot be read as a number (no IPv6 on it, a rooted view). The key in its slash form, in
    /// which a dot of a VLAN's name stays a dot.
    /// </summary>
    private static ApplyStep? RestoreRouterAdvertisementSettings(string name, bool boot, IFileView current)
    {
        var assignments = new List<string>();
        foreach (var setting in RouterAdvertisementSettings)
        {
            if ((boot && Number(SysctlDFiles.Value(current, $"net/ipv6/conf/{name}/{setting}")) is { } configured ? configured
                : Number(current.ReadText($"/proc/sys/net/ipv6/conf/{(boot ? "default" : name)}/{setting}"))) is not { } value)
            {
                return null;
            }

            assignments.Add($"net/ipv6/conf/{name}/{setting}={value.ToString(CultureInfo.InvariantCulture)}");
        }

        return ApplyStep.Try("sysctl", ["-q", "-w", .. assignments]);
    }

    /// <summary>
    /// The text's first word as a number, or <c>null</c>: the kernel takes <c>2 # note</c> as 2 and refuses <c>x</c>, and a
    /// value it refuses leaves the one before.
    /// </summary>
    private static int? Number(string? text) =>
        int.TryParse(text?.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// Whether, for Debian's ifupdown, <c>/etc/network/interfaces</c>, a file it sources (<see cref="IfupdownSources"/>) or a file of
    /// <c>interfaces.d</c> (which Debian's file and cloud-init's source; counted sourced or not: ours sources
    /// nothing) has an <c>iface &lt;name&gt; inet6</c> stanza: the one that set the interface's router
    /// advertisement settings, its ifdown leaving them.
    /// </summary>
    private static bool HasInet6Stanza(string name, IFileView current) =>
        IfupdownSources.Files(current).Union(current.List(IfupdownRenderer.FilePath + ".d").Select(file => $"{IfupdownRenderer.FilePath}.d/{file}"))
            .Select(current.ReadText).OfType<string>()
            .SelectMany(IfupdownLines.Read)
            .Select(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Any(words => words is ["iface", _, "inet6", ..] && words[1] == name);

    /// <summary>
    /// <c>ifup -f</c>, in a scope of its own where systemd is PID 1: ifup may start a daemon that must
    /// outlive the agent, the dhclient of the DHCP stanza a rollback puts back (a Debian cloud
    /// image's cloud-init file). Under systemd a process the agent starts lives in its service's
    /// cgroup, all of which the unit's KillMode=mixed kills when the agent stops, and a killed
    /// dhclient's address goes when its lease runs out (IfupdownDhcpImageSystemdTests). systemd-run
    /// execs ifup in the scope, so its exit status and a deadline's kill are ifup's.
    /// </summary>
    private static ApplyStep Up(string name, SystemFacts facts) => facts.SystemdBooted
        ? ApplyStep.Try("systemd-run", "--scope", "--quiet", "--collect", "ifup", "-f", name)
        : ApplyStep.Try("ifup", "-f", name);
}
