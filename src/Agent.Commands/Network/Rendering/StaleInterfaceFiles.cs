namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Finds per-interface files (<c>ifcfg-eth1</c>, <c>route-eth0:1</c>, …) that describe interfaces
/// the system no longer has and that are not being written now, so they cannot bring back an
/// old address. Backups and package leftovers (other names with a dot, or <c>~</c>) are not touched.
/// Where the caller gives every interface present (<c>vlanParents</c>), a VLAN's files count too: a name of
/// the form initscripts' <c>ifup</c> makes a VLAN of (<c>^.+\.[0-9]{1,4}$</c>, <c>eth0.100</c>) when neither it
/// nor the interface before its first dot is there. <c>ifup</c> creates the VLAN from its file, so the VLAN
/// alone being absent says nothing (one not brought up yet keeps its files); without its parent it can only
/// come back on whichever NIC takes the parent's name next.
/// </summary>
internal static class StaleInterfaceFiles
{
    /// <summary>The longest VLAN id <c>ifup</c> takes from a name (<c>[0-9]{1,4}</c>).</summary>
    private const int VlanIdDigits = 4;

    public static IEnumerable<string> Find(IFileView current, string directory, IEnumerable<string> prefixes, IReadOnlySet<string> keep, IReadOnlyCollection<string> systemInterfaces,
        IReadOnlyCollection<string>? vlanParents = null)
    {
        foreach (var name in current.List(directory))
        {
            var prefix = prefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal));
            if (prefix is null)
            {
                continue;
            }

            var path = $"{directory}/{name}";
            if (DeviceOf(name[prefix.Length..]) is not { } device || device == "lo" || keep.Contains(path) || systemInterfaces.Contains(device)
                || !(IsPlainName(device) || (vlanParents is not null && VlanParent(device) is { } parent && !vlanParents.Contains(parent))))
            {
                continue;
            }

            yield return path;
        }
    }

    /// <summary>
    /// The device a file's interface name is of: the name itself, or for an alias (<c>em1:1</c>, <c>eth9.100:1</c>) the device before
    /// the colon, whose files its go and stay with: initscripts' <c>ifup</c> brings aliases up with their device (<c>ifup-aliases</c>
    /// reads <c>ifcfg-&lt;DEVICE&gt;:*</c>) and the network service never brings one up alone. <c>null</c> for an alias whose own part
    /// is not a plain name (<c>eth9:1.bak</c>, <c>eth9:1~</c>): a backup or leftover, which stays.
    /// </summary>
    private static string? DeviceOf(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? name : colon > 0 && IsPlainName(name[(colon + 1)..]) ? name[..colon] : null;
    }

    /// <summary>An interface name without a dot: letters, digits, <c>_</c> and <c>-</c>.</summary>
    private static bool IsPlainName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>
    /// The interface a VLAN name sits on, down to the one without a dot (<c>eth0</c> of <c>eth0.100</c> and of
    /// <c>eth0.100.7</c>); <c>null</c> for any other dotted name (<c>.old</c>, <c>.rpmsave</c>, <c>.12345</c>).
    /// </summary>
    private static string? VlanParent(string name)
    {
        var parts = name.Split('.');
        return parts.Length > 1 && IsPlainName(parts[0])
            && parts.Skip(1).All(id => id.Length is > 0 and <= VlanIdDigits && id.All(char.IsAsciiDigit))
            ? parts[0]
            : null;
    }
}
