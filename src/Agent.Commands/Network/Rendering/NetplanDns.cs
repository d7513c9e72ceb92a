using GuestAgent.Commands.Network.Detection;
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
    /// <paramref name="facts"/> with <see cref="ResolverFacts.NetplanRendersNetworkManager"/> for
    /// the interfaces of <paramref name="configuration"/>, once <paramref name="rendered"/> (netplan's
    /// files, ours and the other files' edits) is applied to <paramref name="current"/>; unchanged for another backend.
    /// </summary>
    public static SystemFacts After(SystemFacts facts, NetworkBackend backend, NetworkConfiguration configuration, IFileView current, RenderResult rendered)
    {
        if (backend != NetworkBackend.Netplan || configuration.Interfaces.Count == 0)
        {
            return facts;
        }

        var after = new RenderedFileView(current, rendered);
        var networkManager = configuration.Interfaces.All(nic => NetplanEffectiveRenderer.Of(after, nic.Name) == NetplanEffectiveRenderer.NetworkManager);
        return facts with { Resolver = facts.Resolver with { NetplanRendersNetworkManager = networkManager } };
    }
}
