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
    /// <remarks>
    /// The connection active on each device (<see cref="NetworkManagerActiveConnections"/>), which a rollback
    /// brings back, and each device's autoconnect (<see cref="NetworkManagerDevices"/>), which tells a rollback
    /// how to leave one that had none. The second question gets what the first left of <paramref name="timeout"/>.
    /// </remarks>
    public override async Task<SystemFacts> AskRunningAsync(SystemFacts facts, IProcessRunner processes, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        var asked = System.Diagnostics.Stopwatch.StartNew();
        var active = await NetworkManagerActiveConnections.ReadAsync(processes, timeout, logger, cancellationToken).ConfigureAwait(false);
        var devices = active is null ? null : await NetworkManagerDevices.ReadAsync(processes, timeout - asked.Elapsed, logger, cancellationToken).ConfigureAwait(false);
        return facts with { NetworkManagerActive = active, NetworkManagerDevices = devices };
    }

    /// <inheritdoc />
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current)
    {
        var dropped = NetworkManagerRenderer.Dropped(current, interfaces).ToArray();
        return new([], [
            ApplyStep.Run("nmcli", "connection", "reload"),
            .. interfaces.Select(n => Up(n, repeated: current.Exists(NetworkManagerRenderer.PathFor(n)) && Autoconnects(current, n))),
        ])
        {
            OnlyOnRollback = [
                .. dropped.Where(n => Autoconnects(current, n)).Select(UpAgain),
                .. interfaces.Where(n => current.Exists(NetworkManagerRenderer.PathFor(n)) && !Autoconnects(current, n)).Select(Down),
                .. interfaces.Concat(dropped).SelectMany(n => AsBefore(n, facts, current)),
            ],
        };
    }

    /// <summary>
    /// Puts back, on rollback, what NetworkManager had on an interface the change configures or drops
    /// before the change, where no file gives it: nothing at all (an operator's <c>nmcli device
    /// disconnect</c>, or only connections NetworkManager never activates by itself), a connection not
    /// ours (an operator's with <c>autoconnect=no</c> brought up by hand, or one activated over
    /// another), or ours where its keyfile does not autoconnect (the operator's <c>nmcli connection
    /// modify … connection.autoconnect no</c>, brought up by hand). Nothing in the files says so, and
    /// after the restore NetworkManager's autoconnect, and our own repeated <c>up</c>, give the interface
    /// what it would at boot (cloud-init's connection, ours, or none), so the rollback would answer that
    /// the previous configuration is back with another one running. These steps come last, after our
    /// own connections are up again, so they win the interface as before. A connection not ours by UUID
    /// (ids may repeat) and on that interface, its failure tolerated: the operator may have removed it
    /// since. Ours by its id, as its plain <c>up</c>. Only in the boot it was so in
    /// (<see cref="ApplyStep.ThisBootOnly"/>): a reboot ends that state (a device disconnected by hand
    /// autoconnects again, an <c>autoconnect=no</c> connection is never active at boot), and recovery
    /// then leaves the interface what the restored files and autoconnect give it. Nothing when
    /// NetworkManager could not be asked (<see cref="SystemFacts.NetworkManagerActive"/> <c>null</c>):
    /// an interface is never taken down on a guess.
    /// </summary>
    private static IEnumerable<ApplyStep> AsBefore(string interfaceName, SystemFacts facts, IFileView current)
    {
        if (facts.NetworkManagerActive is not { } active)
        {
            yield break;
        }

        if (!active.TryGetValue(interfaceName, out var connection))
        {
            if (Unconnected(interfaceName, facts) is { } step)
            {
                yield return step;
            }
        }
        else if (connection.Name != NetworkManagerRenderer.ConnectionId(interfaceName))
        {
            yield return ApplyStep.Try("nmcli", "connection", "up", "uuid", connection.Uuid, "ifname", interfaceName) with { ThisBootOnly = true };
        }
        else if (current.Exists(NetworkManagerRenderer.PathFor(interfaceName)) && !Autoconnects(current, interfaceName))
        {
            // Ours, brought up by hand: the plan's own up is not repeated for a keyfile that does not autoconnect.
            yield return ApplyStep.Run("nmcli", "connection", "up", NetworkManagerRenderer.ConnectionId(interfaceName)) with { ThisBootOnly = true };
        }

        // Ours where its keyfile autoconnects needs none: the plan's own up brings it back (UpAgain where
        // the change drops it), and without the keyfile the rollback's reload forgets it anyway.
    }

    /// <summary>
    /// Leaves, on rollback, without a connection an interface that had none before the change, as NetworkManager
    /// left it. Where its device's autoconnect was off (an operator's <c>nmcli device disconnect</c>), or NetworkManager
    /// did not say (<see cref="SystemFacts.NetworkManagerDevices"/>: the answer of the question before this one was asked,
    /// for that the operator's case is kept), <c>nmcli device disconnect</c>, which turns it off again for the boot. Where
    /// it was on, that would block the device for the rest of the boot, where a carrier's return, a reload or NetworkManager's
    /// retry timer could have given it a connection, as the restored files give at boot: without a carrier
    /// (<see cref="NetworkManagerDevices.Unavailable"/>) nothing, the reload taking the change's connection away or
    /// leaving ours as autoconnect would bring it when the carrier returns; else <c>nmcli connection down</c> of ours, which
    /// blocks that connection and not the device, as an operator's <c>connection down</c> did (tolerated: it is not active
    /// where the reload forgot it). <c>null</c> when nothing is needed.
    /// </summary>
    private static ApplyStep? Unconnected(string interfaceName, SystemFacts facts)
    {
        var device = facts.NetworkManagerDevices?.GetValueOrDefault(interfaceName);
        if (device?.Autoconnect != true)
        {
            return ApplyStep.Try("nmcli", "device", "disconnect", interfaceName) with { ThisBootOnly = true };
        }

        return device.State == NetworkManagerDevices.Unavailable ? null : Down(interfaceName) with { ThisBootOnly = true };
    }

    /// <summary>Whether our keyfile of the interface, as it is before the change, has NetworkManager activate it by itself (none there counts as autoconnecting).</summary>
    private static bool Autoconnects(IFileView current, string interfaceName) =>
        NetworkManagerForeignKeyfiles.Autoconnects(current, NetworkManagerRenderer.PathFor(interfaceName));

    /// <summary>
    /// Takes down, on rollback, our connection of an interface whose restored keyfile does not
    /// autoconnect (the operator made it manual): the change's keyfile, which does, was active there
    /// (brought up by the change, or by the boot after a crash), and the reload only changes the
    /// connection's settings, not what the device runs. Down, it is what no boot activates, and
    /// autoconnect gives the interface what a boot would (cloud-init's connection, or none); in the
    /// change's boot the steps after it (<see cref="AsBefore"/>) then put back what was active before.
    /// Its failure is tolerated: the connection may not be active (its device gone).
    /// </summary>
    private static ApplyStep Down(string interfaceName) =>
        ApplyStep.Try("nmcli", "connection", "down", NetworkManagerRenderer.ConnectionId(interfaceName));

    /// <summary>
    /// Brings up again, on rollback, our connection of an interface the change no longer configures,
    /// where its keyfile autoconnects (else a boot would not either; <see cref="AsBefore"/>).
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
    /// there. Nor is it repeated where the keyfile before the change does not autoconnect: a boot
    /// never activates that one (<see cref="Down"/>, and <see cref="AsBefore"/> where it was active).
    /// The record holds the rollback's steps, so recovery after a crash does the same.
    /// </summary>
    private static ApplyStep Up(string interfaceName, bool repeated) =>
        ApplyStep.Run("nmcli", "connection", "up", NetworkManagerRenderer.ConnectionId(interfaceName)) with { RepeatOnRollback = repeated };
}
