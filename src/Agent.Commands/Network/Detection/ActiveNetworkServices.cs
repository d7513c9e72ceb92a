using GuestAgent.Commands.Network.Backends;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Which network systems are actually in use: enabled at boot (<see cref="EnabledServices"/>) or
/// running now (the state files each daemon keeps under <c>/run</c>), as each backend's definition
/// tells (<see cref="NetworkBackendDefinition.IsInUse"/>). Being installed is not enough: RHEL 9
/// ships NetworkManager next to the legacy network-scripts, Arch ships systemd-networkd next to
/// whatever the administrator enabled.
/// </summary>
internal static class ActiveNetworkServices
{
    /// <summary>Finds the systems in use.</summary>
    /// <param name="files">The files under the root.</param>
    /// <param name="enabled">The enabled services, from <see cref="EnabledServices.Read"/>.</param>
    public static IReadOnlySet<NetworkBackend> Detect(IFileView files, IReadOnlySet<string> enabled) =>
        NetworkBackends.All.Where(b => b.IsInUse(files, enabled)).Select(b => b.Backend).ToHashSet();
}
