using System.Net.NetworkInformation;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Lists Ethernet interfaces through the operating system's own API, for systems without
/// <c>/sys/class/net</c> (FreeBSD's <c>xn0</c>). Only used when the agent runs on the real root,
/// never in root mode, where the fake <c>sys/class/net</c> is the truth. The daemon runs on Linux only (its file-system
/// layer is Linux's), where this is reached only without sysfs at <c>/sys</c>, which systemd always mounts: so .NET's
/// listing decoding a name that is not UTF-8 (<c>x\xE9</c> shown as <c>x%EF%BF%BD</c>, not by its bytes as
/// <see cref="SysfsInterfaceReader"/> shows it) is left as it is.
/// </summary>
internal static class KernelInterfaceReader
{
    /// <summary>Reads the interfaces.</summary>
    public static IReadOnlyList<SystemInterface> Read() =>
        Ethernet().Where(i => InterfaceNames.IsSafe(i.Name)).ToArray();

    /// <summary>The Ethernet interfaces <see cref="Read"/> leaves out for their names alone (see <see cref="SysfsInterfaceReader.ReadRefused"/>).</summary>
    public static IReadOnlyList<SystemInterface> ReadRefused() =>
        Ethernet().Where(i => !InterfaceNames.IsSafe(i.Name)).ToArray();

    private static IEnumerable<SystemInterface> Ethernet() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.NetworkInterfaceType == NetworkInterfaceType.Ethernet)
            .Select(n => (n.Name, Ok: MacAddress.TryParse(Convert.ToHexString(n.GetPhysicalAddress().GetAddressBytes()), out var mac), Mac: mac))
            .Where(n => n.Ok && n.Mac.Value != "00:00:00:00:00:00")
            .Select(n => new SystemInterface(n.Name, n.Mac));

    /// <summary>The name of every interface the system has, whatever its kind (see <see cref="SysfsInterfaceReader.ReadNames"/>).</summary>
    public static IReadOnlyList<string> ReadNames() =>
        NetworkInterface.GetAllNetworkInterfaces().Select(n => n.Name).Order(StringComparer.Ordinal).ToArray();
}
