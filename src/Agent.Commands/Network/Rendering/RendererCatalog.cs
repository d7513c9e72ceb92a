using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>The renderer of every <see cref="NetworkBackend"/>.</summary>
internal static class RendererCatalog
{
    /// <summary>Every renderer, one per backend.</summary>
    public static IReadOnlyList<INetworkRenderer> All { get; } =
    [
        new NetplanRenderer(), new IfupdownRenderer(), new NetworkdRenderer(), new NetworkManagerRenderer(),
        new RedHatRenderer(), new SuseRenderer(), new NetctlRenderer(), new GentooRenderer(), new FreeBsdRenderer(),
    ];

    /// <summary>The renderer for a backend.</summary>
    public static INetworkRenderer For(NetworkBackend backend) => All.First(r => r.Backend == backend);
}
