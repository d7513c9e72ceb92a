using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>NetworkManager: keyfiles, reloaded and each connection brought up by <c>nmcli</c>.</summary>
internal sealed class NetworkManagerBackend : NetworkBackendDefinition
{
    /// <inheritdoc />
    public override NetworkBackend Backend => NetworkBackend.NetworkManager;

    /// <inheritdoc />
    public override string Name => "networkmanager";

    /// <inheritdoc />
    public override string LongName => "network-manager";

    /// <inheritdoc />
    public override INetworkRenderer Renderer { get; } = new NetworkManagerRenderer();

    /// <inheritdoc />
    public override bool IsInstalled(InstalledTools tools) => tools.NetworkManager;

    /// <inheritdoc />
    public override bool IsInUse(IFileView files, IReadOnlySet<string> enabled) =>
        enabled.Contains("NetworkManager") || files.Exists("/run/NetworkManager");

    /// <inheritdoc />
    public override bool NetplanRendersFor => true;

    /// <inheritdoc />
    public override DnsDelivery DeliversDns(ResolverFacts resolver) => DnsDelivery.ToNetworkManager("NetworkManager", resolver);

    /// <inheritdoc />
    /// <remarks>The connection active on each device (<see cref="NetworkManagerActiveConnections"/>), which a rollback brings back.</remarks>
    public override async Task<SystemFacts> AskRunningAsync(SystemFacts facts, IProcessRunner processes, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken) =>
        facts with { NetworkManagerActive = await NetworkManagerActiveConnections.ReadAsync(processes, timeout, logger, cancellationToken).ConfigureAwait(false) };

    /// <inheritdoc />
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current) =>
        new([], [
            ApplyStep.Run("nmcli", "connection", "reload"),
            .. interfaces.Select(n => Up(n, existed: current.Exists(NetworkManagerRenderer.PathFor(n)))),
        ])
        {
            OnlyOnRollback = [.. NetworkManagerRenderer.Dropped(current, interfaces).Select(UpAgain), .. ActiveBefore(interfaces, facts, current)],
        };

    /// <summary>
    /// Brings up again, on rollback, a connection not ours that was active before the change on an
    /// interface it configures or drops: an operator's with <c>autoconnect=no</c> brought up by hand,
    /// or one activated over another. Nothing in the files says it was active, and after the restore
    /// NetworkManager's autoconnect gives the interface what it would at boot (cloud-init's
    /// connection, ours, or none), so the rollback would answer that the previous configuration is
    /// back with another one running. These steps come last, after our own connections are up again,
    /// so they win the interface as before. By UUID (ids may repeat) and on that interface; their
    /// failure is tolerated: the operator may have removed the connection since. Ours (by its id)
    /// needs none: the plan's own <c>up</c> of it brings it back where its keyfile was there, and
    /// without the keyfile the rollback's reload forgets it anyway. Only in the boot it was active
    /// in (<see cref="ApplyStep.ThisBootOnly"/>): after a reboot it is no longer active without the
    /// change either (an <c>autoconnect=no</c> connection never is at boot), and recovery then leaves
    /// the interface what the restored files and autoconnect give it.
    /// </summary>
    private static IEnumerable<ApplyStep> ActiveBefore(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current) =>
        interfaces.Concat(NetworkManagerRenderer.Dropped(current, interfaces))
            .Where(facts.NetworkManagerActive.ContainsKey)
            .Where(n => facts.NetworkManagerActive[n].Name != NetworkManagerRenderer.ConnectionId(n))
            .Select(n => ApplyStep.Try("nmcli", "connection", "up", "uuid", facts.NetworkManagerActive[n].Uuid, "ifname", n) with { ThisBootOnly = true });

    /// <summary>
    /// Brings up again, on rollback, our connection of an interface the change no longer configures.
    /// The change moved its keyfile aside and the reload deleted the connection, so NetworkManager's
    /// autoconnect gave the interface to another connection for it (cloud-init's) where there is one;
    /// the restored keyfile's connection, back with the reload, is then never activated over that one
    /// (autoconnect only acts on a device with none) until the next boot. Its failure is tolerated:
    /// an interface dropped because its NIC is gone has no device to bring it up on, and nothing to put back.
    /// </summary>
    private static ApplyStep UpAgain(string interfaceName) =>
        ApplyStep.Try("nmcli", "connection", "up", NetworkManagerRenderer.ConnectionId(interfaceName));

    /// <summary>
    /// Brings our connection up. A rollback of a change that created it (its keyfile was not there)
    /// removes the keyfile, and the reload deletes the connection: bringing it up again would fail
    /// with "unknown connection", reported as the previous configuration failing, so the rollback
    /// does not. NetworkManager's autoconnect then gives the interface what it would at boot (the
    /// connection ours took it from, cloud-init's), or nothing when none is left for it;
    /// <c>nmcli device connect</c> would instead create and activate a DHCP connection of its own
    /// there. The record holds the rollback's steps, so recovery after a crash does the same.
    /// </summary>
    private static ApplyStep Up(string interfaceName, bool existed) =>
        ApplyStep.Run("nmcli", "connection", "up", NetworkManagerRenderer.ConnectionId(interfaceName)) with { RepeatOnRollback = existed };
}
