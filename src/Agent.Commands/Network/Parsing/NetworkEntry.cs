using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// One <c>vm-data/networking/&lt;key&gt;</c> object after validation, before it is matched to an
/// interface of this system.
/// </summary>
/// <param name="Key">The XenStore key it came from (only used in messages).</param>
/// <param name="Unnamed">
/// What the entry describes, as the interface configuration it becomes once matched: its
/// <see cref="InterfaceConfiguration.Name"/> is empty until <see cref="ToInterface"/> names it.
/// </param>
internal sealed record NetworkEntry(string Key, InterfaceConfiguration Unnamed)
{
    /// <summary>The <c>mac</c> field.</summary>
    public MacAddress Mac => Unnamed.Mac;

    /// <summary>Whether any address is enabled.</summary>
    public bool HasAddresses => Unnamed.HasIPv4 || Unnamed.HasIPv6;

    /// <summary>The configuration of the system's interface <paramref name="name"/>, which carries <see cref="Mac"/>.</summary>
    public InterfaceConfiguration ToInterface(string name) => Unnamed with { Name = name };
}
