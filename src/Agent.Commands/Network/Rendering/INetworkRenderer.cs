using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Writes the configuration of one network system. Renderers are pure: the same configuration
/// and current files always give the same result, and they never touch the system.
/// </summary>
internal interface INetworkRenderer
{
    /// <summary>The network system this renderer writes for.</summary>
    NetworkBackend Backend { get; }

    /// <summary>Renders the configuration.</summary>
    /// <param name="configuration">The validated configuration.</param>
    /// <param name="current">The current files, for renderers that edit or keep parts of them.</param>
    RenderResult Render(NetworkConfiguration configuration, IFileView current);
}
