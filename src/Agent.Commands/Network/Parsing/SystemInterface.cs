using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>An Ethernet interface of this system, as listed in <c>/sys/class/net</c>.</summary>
/// <param name="Name">The interface name.</param>
/// <param name="Mac">Its hardware address.</param>
public sealed record SystemInterface(string Name, MacAddress Mac);
