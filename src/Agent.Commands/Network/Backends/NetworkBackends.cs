using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// The definition of every <see cref="NetworkBackend"/>, in the enum's order (the order the
/// configuration names are listed in). A new network system is registered here, one line.
/// </summary>
internal static class NetworkBackends
{
    /// <summary>Every definition, one per backend.</summary>
    public static IReadOnlyList<NetworkBackendDefinition> All { get; } =
    [
        new NetplanBackend(),
        new IfupdownBackend(),
        new NetworkdBackend(),
        new NetworkManagerBackend(),
        new RedHatIfcfgBackend(),
        new SuseIfcfgBackend(),
        new NetctlBackend(),
        new GentooNetifrcBackend(),
        new FreeBsdRcConfBackend(),
    ];

    /// <summary>The definition of a backend.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No definition is registered for it.</exception>
    public static NetworkBackendDefinition For(NetworkBackend backend) =>
        All.FirstOrDefault(b => b.Backend == backend) ?? throw new ArgumentOutOfRangeException(nameof(backend), backend, "No definition is registered for this backend");
}
