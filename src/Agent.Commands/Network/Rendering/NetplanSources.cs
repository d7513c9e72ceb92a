namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The netplan files whose definitions matter to <c>resetnetwork</c>, and where a change to each one
/// may go. netplan reads <c>*.yaml</c> from <c>/lib/netplan</c>, <c>/etc/netplan</c> and
/// <c>/run/netplan</c> and merges them in the order of their names, whatever their directory; a
/// file shadows a same-named one in a lower directory (<c>/run</c> over <c>/etc</c> over
/// <c>/lib</c>), which netplan then does not read at all. So for each name only the file netplan
/// reads counts, twice over: the one read now (<c>/run</c>, else <c>/etc</c>, else <c>/lib</c>) and
/// the one read after a reboot, when the runtime <c>/run</c> is empty again (<c>/etc</c>, else
/// <c>/lib</c>). <c>/usr/lib/netplan</c> counts as <c>/lib/netplan</c>, which it is on a
/// merged-<c>/usr</c> system whose <c>/lib</c> link a view may not follow.
/// </summary>
internal static class NetplanSources
{
    private const string Run = "/run/netplan";
    private const string Etc = "/etc/netplan";
    private static readonly string[] Lib = ["/lib/netplan", "/usr/lib/netplan"];

    /// <summary>Every file to reconcile, by name in netplan's order; <paramref name="ownFile"/> (in <c>/etc/netplan</c>) itself is not one.</summary>
    public static IEnumerable<NetplanSource> Of(IFileView current, string ownFile)
    {
        var ownName = ownFile[(ownFile.LastIndexOf('/') + 1)..];
        var run = YamlNames(current, Run);

        // A .yml is no netplan configuration, but one in /etc was always reconciled like a .yaml, and still is.
        var etc = current.List(Etc).Where(name => name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var lib = Lib.SelectMany(directory => YamlNames(current, directory).Select(name => (Name: name, Path: $"{directory}/{name}")))
            .GroupBy(file => file.Name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().Path, StringComparer.Ordinal);
        foreach (var name in run.Concat(etc).Concat(lib.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var inEtc = etc.Contains(name) ? $"{Etc}/{name}" : null;
            var inLib = lib.GetValueOrDefault(name);
            if (name == ownName)
            {
                // Ours shadows a /lib file of the same name; a /run one would shadow ours.
                if (run.Contains(name))
                {
                    yield return new NetplanSource($"{Run}/{name}", $"{Run}/{name}", ownFile, ShadowsOwnFile: true);
                }

                continue;
            }

            if (run.Contains(name))
            {
                yield return new NetplanSource($"{Run}/{name}", $"{Run}/{name}", inEtc ?? inLib, ShadowsOwnFile: false);
            }

            if (inEtc is not null)
            {
                yield return new NetplanSource(inEtc, inEtc, inLib, ShadowsOwnFile: false);
            }
            else if (inLib is not null)
            {
                yield return new NetplanSource(inLib, $"{Etc}/{name}", inLib, ShadowsOwnFile: false);
            }
        }
    }

    private static HashSet<string> YamlNames(IFileView current, string directory) =>
        current.List(directory).Where(name => name.EndsWith(".yaml", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
}

/// <summary>One netplan file that netplan reads now or after a reboot.</summary>
/// <param name="Path">The file.</param>
/// <param name="Target">
/// Where its edited version goes: the file itself, or, for a package's file in <c>/lib/netplan</c>
/// (never changed), the same name in <c>/etc/netplan</c>, which shadows it.
/// </param>
/// <param name="Shadowed">
/// The same-named file it hides from netplan, or <c>null</c>. A file that hides another is never
/// moved aside, which would bring the hidden one back; it is emptied instead.
/// </param>
/// <param name="ShadowsOwnFile">Whether it hides the agent's own file: then it must go whole, or the configuration cannot take effect.</param>
internal sealed record NetplanSource(string Path, string Target, string? Shadowed, bool ShadowsOwnFile)
{
    /// <summary>Whether this is a package's file that only a shadow in <c>/etc/netplan</c> can change.</summary>
    public bool IsPackageOwned => Path != Target;
}
