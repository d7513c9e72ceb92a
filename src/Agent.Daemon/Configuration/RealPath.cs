namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// A path with every symbolic link on the way resolved, as the kernel walks it (what
/// realpath(3) gives): the directories whose owners and modes decide who can replace what is below
/// them are those the walk really passes, not the links' own.
/// </summary>
internal static class RealPath
{
    // The kernel's own limit on links followed in one lookup (MAXSYMLINKS).
    private const int MaximumLinks = 40;

    /// <summary>The real path of <paramref name="directory"/> (a file's too; absolute, or against the working directory).</summary>
    /// <exception cref="IOException">A link could not be read, or there are more than 40 of them (a loop).</exception>
    /// <exception cref="UnauthorizedAccessException">A link could not be read.</exception>
    public static string Of(string directory)
    {
        var path = Path.GetFullPath(directory);
        for (var links = 0; links <= MaximumLinks; links++)
        {
            if (FirstLink(path) is not { } resolved)
            {
                return path;
            }

            path = resolved;
        }

        throw new IOException($"Too many levels of symbolic links in '{directory}'");
    }

    // The path with its first link (from the root down) replaced by the link's target, or null when none is a link.
    private static string? FirstLink(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var walked = "/";
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Join(walked, parts[i]);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                var rest = string.Join('/', parts.Skip(i + 1));
                return Path.GetFullPath(Path.Join(Path.Combine(walked, target), rest));
            }

            walked = next;
        }

        return null;
    }
}
