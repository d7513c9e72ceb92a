using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The netplan files whose definitions matter to <c>resetnetwork</c>, and where a change to each one
/// may go. netplan reads <c>*.yaml</c> from <c>/lib/netplan</c>, <c>/etc/netplan</c> and
/// <c>/run/netplan</c> and merges them in the order of their names, whatever their directory; a
/// file shadows a same-named one in a lower directory (<c>/run</c> over <c>/etc</c> over
/// <c>/lib</c>), which netplan then does not read at all. So for each name only the file netplan
/// reads counts, twice over: the one read now (<c>/run</c>, else <c>/etc</c>, else <c>/lib</c>) and
/// the one read after a reboot, when the runtime <c>/run</c> is empty again (<c>/etc</c>, else
/// <c>/lib</c>). An <c>/etc</c> file that is the agent's own shadow of a <c>/lib</c> file
/// (<see cref="NetplanShadow"/>) stands for nothing of its own: the <c>/lib</c> file is read in its
/// place, every time, so that a package update reaches netplan at the next <c>resetnetwork</c>.
/// </summary>
internal static class NetplanSources
{
    private const string Run = NetplanConfiguration.RuntimeDirectory;
    private const string Etc = NetplanConfiguration.SystemDirectory;

    /// <summary>Every file to reconcile, by name in netplan's order; <paramref name="ownFile"/> (in <c>/etc/netplan</c>) itself is not one.</summary>
    public static IEnumerable<NetplanSource> Of(IFileView current, string ownFile)
    {
        var ownName = ownFile[(ownFile.LastIndexOf('/') + 1)..];
        var run = YamlNames(current, Run);

        // A .yml is no netplan configuration, but one in /etc was always reconciled like a .yaml, and still is; a hidden .yaml never was
        // (netplan never reads one: a change to it would change nothing, and a refusal of it would stop the reset for nothing).
        var etc = current.List(Etc).Where(name => NetplanConfiguration.IsGlobbed(name) || name.EndsWith(".yml", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var lib = NetplanConfiguration.PackageDirectories(current).SelectMany(directory => YamlNames(current, directory).Select(name => (Name: name, Path: $"{directory}/{name}")))
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

            var ourShadow = inEtc is not null && NetplanShadow.IsOurs(current.ReadText(inEtc), name);
            var hidden = run.Contains(name);
            if (inEtc is not null && !ourShadow)
            {
                yield return new NetplanSource(inEtc, inEtc, inLib, ShadowsOwnFile: false) { HiddenByRuntime = hidden };
            }
            else if (inLib is not null || ourShadow)
            {
                // A shadow whose package file is gone stands for a file that is no longer there: it is read as missing, and goes.
                yield return new NetplanSource(inLib ?? $"{NetplanConfiguration.PackageDirectory}/{name}", $"{Etc}/{name}", null, ShadowsOwnFile: false) { HasOwnShadow = ourShadow, HiddenByRuntime = hidden };
            }
        }
    }

    private static HashSet<string> YamlNames(IFileView current, string directory) =>
        current.List(directory).Where(NetplanConfiguration.IsGlobbed).ToHashSet(StringComparer.Ordinal);
}

/// <summary>One netplan file that netplan reads now or after a reboot.</summary>
/// <param name="Path">The file.</param>
/// <param name="Target">
/// Where its edited version goes: the file itself, or, for a package's file in <c>/lib/netplan</c>
/// (never changed), the same name in <c>/etc/netplan</c>, which shadows it.
/// </param>
/// <param name="Shadowed">
/// The same-named file in a lower directory that it hides from netplan (an <c>/etc</c> or
/// <c>/lib</c> file under a <c>/run</c> one, a <c>/lib</c> file under an <c>/etc</c> one), or
/// <c>null</c>; a package's file hides nothing.
/// </param>
/// <param name="ShadowsOwnFile">Whether it hides the agent's own file: then it must go whole, or the configuration cannot take effect.</param>
internal sealed record NetplanSource(string Path, string Target, string? Shadowed, bool ShadowsOwnFile)
{
    /// <summary>Whether this is a package's file that only a shadow in <c>/etc/netplan</c> can change.</summary>
    public bool IsPackageOwned => Path != Target;

    /// <summary>
    /// Whether <see cref="Target"/> already holds the agent's shadow of this package's file: it is
    /// rebuilt from the file as it is now, and removed when the file no longer needs one.
    /// </summary>
    public bool HasOwnShadow { get; init; }

    /// <summary>
    /// Whether netplan reads it at all: it globs only <c>*.yaml</c> (checked on 0.106), so an <c>/etc/netplan</c> <c>.yml</c>,
    /// reconciled like a <c>.yaml</c>, is never read, and nothing in it makes netplan fail.
    /// </summary>
    public bool IsRead => Path.EndsWith(".yaml", StringComparison.Ordinal);

    /// <summary>What the refusals that concern a file netplan never reads (<see cref="IsRead"/>) say of it, before their own words.</summary>
    public const string ReconciledThoughUnread =
        "netplan does not read the file (only *.yaml files), but resetnetwork reconciles an /etc/netplan .yml file like a .yaml one";

    /// <summary>Whether a same-named <c>/run/netplan</c> file hides it now: netplan reads it only after the next boot, when <c>/run</c> starts empty.</summary>
    public bool HiddenByRuntime { get; init; }

    /// <summary>
    /// Whether, when every device it defines is configured, it must be emptied rather than moved
    /// aside: moving a file that hides another brings the hidden one back, and a package's file is
    /// never moved at all (its empty shadow goes to <see cref="Target"/>).
    /// </summary>
    public bool MustNotBeMovedAside => Shadowed is not null || IsPackageOwned;
}
