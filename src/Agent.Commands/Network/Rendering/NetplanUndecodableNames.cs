using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// A netplan file whose name is not valid UTF-8 (an image's Latin-1 <c>/etc/netplan/caf\xE9.yaml</c>). netplan globs
/// <c>*.yaml</c> as bytes and merges such a file like any other (checked on 0.106: its addresses for eth0 stay beside ours,
/// its <c>renderer</c> counts), but no path here names it: it can be neither read nor edited, so the definitions of a
/// configured interface it may hold cannot be taken out as <see cref="NetplanOtherFiles"/> takes out a readable file's.
/// What cannot be read counts as defining them, as for networkd's and NetworkManager's files (<c>NetworkdForeignFiles</c>,
/// <c>NetworkManagerForeignKeyfiles</c>): the reset is refused, naming the file by its bytes.
/// </summary>
internal static class NetplanUndecodableNames
{
    /// <summary>Refuses the reset when netplan reads a file whose name is not valid UTF-8.</summary>
    /// <exception cref="InvalidNetworkDataException">There is one: it names the one netplan reads first among those hiding each other (<c>/run</c> before <c>/etc</c> before <c>/lib</c>).</exception>
    public static void Check(NetworkConfiguration configuration, IFileView current, string ownFile)
    {
        if (configuration.Interfaces.Count == 0 || NetplanConfiguration.UndecodableFiles(current).FirstOrDefault() is not { } path)
        {
            return;
        }

        throw new InvalidNetworkDataException(
            $"{path} has a name that is not valid UTF-8, so resetnetwork cannot read it, and netplan reads it, merging it with {ownFile}: " +
            $"it may define {string.Join(" or ", configuration.Interfaces.Select(nic => nic.Name))} (its addresses, routes and DNS servers would stay beside the configured ones) or set the renderer; " +
            "rename it in UTF-8 (to be checked) or remove it, or let another network system configure this guest; nothing was changed");
    }
}
