namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Finds per-interface files (<c>ifcfg-eth1</c>, <c>route-eth0:1</c>, …) that describe interfaces
/// the system no longer has and that are not being written now, so they cannot bring back an
/// old address. Backups and package leftovers (names with a dot or <c>~</c>) are not touched.
/// </summary>
internal static class StaleInterfaceFiles
{
    public static IEnumerable<string> Find(IFileView current, string directory, IEnumerable<string> prefixes, IReadOnlySet<string> keep, IReadOnlyCollection<string> systemInterfaces)
    {
        foreach (var name in current.List(directory))
        {
            var prefix = prefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal));
            if (prefix is null)
            {
                continue;
            }

            var interfaceName = name[prefix.Length..];
            var path = $"{directory}/{name}";
            if (interfaceName.Length == 0 || interfaceName == "lo" || keep.Contains(path)
                || !interfaceName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':')
                || systemInterfaces.Contains(interfaceName))
            {
                continue;
            }

            yield return path;
        }
    }
}
