using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Lists the system's Ethernet interfaces from <c>/sys/class/net/&lt;name&gt;/address</c> (under
/// the root, so tests can fake them): loopback, interfaces whose <c>type</c> is not Ethernet (1),
/// all-zero addresses and names that could not be written safely into a file are skipped.
/// </summary>
internal static class SysfsInterfaceReader
{
    private const string Directory = "/sys/class/net";

    /// <summary>Reads the interfaces.</summary>
    public static IReadOnlyList<SystemInterface> Read(IFileView files)
    {
        var interfaces = new List<SystemInterface>();
        foreach (var name in files.List(Directory))
        {
            if (name == "lo" || !InterfaceNames.IsSafe(name))
            {
                continue;
            }

            var type = files.ReadText($"{Directory}/{name}/type")?.Trim();
            if (type is not null && type != "1")
            {
                continue;
            }

            if (MacAddress.TryParse(files.ReadText($"{Directory}/{name}/address"), out var mac) && mac.Value != "00:00:00:00:00:00")
            {
                interfaces.Add(new SystemInterface(name, mac, files.Exists($"{Directory}/{name}/device")));
            }
        }

        return interfaces;
    }

    /// <summary>
    /// The name of every interface the system has, whatever its kind (WireGuard's <c>wg0</c>,
    /// InfiniBand's <c>ib0</c>, a bridge): their files are not stale although <see cref="Read"/>
    /// does not list them for configuration. Only entries with a <c>type</c> are interfaces: the
    /// bonding driver puts a plain file, <c>bonding_masters</c>, beside them.
    /// </summary>
    public static IReadOnlyList<string> ReadNames(IFileView files) =>
        files.List(Directory).Where(name => files.Exists($"{Directory}/{name}/type")).ToArray();
}
