using GuestAgent.Platform;

namespace GuestAgent.Commands.Platform;

/// <summary>
/// The few facts of <c>/etc/os-release</c> the built-in commands need (<c>ID</c> and
/// <c>ID_LIKE</c>). Deliberately minimal: network configuration has its own distribution detection.
/// </summary>
/// <param name="Id">The distribution id, lowercase (for example <c>rhel</c>, <c>debian</c>).</param>
/// <param name="IdLike">The ids it resembles, lowercase.</param>
public sealed record OsRelease(string Id, IReadOnlyList<string> IdLike)
{
    private static readonly string[] RedHatIds = ["rhel", "redhat", "centos", "fedora", "ol", "oracle", "rocky", "almalinux", "scientific"];

    /// <summary>Whether this is a member of the Red Hat family (the original agent's <c>redhat</c> handler).</summary>
    public bool IsRedHatFamily => RedHatIds.Contains(Id) || IdLike.Any(RedHatIds.Contains);

    /// <summary>
    /// Reads <c>/etc/os-release</c> (then <c>/usr/lib/os-release</c>) under the agent's root; a system
    /// with neither but with <c>/etc/redhat-release</c> counts as <c>rhel</c>.
    /// </summary>
    public static OsRelease Read(IFileSystem fileSystem)
    {
        foreach (var path in (string[])["/etc/os-release", "/usr/lib/os-release"])
        {
            if (fileSystem.FileExists(path))
            {
                return Parse(fileSystem.ReadAllText(path));
            }
        }

        return fileSystem.FileExists("/etc/redhat-release") ? new OsRelease("rhel", []) : new OsRelease("", []);
    }

    /// <summary>Parses the <c>KEY=value</c> lines of an os-release file (values optionally quoted).</summary>
    public static OsRelease Parse(string text)
    {
        string id = "", idLike = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..].Trim().Trim('"', '\'').ToLowerInvariant();
            switch (line[..equals])
            {
                case "ID":
                    id = value;
                    break;
                case "ID_LIKE":
                    idLike = value;
                    break;
            }
        }

        return new OsRelease(id, idLike.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
