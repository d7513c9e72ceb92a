namespace GuestAgent.Platform;

/// <summary>
/// A path with every symbolic link on the way resolved, as the kernel walks it (what
/// <c>realpath(3)</c> gives), over any view of a file system that can read a link: component by
/// component from the root, each link replaced by its target (an absolute one starting again from
/// the root, a relative one from the link's directory, itself already free of links), and
/// <c>..</c> taken only then. So <c>via/../x</c>, with <c>via</c> a link to <c>/a/b</c>, is
/// <c>/a/x</c>, not the <c>x</c> beside <c>via</c> that folding the text would give. The walk also
/// names the directories holding the links it follows: whoever can write one of those can point
/// its link elsewhere, although it is on no directory of the real path.
/// </summary>
public static class RealPath
{
    /// <summary>The most links followed in one walk: the kernel's own limit (<c>MAXSYMLINKS</c>); one more is a loop (<c>ELOOP</c>).</summary>
    public const int MaximumLinks = 40;

    /// <summary>
    /// Resolves the absolute <paramref name="path"/> (a file's or a directory's) through its links.
    /// The path's own link, when it is one, is read by the path as given (a view may know it only by
    /// that name), the directory holding it through the links in that directory; but not when the
    /// path has a <c>..</c>, which only the walk takes right (a reader such as
    /// <see cref="FileSystemInfo.LinkTarget"/> folds it in the text first, reading another file), nor
    /// when it ends with <c>/</c>: then every link is read by a path the walk reached, with no link
    /// before it (what a view that resolves the directories of a name its own way needs).
    /// </summary>
    /// <param name="path">An absolute path; it need not exist.</param>
    /// <param name="readLink">The target of the symbolic link at a path exactly as stored, or <c>null</c> when the path is no link (or nothing).</param>
    /// <returns>The real path, or, after more than <see cref="MaximumLinks"/> links, the link the walk stopped at.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not absolute.</exception>
    public static ResolvedPath Resolve(string path, Func<string, string?> readLink)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(readLink);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"'{path}' is not an absolute path", nameof(path));
        }

        var walk = new Walk(readLink);
        var lastSlash = path.LastIndexOf('/');
        var name = path[(lastSlash + 1)..];
        if (name is not ("" or ".") && !path.Split('/').Contains("..") && readLink(path) is { } own)
        {
            walk.Push(path[..lastSlash]);
            if (walk.Run() is { } stoppedInDirectory)
            {
                return walk.Stopped(stoppedInDirectory);
            }

            // The path's own link counts against the same limit as those in its directory.
            if (walk.LinksFollowed == MaximumLinks)
            {
                return walk.Stopped(walk.Child(name));
            }

            walk.Follow(own);
        }
        else
        {
            walk.Push(path);
        }

        return walk.Run() is { } stopped ? walk.Stopped(stopped) : walk.Finished();
    }

    // One walk's state: the real components so far, the components still to take (the next on top), the links met.
    private sealed class Walk(Func<string, string?> readLink)
    {
        private readonly Stack<string> _pending = new();
        private readonly List<string> _real = [];
        private readonly List<string> _linkDirectories = [];

        /// <summary>Puts the components of <paramref name="path"/> next in line, the first on top.</summary>
        public void Push(string path)
        {
            foreach (var component in path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                _pending.Push(component);
            }
        }

        /// <summary>Takes the link met at the current real directory: its target is walked next, from the root if absolute.</summary>
        public void Follow(string target)
        {
            _linkDirectories.Add(Current);
            if (target.StartsWith('/'))
            {
                _real.Clear();
            }

            Push(target);
        }

        /// <summary>Takes every pending component; returns the link it stopped at after too many, or <c>null</c>.</summary>
        public string? Run()
        {
            while (_pending.TryPop(out var component))
            {
                if (component == "..")
                {
                    if (_real.Count > 0)
                    {
                        _real.RemoveAt(_real.Count - 1);
                    }

                    continue;
                }

                if (component == ".")
                {
                    continue;
                }

                var next = Child(component);
                if (readLink(next) is not { } target)
                {
                    _real.Add(component);
                    continue;
                }

                if (_linkDirectories.Count == MaximumLinks)
                {
                    return next;
                }

                Follow(target);
            }

            return null;
        }

        /// <summary>How many links the walk has followed.</summary>
        public int LinksFollowed => _linkDirectories.Count;

        /// <summary>The path of <paramref name="name"/> in the current real directory.</summary>
        public string Child(string name) => Current == "/" ? "/" + name : Current + "/" + name;

        public ResolvedPath Finished() => new(Current, true, _linkDirectories);

        public ResolvedPath Stopped(string link) => new(link, false, _linkDirectories);

        private string Current => "/" + string.Join('/', _real);
    }
}
