namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// A netplan file's text as netplan reads it. netplan follows a symbolic link named <c>*.yaml</c>
/// wherever it points, even out of its directories (checked on the real netplan); a link to
/// <c>/dev/null</c> reads as an empty file (the way to mask a package's file, which it hides), and
/// a dangling link, or one to a directory, makes <c>netplan generate</c> fail. The link itself
/// hides a same-named file in a lower directory like a regular file does.
/// </summary>
internal static class NetplanFileReader
{
    /// <summary>The most links followed in one path, as the kernel's limit (<c>ELOOP</c>).</summary>
    private const int MaxLinks = 40;

    private const string NullDevice = "/dev/null";

    /// <summary>Reads <paramref name="path"/> through any chain of symbolic links.</summary>
    public static NetplanFileText Read(IFileView files, string path)
    {
        if (files.ReadLink(path) is null)
        {
            return new NetplanFileText(files.ReadText(path), null);
        }

        var (real, complete) = RealPath(files, path);
        return !complete ? new NetplanFileText(null, real)
            : real == NullDevice ? new NetplanFileText(string.Empty, real)
            : new NetplanFileText(files.ReadText(real), real);
    }

    /// <summary>
    /// <paramref name="path"/> with every symbolic link in it followed, resolved the way the kernel
    /// does: component by component from the root, each link replaced by its target (an absolute
    /// one starting again from the root, a relative one from the link's directory, itself already
    /// free of links), and <c>..</c> taken only then. So <c>sub/../y.yaml</c>, with <c>sub</c> a
    /// link to <c>/opt/b/c</c>, is <c>/opt/b/y.yaml</c> (netplan reads that one, checked), not the
    /// <c>y.yaml</c> beside <c>sub</c> that folding the text would give. <c>Complete</c> is false
    /// after more than <see cref="MaxLinks"/> links (a loop): <c>Path</c> is then the link it stopped at.
    /// </summary>
    internal static (string Path, bool Complete) RealPath(IFileView files, string path)
    {
        // The path's own link is read by the path as given (a view may know it only by that), its directory through the links in it.
        var pending = new Stack<string>();
        var links = 0;
        if (files.ReadLink(path) is { } own)
        {
            links++;
            Push(pending, own);
            if (!own.StartsWith('/'))
            {
                Push(pending, path[..path.LastIndexOf('/')]);
            }
        }
        else
        {
            Push(pending, path);
        }

        var real = new List<string>();
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
            if (files.ReadLink(next) is not { } target)
            {
                real.Add(component);
                continue;
            }

            if (++links > MaxLinks)
            {
                return (next, false);
            }

            if (target.StartsWith('/'))
            {
                real.Clear();
            }

            Push(pending, target);
        }

        return ("/" + string.Join('/', real), true);
    }

    /// <summary>Puts the components of <paramref name="path"/> next in line, the first on top.</summary>
    private static void Push(Stack<string> pending, string path)
    {
        foreach (var part in Components(path).Reverse())
        {
            pending.Push(part);
        }
    }

    private static string[] Components(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A netplan file as netplan reads it.</summary>
/// <param name="Text">Its text, or <c>null</c> when there is no regular file to read (missing, a directory, a dangling link).</param>
/// <param name="LinkTarget">Where the symbolic link that the path is finally leads, or <c>null</c> when the path is no link.</param>
internal sealed record NetplanFileText(string? Text, string? LinkTarget)
{
    /// <summary>Whether the path is a symbolic link: the agent never writes through one, nor replaces or moves it.</summary>
    public bool IsLink => LinkTarget is not null;
}
