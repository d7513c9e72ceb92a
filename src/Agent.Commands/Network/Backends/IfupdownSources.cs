using System.Text;
using System.Text.RegularExpressions;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// The files Debian's ifupdown reads for <c>/etc/network/interfaces</c>: the file itself and, at any depth, what its
/// <c>source</c> lines name (each word a path expanded as wordexp does: <c>*</c>, <c>?</c> and <c>[…]</c> in any part, no
/// hidden name matched by a pattern; a relative first word from the sourcing file's directory, a later one from <c>/</c>) and
/// the files of the directories its <c>source-directory</c> lines name (only names of letters, digits, <c>_</c> and <c>-</c>,
/// as interfaces(5) says), lines read as ifupdown reads them (<see cref="IfupdownLines"/>: continued with a backslash).
/// The real <c>ifquery</c> reads the same (IfupdownSourcedStanzasTests). ifupdown-ng reads otherwise (one word, no
/// glob, a relative path from its working directory, every regular file of a directory), but none of its stanzas sets
/// the <c>accept_ra</c> or <c>autoconf</c> these files are read for, and the plan does not read them there.
/// </summary>
internal static class IfupdownSources
{
    /// <summary>At most this many files read: a source loop, or a pattern that names a whole tree, ends there.</summary>
    private const int MaxFiles = 256;

    /// <summary>The paths of the files read, the main file first; each once.</summary>
    public static IReadOnlyList<string> Files(IFileView current)
    {
        var found = new List<string> { IfupdownRenderer.FilePath };
        for (var next = 0; next < found.Count && found.Count < MaxFiles; next++)
        {
            var directory = found[next][..found[next].LastIndexOf('/')];
            foreach (var line in IfupdownLines.Read(current.ReadText(found[next]) ?? ""))
            {
                var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                var paths = words.Skip(1).Select((word, index) => Resolve(index == 0 ? directory : "", word));
                var named = words switch
                {
                    ["source", ..] => paths.SelectMany(path => Expand(path, current)),
                    ["source-directory", ..] => paths.SelectMany(path => Expand(path, current))
                        .SelectMany(path => current.List(path).Where(IsRunPartsName).Select(name => $"{path.TrimEnd('/')}/{name}")),
                    _ => [],
                };
                found.AddRange(named.Where(path => current.ReadText(path) is not null && !found.Contains(path)).Distinct(StringComparer.Ordinal));
            }
        }

        return found;
    }

    /// <summary>
    /// The word as an absolute path: a relative one from <paramref name="directory"/>. ifupdown puts the sourcing file's directory
    /// before the rest of a line that does not start with <c>/</c>, its first word, and wordexp finds a later relative word from
    /// ifup's working directory: <c>/</c> at a boot (networking.service), <c>""</c> here.
    /// </summary>
    private static string Resolve(string directory, string word) => word.StartsWith('/') ? word : $"{directory}/{word}";

    /// <summary>
    /// The paths a pattern names that exist, each part with a wildcard matched against a directory's entries
    /// (a pattern without one is the path itself, there or not). A trailing slash is kept: it names a directory.
    /// </summary>
    private static IEnumerable<string> Expand(string pattern, IFileView current)
    {
        IEnumerable<string> paths = [""];
        foreach (var part in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            paths = part.IndexOfAny(['*', '?', '[']) < 0
                ? paths.Select(path => $"{path}/{part}")
                : paths.SelectMany(path => current.List(path.Length == 0 ? "/" : path).Where(name => Matches(part, name)).Select(name => $"{path}/{name}"));
        }

        return pattern.EndsWith('/') ? paths.Select(path => path + "/") : paths;
    }

    /// <summary>Whether a name matches a glob part as the shell matches it: a leading dot only by a leading dot.</summary>
    internal static bool Matches(string part, string name) =>
        (name[0] != '.' || part[0] == '.') && Regex.IsMatch(name, GlobRegex(part), RegexOptions.Singleline, TimeSpan.FromSeconds(1));

    /// <summary>The glob part as an anchored regular expression: <c>*</c>, <c>?</c>, and a closed <c>[…]</c> (<c>!</c> or <c>^</c> negating) as a class.</summary>
    private static string GlobRegex(string part)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < part.Length; i++)
        {
            // A set's first character (after a negating ! or ^) is taken as itself, even a ].
            var start = part[i] == '[' && i + 1 < part.Length && part[i + 1] is '!' or '^' ? i + 2 : i + 1;
            var close = part[i] == '[' && start + 1 < part.Length ? part.IndexOf(']', start + 1) : -1;
            if (part[i] == '*')
            {
                regex.Append(".*");
            }
            else if (part[i] == '?')
            {
                regex.Append('.');
            }
            else if (close > i)
            {
                var set = part[start..close].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
                regex.Append(start > i + 1 ? "[^" : "[").Append(set).Append(']');
                i = close;
            }
            else
            {
                regex.Append(Regex.Escape(part[i].ToString()));
            }
        }

        return regex.Append(@"\z").ToString();
    }

    /// <summary>A name <c>source-directory</c> reads: letters, digits, <c>_</c> and <c>-</c> only.</summary>
    private static bool IsRunPartsName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
