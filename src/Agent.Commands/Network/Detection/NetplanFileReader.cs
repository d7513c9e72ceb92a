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
    /// <summary>The most links followed in a row, as the kernel's limit (<c>ELOOP</c>).</summary>
    private const int MaxLinks = 40;

    private const string NullDevice = "/dev/null";

    /// <summary>Reads <paramref name="path"/> through any chain of symbolic links.</summary>
    public static NetplanFileText Read(IFileView files, string path)
    {
        var current = path;
        for (var hops = 0; hops <= MaxLinks; hops++)
        {
            if (files.ReadLink(current) is not { } target)
            {
                var link = hops > 0 ? current : null;
                return current == NullDevice ? new NetplanFileText(string.Empty, link) : new NetplanFileText(files.ReadText(current), link);
            }

            current = Resolve(RealDirectory(files, current) + current[current.LastIndexOf('/')..], target);
        }

        return new NetplanFileText(null, current);
    }

    /// <summary>
    /// The directory of <paramref name="path"/> with its own links followed (<c>/lib</c> to
    /// <c>usr/lib</c> on a merged-<c>/usr</c> system): a relative target starts there, as the kernel
    /// resolves it, not from the path as written.
    /// </summary>
    private static string RealDirectory(IFileView files, string path)
    {
        var real = "";
        var components = new Queue<string>(path[..path.LastIndexOf('/')].Split('/', StringSplitOptions.RemoveEmptyEntries));
        var hops = 0;
        while (components.TryDequeue(out var component))
        {
            var next = real + "/" + component;
            if (hops < MaxLinks && files.ReadLink(next) is { } target)
            {
                hops++;
                var resolved = Resolve(next, target);
                real = "";
                components = new Queue<string>(resolved.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(components));
            }
            else
            {
                real = next;
            }
        }

        return real;
    }

    /// <summary>A link's target as an absolute path: relative targets start from the link's directory; <c>.</c> and <c>..</c> collapsed.</summary>
    internal static string Resolve(string link, string target)
    {
        var parts = new List<string>();
        var absolute = target.StartsWith('/') ? target : link[..(link.LastIndexOf('/') + 1)] + target;
        foreach (var part in absolute.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }
}

/// <summary>A netplan file as netplan reads it.</summary>
/// <param name="Text">Its text, or <c>null</c> when there is no regular file to read (missing, a directory, a dangling link).</param>
/// <param name="LinkTarget">Where the symbolic link that the path is finally leads, or <c>null</c> when the path is no link.</param>
internal sealed record NetplanFileText(string? Text, string? LinkTarget)
{
    /// <summary>Whether the path is a symbolic link: the agent never writes through one, nor replaces or moves it.</summary>
    public bool IsLink => LinkTarget is not null;
}
