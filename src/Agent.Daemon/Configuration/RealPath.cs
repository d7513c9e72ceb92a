namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// A path with every symbolic link on the way resolved, as the kernel walks it (what
/// realpath(3) gives): the directories whose owners and modes decide who can replace what is below
/// them are those the walk really passes, not the links' own. The walk goes component by component
/// from the root, each link replaced by its target (an absolute one starting again from the root, a
/// relative one from the link's directory), and <c>..</c> is taken only then: <c>via/../x</c>, with
/// <c>via</c> a link to <c>/a/b</c>, is <c>/a/x</c>, not the <c>x</c> beside <c>via</c> that folding
/// the text would give. (NetplanFileReader walks the same way over the commands' file view.) The
/// walk also names the directories holding the links it follows: whoever can write one of those
/// can point its link elsewhere, although it is on no directory of the real path.
/// </summary>
internal static class RealPath
{
    // The kernel's own limit on links followed in one lookup (MAXSYMLINKS).
    private const int MaximumLinks = 40;

    /// <summary>
    /// The real path of <paramref name="path"/> (a file's or a directory's; absolute, or against the
    /// working directory), and the real directories holding the links followed to reach it, in the
    /// order met.
    /// </summary>
    /// <exception cref="IOException">A component could not be read, or there are more than 40 links (a loop).</exception>
    /// <exception cref="UnauthorizedAccessException">A link could not be read.</exception>
    public static (string Path, IReadOnlyList<string> LinkDirectories) Of(string path)
    {
        // Not Path.GetFullPath: it folds "..", which must wait until the links before it are resolved.
        var pending = new Stack<string>();
        Push(pending, Path.IsPathRooted(path) ? path : Path.Join(Directory.GetCurrentDirectory(), path));
        var real = new List<string>();
        var linkDirectories = new List<string>();
        while (pending.TryPop(out var component))
        {
            if (component == "..")
            {
                if (real.Count > 0)
                {
                    real.RemoveAt(real.Count - 1);
                }

                continue;
            }

            if (component == ".")
            {
                continue;
            }

            var next = "/" + string.Join('/', real.Append(component));
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                real.Add(component);
                continue;
            }

            linkDirectories.Add("/" + string.Join('/', real));
            if (linkDirectories.Count > MaximumLinks)
            {
                throw new IOException($"Too many levels of symbolic links in '{path}'");
            }

            if (target.StartsWith('/'))
            {
                real.Clear();
            }

            Push(pending, target);
        }

        return ("/" + string.Join('/', real), linkDirectories);
    }

    // Puts the components of path next in line, the first on top.
    private static void Push(Stack<string> pending, string path)
    {
        foreach (var component in path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
        {
            pending.Push(component);
        }
    }
}
