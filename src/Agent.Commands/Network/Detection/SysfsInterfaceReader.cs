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
    public static IReadOnlyList<SystemInterface> Read(IFileView files) =>
        Ethernet(files).Where(i => InterfaceNames.IsSafe(i.Name)).ToArray();

    /// <summary>
    /// The Ethernet interfaces <see cref="Read"/> leaves out for their names alone (the kernel
    /// accepts <c>v;1</c> or a control character in one), so that an entry for one of their MACs
    /// is answered with the reason rather than as an unknown MAC.
    /// </summary>
    public static IReadOnlyList<SystemInterface> ReadRefused(IFileView files) =>
        Ethernet(files).Where(i => !InterfaceNames.IsSafe(i.Name)).ToArray();

    private static IEnumerable<SystemInterface> Ethernet(IFileView files)
    {
        foreach (var name in files.List(Directory))
        {
            // A name with a '/' cannot be read below the directory (the kernel allows none).
            if (name == "lo" || name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
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
                yield return new SystemInterface(name, mac, files.Exists($"{Directory}/{name}/device"));
            }
        }
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
