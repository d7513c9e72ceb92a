using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>The renderer of every <see cref="NetworkBackend"/>, as its definition (<see cref="NetworkBackends"/>) holds it.</summary>
internal static class RendererCatalog
{
    /// <summary>Every renderer, one per backend.</summary>
    public static IReadOnlyList<INetworkRenderer> All { get; } = [.. NetworkBackends.All.Select(b => b.Renderer)];

    /// <summary>The renderer for a backend.</summary>
    public static INetworkRenderer For(NetworkBackend backend) => NetworkBackends.For(backend).Renderer;
}
