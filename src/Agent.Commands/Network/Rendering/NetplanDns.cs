using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Where netplan sends the DNS servers of the interfaces <c>resetnetwork</c> configures: to
/// NetworkManager or to networkd (and so systemd-resolved), by the renderer netplan gives them
/// (<see cref="NetplanEffectiveRenderer"/>) on the files as they will be after the reset (our file,
/// which sets no renderer, written; the other files' definitions of our interfaces taken out,
/// an <c>eth0: {}</c> kept under a section that may set one). NetworkManager only when it gets
/// every one of them: where some go to networkd, systemd-resolved is where their servers go.
/// </summary>
internal static class NetplanDns
{
    /// <summary>
    /// Whether netplan hands the interfaces of <paramref name="configuration"/> to NetworkManager once
    /// <paramref name="rendered"/> (netplan's files, ours and the other files' edits) is applied to
    /// <paramref name="current"/>; with no interface, whether it hands it a device only our file defines.
    /// </summary>
    public static bool RendersNetworkManager(NetworkConfiguration configuration, IFileView current, RenderResult rendered)
    {
        var after = new RenderedFileView(current, rendered);
        return configuration.Interfaces.Count == 0
            ? NetplanEffectiveRenderer.OfUndefined(after) == NetplanEffectiveRenderer.NetworkManager
            : configuration.Interfaces.All(nic => NetplanEffectiveRenderer.Of(after, nic.Name) == NetplanEffectiveRenderer.NetworkManager);
    }
}
