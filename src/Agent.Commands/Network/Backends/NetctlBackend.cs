using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>Arch Linux's netctl: a profile per interface, re-enabled and restarted by <c>netctl</c>.</summary>
internal sealed class NetctlBackend : NetworkBackendDefinition
{
    /// <inheritdoc />
    public override NetworkBackend Backend => NetworkBackend.Netctl;

    /// <inheritdoc />
    public override string Name => "netctl";

    /// <inheritdoc />
    public override string LongName => "netctl";

    /// <inheritdoc />
    public override INetworkRenderer Renderer { get; } = new NetctlRenderer();

    /// <inheritdoc />
    public override bool IsInstalled(InstalledTools tools) => tools.Netctl;

    /// <inheritdoc />
    public override bool IsInUse(IFileView files, IReadOnlySet<string> enabled) =>
        enabled.Any(s => s.StartsWith("netctl@", StringComparison.Ordinal) || s.StartsWith("netctl-auto@", StringComparison.Ordinal) || s.StartsWith("netctl-ifplugd@", StringComparison.Ordinal));

    /// <inheritdoc />
    public override DnsDelivery DeliversDns(ResolverFacts resolver) => DnsDelivery.ToResolvconf("netctl", resolver);

    /// <inheritdoc />
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current) =>
        new([], [.. interfaces.SelectMany(n => new[] { ApplyStep.Run("netctl", "reenable", n), ApplyStep.Run("netctl", "restart", n) })]);
}
