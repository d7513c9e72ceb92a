using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>An Ethernet interface of this system, as listed in <c>/sys/class/net</c>.</summary>
/// <param name="Name">The interface name.</param>
/// <param name="Mac">Its hardware address.</param>
/// <param name="IsDevice">
/// Whether it is backed by a device (<c>/sys/class/net/&lt;name&gt;/device</c>: a NIC, Xen's vif), as
/// bridges, bonds and VLANs sharing its MAC are not.
/// </param>
internal sealed record SystemInterface(string Name, MacAddress Mac, bool IsDevice = false)
{
    /// <summary>
    /// The name as an answer shows it when <see cref="Name"/> cannot: one that is not UTF-8, its bytes <c>%</c>-escaped
    /// (<c>x%E9</c>; <see cref="Name"/> holds <c>U+FFFD</c> in place of each such byte, which names no interface).
    /// </summary>
    public string? Shown { get; init; }
}
