namespace GuestAgent.Commands.Network.Detection;

/// <summary>What the agent found out about the system it configures.</summary>
/// <param name="OsRelease">The distribution.</param>
/// <param name="Tools">The network tools and services installed.</param>
internal sealed record SystemFacts(OsRelease OsRelease, InstalledTools Tools)
{
    /// <summary>The network systems enabled or running (see <see cref="ActiveNetworkServices"/>); empty when none could be seen.</summary>
    public IReadOnlySet<NetworkBackend> ActiveBackends { get; init; } = new HashSet<NetworkBackend>();

    /// <summary>netplan has a configuration file (<see cref="NetplanConfiguration.Files"/>, or one whose name is not UTF-8, <see cref="NetplanConfiguration.UndecodableFiles"/>), so it configures something.</summary>
    public bool NetplanConfigured { get; init; }

    /// <summary>
    /// systemd runs as PID 1 (<c>/run/systemd/system</c> exists, as <c>sd_booted()</c> checks) and
    /// <c>systemd-run</c> is installed: a program can be started in a scope of its own, outside the
    /// agent's service.
    /// </summary>
    public bool SystemdBooted { get; init; }

    /// <summary>Who owns <c>/etc/resolv.conf</c> and which resolver managers are alive.</summary>
    public ResolverFacts Resolver { get; init; } = ResolverFacts.Unmanaged;

    /// <summary>
    /// The connection NetworkManager had active on each device before the change, by device name
    /// (<see cref="NetworkManagerActiveConnections"/>): a device not in it had none. Empty when
    /// NetworkManager is not running; <c>null</c> when it is not the backend or could not be asked, so
    /// that nothing is known about any device (a rollback then takes none of them down).
    /// </summary>
    public IReadOnlyDictionary<string, ActiveConnection>? NetworkManagerActive { get; init; }

    /// <summary>
    /// Each device's state and autoconnect before the change, by device name (<see cref="NetworkManagerDevices"/>):
    /// whether one without an active connection was disconnected by hand (autoconnect off) or only had no
    /// chance yet. <c>null</c> when it is not the backend or could not be asked; a device missing from it is
    /// unknown too (a rollback then disconnects it where it had no connection, as before this was asked).
    /// </summary>
    public IReadOnlyDictionary<string, DeviceAutoconnect>? NetworkManagerDevices { get; init; }
}
