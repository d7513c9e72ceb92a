using System.Text;
using GuestAgent.Platform;

namespace GuestAgent.Commands;

/// <summary>
/// A directory's entries that a path can name, for a caller looking for files of the agent's own (whose names are
/// ASCII): <see cref="IFileSystem.ListDirectory"/> lists a name that is not valid UTF-8 decoded, <c>U+FFFD</c> in place
/// of each such byte, a path that names no file. Such a name is never the agent's, and acting on its decoded path
/// does nothing while saying it did (a removal) or fails every time (a move, a read).
/// </summary>
internal static class NamedEntries
{
    /// <summary>The agent paths of the entries of <paramref name="directory"/>, sorted by name, less each name that is not UTF-8.</summary>
    public static IReadOnlyList<string> List(IFileSystem fileSystem, string directory)
    {
        var listed = fileSystem.ListDirectory(directory);
        // Only a name holding U+FFFD can be a decoded one: the second listing only then.
        if (!listed.Any(path => path.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            return listed;
        }

        var decoded = fileSystem.ListUndecodableNames(directory).Select(name => Encoding.UTF8.GetString(name)).ToHashSet(StringComparer.Ordinal);
        return listed.Where(path => !decoded.Contains(path[(path.LastIndexOf('/') + 1)..])).ToList();
    }
}
