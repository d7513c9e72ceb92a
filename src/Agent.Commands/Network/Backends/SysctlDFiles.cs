using System.Collections.Immutable;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// The value systemd-sysctl's <c>sysctl.d</c> files give a key, as udev's <c>systemd-sysctl --prefix=/net/ipv6/conf/&lt;if&gt;</c>
/// applies them to a network device when it appears at a boot (systemd 252's <c>99-systemd.rules</c>), before ifup: the
/// <c>*.conf</c> files of <c>/etc/sysctl.d</c>, <c>/run/sysctl.d</c>, <c>/usr/local/lib/sysctl.d</c> and <c>/usr/lib/sysctl.d</c>, a
/// name in an earlier directory hiding it in a later one, read in the order of their names (Debian's <c>/etc/sysctl.conf</c>
/// through its <c>99-sysctl.conf</c> link). A later assignment of a key replaces an earlier one and moves it last, unless it
/// gives the same value; a key named outright wins over any glob (<c>*</c>, <c>?</c>, <c>[…]</c>, within one part) matching
/// it, and of the globs the last matching one. A key with dots as separators has its dots and slashes swapped
/// (<c>net.ipv6.conf.eth0/100.accept_ra</c> is <c>net/ipv6/conf/eth0.100/accept_ra</c>). The real systemd-sysctl gives the
/// same (IfupdownSysctlDTests).
/// </summary>
internal static class SysctlDFiles
{
    /// <summary>The directories, the first one's file of a name read in place of a later one's.</summary>
    private static readonly ImmutableArray<string> Directories = ["/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d", "/usr/lib/sysctl.d"];

    /// <summary>The value the files give <paramref name="key"/> (slash form: <c>net/ipv6/conf/eth0/accept_ra</c>), or <c>null</c> where none does.</summary>
    public static string? Value(IFileView current, string key)
    {
        var assignments = Assignments(current);
        return assignments.LastOrDefault(a => a.Key == key).Value
            ?? assignments.LastOrDefault(a => IsGlob(a.Key) && GlobMatches(a.Key, key)).Value;
    }

    /// <summary>Every assignment of the files in the order systemd-sysctl applies them, each key once.</summary>
    private static List<(string Key, string Value)> Assignments(IFileView current)
    {
        var files = Directories.SelectMany(directory => current.List(directory).Where(name => name.EndsWith(".conf", StringComparison.Ordinal)).Select(name => (directory, name)))
            .DistinctBy(file => file.name, StringComparer.Ordinal)
            .OrderBy(file => file.name, StringComparer.Ordinal);
        var assignments = new List<(string Key, string Value)>();
        foreach (var (directory, name) in files)
        {
            foreach (var raw in (Read(current, $"{directory}/{name}") ?? "").Split('\n'))
            {
                var line = raw.Trim();
                var equals = line.IndexOf('=');
                if (line.Length == 0 || line[0] is '#' or ';' || equals < 0)
                {
                    continue;
                }

                var key = Normalize(line[..equals].Trim().TrimStart('-'));
                var value = line[(equals + 1)..].Trim();
                var earlier = assignments.FindIndex(a => a.Key == key);
                if (earlier >= 0 && assignments[earlier].Value == value)
                {
                    continue;
                }

                if (earlier >= 0)
                {
                    assignments.RemoveAt(earlier);
                }

                assignments.Add((key, value));
            }
        }

        return assignments;
    }

    /// <summary>The file's text, a symbolic link followed inside the root (Debian's <c>99-sysctl.conf</c> is one).</summary>
    private static string? Read(IFileView current, string path) =>
        current.ReadLink(path) is null ? current.ReadText(path)
        : RealPath.Resolve(path, current.ReadLink) is { Complete: true } resolved ? current.ReadText(resolved.Path) : null;

    /// <summary>The key in its slash form, without a leading slash: a dotted one has its dots and slashes swapped.</summary>
    private static string Normalize(string key)
    {
        var first = key.IndexOfAny(['.', '/']);
        var slashed = first >= 0 && key[first] == '.'
            ? string.Concat(key.Select(c => c switch { '.' => '/', '/' => '.', _ => c }))
            : key;
        return slashed.TrimStart('/');
    }

    private static bool IsGlob(string key) => key.IndexOfAny(['*', '?', '[']) >= 0;

    /// <summary>Whether the glob matches the key part for part, as glob(3) matches the paths under <c>/proc/sys</c>.</summary>
    private static bool GlobMatches(string glob, string key)
    {
        var patterns = glob.Split('/');
        var parts = key.Split('/');
        return patterns.Length == parts.Length && patterns.Zip(parts).All(pair => IfupdownSources.Matches(pair.First, pair.Second));
    }
}
