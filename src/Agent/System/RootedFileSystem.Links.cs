using GuestAgent.Platform.Native;

namespace GuestAgent.Platform;

// How the methods that hand the kernel a path reach it in root mode: as the walk does, as in a chroot.
public sealed partial class RootedFileSystem
{
    /// <inheritdoc />
    /// <remarks>
    /// What every method here hands the kernel, and what callers that open or run a path themselves
    /// (<see cref="FileLock"/>, a staged file, a program to check) use so that they reach the same
    /// entry. In root mode the directories on the way are resolved as <see cref="CreateDirectory"/>'s
    /// walk resolves them (<see cref="RealPath"/>): every link followed, an absolute target starting
    /// again at the root where the kernel would start at the host's <c>/</c>, <c>..</c> after a link
    /// taken from its target; the final component too when <paramref name="followFinalLink"/>. The
    /// kernel then meets no link, but a final one not followed. Every link is followed, trusted or
    /// not: the root is not a sandbox.
    /// </remarks>
    public string HostPath(string path, bool followFinalLink) =>
        TryHostPath(path, followFinalLink) ?? throw new IOException($"Too many symbolic links on the way to '{path}'", LibC.ELoop);

    /// <summary>As <see cref="HostPath"/>, but <c>null</c> where the links loop (where the kernel fails with <c>ELOOP</c>).</summary>
    private string? TryHostPath(string path, bool followFinalLink)
    {
        var host = Resolve(path);
        if (!IsRooted)
        {
            return host;
        }

        // Mapped lexically first, as the walk gets its components: a ".." is then only in a link's target.
        var agentPath = host.Length == Root.Length ? "/" : host[Root.Length..];
        var name = agentPath[(agentPath.LastIndexOf('/') + 1)..];
        // Ending with "/", every component is read as the walk reaches it: a link read by the name given
        // would have the kernel resolve the directories above it against the host's "/".
        var walked = followFinalLink ? agentPath + "/" : agentPath[..^name.Length];
        var resolved = RealPath.Resolve(walked, reached => LinkTarget(Resolve(reached)));
        if (!resolved.Complete)
        {
            return null;
        }

        return Resolve(followFinalLink ? resolved.Path : resolved.Path + "/" + name);
    }

    /// <summary>The target of the link at a host path, or <c>null</c> when it is no link (or nothing).</summary>
    private static string? LinkTarget(string hostPath) =>
        StatusOf(hostPath)?.Kind == FileKind.SymbolicLink ? new FileInfo(hostPath).LinkTarget : null;

    /// <summary>
    /// What <see cref="File.Exists(string)"/> and <see cref="Directory.Exists(string)"/> answer, links
    /// followed under the root: the entry a final link leads to or, when it leads nowhere (gone, a
    /// loop), the link itself, which is no directory; <c>false</c> when the path cannot be looked at.
    /// </summary>
    private bool ExistsUnderRoot(string path, bool directory)
    {
        try
        {
            // The walk leaves no link to follow: lstat of the followed path is stat of the entry.
            var status = (TryHostPath(path, followFinalLink: true) is { } followed ? StatusOf(followed) : null)
                ?? (TryHostPath(path, followFinalLink: false) is { } entry ? StatusOf(entry) : null);
            return status is { } found && (found.Kind == FileKind.Directory) == directory;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
