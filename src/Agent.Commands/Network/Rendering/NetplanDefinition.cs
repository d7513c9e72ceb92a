namespace GuestAgent.Commands.Network.Rendering;

/// <summary>One device definition of a netplan file.</summary>
/// <param name="Section">Its kind: <c>ethernets</c>, <c>bonds</c>, …</param>
/// <param name="Id">Its id (the interface name, or a name that <c>match:</c> ties to an interface).</param>
/// <param name="FirstLine">The line of its id, counted from 0.</param>
/// <param name="LastLine">Its last line that is not a comment.</param>
/// <param name="Text">Its lines, each double-quoted scalar decoded as netplan reads it (<c>name: "eth\x2a"</c> is <c>name: "eth*"</c>), for searching.</param>
internal sealed record NetplanDefinition(string Section, string Id, int FirstLine, int LastLine, string Text)
{
    /// <summary>The section's <c>renderer</c> set before it in the section, which netplan gives the device if this definition creates it.</summary>
    public string? SectionRenderer { get; init; }

    /// <summary>The names and MACs through which it reaches an interface besides its id; <c>null</c> when they cannot be read as netplan reads them.</summary>
    public NetplanIdentity? Identity { get; init; }

    /// <summary>The ids under its <c>interfaces</c> (a bond's, bridge's or VRF's members); <c>null</c> when they cannot be read as netplan reads them.</summary>
    public IReadOnlyList<string>? Members { get; init; }

    /// <summary>Its own <c>renderer</c>, which netplan gives the device whichever definition creates it (the last one read wins).</summary>
    public string? OwnRenderer { get; init; }
}
