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
    /// accepts <c>v;1</c> or a control character in one, and bytes that are not UTF-8, <c>x\xE9</c>), so
    /// that an entry for one of their MACs is answered with the reason rather than as an unknown MAC, and one sharing a MAC
    /// with an interface of a safe name makes an entry for it as ambiguous as two of safe names do.
    /// </summary>
    public static IReadOnlyList<SystemInterface> ReadRefused(IFileView files) =>
        Ethernet(files).Where(i => !InterfaceNames.IsSafe(i.Name)).Concat(Undecodable(files)).ToArray();

    private static IEnumerable<SystemInterface> Ethernet(IFileView files)
    {
        foreach (var name in files.List(Directory))
        {
            // A name with a '/' cannot be read below the directory (the kernel allows none). A name that is not
            // UTF-8 is listed decoded, with U+FFFD, and nothing is read below it: Undecodable reads it by its bytes.
            if (name == "lo" || name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
            {
                continue;
            }

            if (Interface(name, file => files.ReadText($"{Directory}/{name}/{file}"), files.Exists($"{Directory}/{name}/device")) is { } found)
            {
                yield return found;
            }
        }
    }

    /// <summary>
    /// The Ethernet interfaces whose names are not UTF-8, read below their names' bytes: the kernel takes any byte but
    /// <c>/</c>, <c>:</c> and white space in a name. Never configured (<see cref="SystemInterface.Name"/> holds <c>U+FFFD</c>,
    /// no safe name), but known, so that an entry for one's MAC names it by its bytes.
    /// </summary>
    private static IEnumerable<SystemInterface> Undecodable(IFileView files) =>
        files.ListUndecodable(Directory)
            .Select(name => Interface(
                System.Text.Encoding.UTF8.GetString(name),
                file => files.ReadBelowUndecodable(Directory, name, file) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null,
                // Whether a device backs it, as for any name (a NIC among the bridges sharing its MAC is the one Nova
                // describes): its device link is followed to the device's directory, which sysfs gives a uevent file.
                isDevice: files.ReadBelowUndecodable(Directory, name, "device/uevent") is not null) is { } found ? found with { Shown = MessageText.EscapedName(name) } : null)
            .OfType<SystemInterface>();

    /// <summary>The interface named <paramref name="name"/> when it is Ethernet (its <c>type</c> 1, or none) with a MAC that is not all zeros.</summary>
    private static SystemInterface? Interface(string name, Func<string, string?> read, bool isDevice)
    {
        var type = read("type")?.Trim();
        if (type is not null && type != "1")
        {
            return null;
        }

        return MacAddress.TryParse(read("address"), out var mac) && mac.Value != "00:00:00:00:00:00" ? new SystemInterface(name, mac, isDevice) : null;
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
