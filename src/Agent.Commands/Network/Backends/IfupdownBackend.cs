using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>Debian's ifupdown: <c>/etc/network/interfaces</c>, brought down before the write and up after it.</summary>
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
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current)
    {
        // ifdown must take an interface down with the configuration it came up with: before the write.
        // -f, which every ifdown takes: busybox's (Alpine) refuses --force as an unknown option, and
        // its state file then kept the interface up.
        var before = interfaces.Select(n => ApplyStep.Try("ifdown", "-f", n)).ToList();

        // Every interface flushed before any comes up: an address another one still held (the
        // image's own, which no ifdown knows) kept its prefix's route, and ifup's route to that
        // prefix through an interface brought up earlier was refused as a duplicate.
        var after = interfaces.Select(ApplyStep.FlushGlobalAddresses).ToList();

        // As the original: ifup's errors are ignored (spec §5.7). Two interfaces with a gateway
        // each make the second ifup fail on the duplicate default route while it works.
        // -f: every ifup leaves an interface its state file says is up alone and exits 0, which
        // after the flush left it with no address: an ifdown that did not clear the state
        // (ifupdown-ng counts an interface another requires, and takes one count off) or a
        // state file the image's set-up left.
        after.AddRange(interfaces.Select(n => Up(n, facts)));

        return new ApplyPlan(before, after);
    }

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
