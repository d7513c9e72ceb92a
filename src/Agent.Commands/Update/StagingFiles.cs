using System.Security.Cryptography;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Update;

/// <summary>
/// Private staging directories for updates: fresh, 0700, removed afterwards. An update holds the
/// lock file beside the staging root (<c>updates.lock</c> for <c>updates</c>) from before it clears
/// the root until its own directory is gone: so updates run one at a time, and a staging directory
/// in the root while the lock is held was left by an update that is over (an agent killed
/// mid-download). Anything else there is not an update's, and is left alone.
/// </summary>
internal static class StagingFiles
{
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Linux's errno for a walk through too many links, which <see cref="IoFailureReason"/> words as the system does.</summary>
    private const int ELoop = 40;

    /// <summary>The random bytes of a staging directory's name, written as twice as many lowercase hex digits.</summary>
    private const int StagingNameBytes = 8;

    /// <summary>The agent path of the lock file of the staging root <paramref name="root"/>.</summary>
    public static string LockPath(string root) => root.TrimEnd('/') + ".lock";

    /// <summary>
    /// Creates the staging root (0700) when missing and takes its lock; <c>null</c> while another
    /// update holds it (in this process or another agent's).
    /// </summary>
    /// <exception cref="IOException">The root or the lock file could not be created or locked.</exception>
    /// <exception cref="UnauthorizedAccessException">The root or the lock file could not be created.</exception>
    public static FileLock? TryLock(IFileSystem fileSystem, string root)
    {
        fileSystem.CreateDirectory(root, PrivateDirectory);
        // FileLock opens it by IFileSystem.HostPath: a link above the root with an absolute target puts the
        // lock where CreateDirectory followed it. Its own name is not followed (FileLock refuses a link there).
        return FileLock.TryAcquire(fileSystem, LockPath(root), FileLockKind.OwnFlock);
    }

    /// <summary>
    /// The staging root with every symbolic link on it followed as the agent follows links under its
    /// root: an absolute target from the agent's root, as in a chroot (<see cref="IFileSystem.CreateDirectory"/>
    /// and <see cref="IFileSystem.DeleteTree"/> walk it so). Every step of an update goes through this
    /// path, which holds no link left to follow: the download and the extraction open host paths the
    /// kernel walks, and in root mode the kernel would take an absolute target for the host's own
    /// directory, not the one the staging directory was made in. With <c>/</c> as the root both agree.
    /// </summary>
    /// <exception cref="IOException">The links loop (more than 40 followed: <c>ELOOP</c>).</exception>
    public static string RealRoot(IFileSystem fileSystem, string root) => RealPathWithinRoot(fileSystem, root);

    private static string RealPathWithinRoot(IFileSystem fileSystem, string agentPath)
    {
        // Each link is read by a path that holds no link before it, so the host's walk and the agent's agree.
        var resolved = RealPath.Resolve(agentPath, fileSystem.ReadLink);
        return resolved.Complete
            ? resolved.Path
            : throw new IOException($"Too many symbolic links on the way to '{agentPath}'", ELoop);
    }

    /// <summary>
    /// Removes what updates that never finished left in the staging root: the entries named as
    /// <see cref="CreateDirectory"/> names its directories, and nothing else. Only while holding the
    /// lock (<see cref="TryLock"/>). Links are removed, never followed.
    /// </summary>
    /// <param name="fileSystem">The agent's file system.</param>
    /// <param name="root">The agent path of the staging root.</param>
    /// <param name="removed">Told the agent path of each leftover as soon as it is gone, so a failure part-way still says what went.</param>
    /// <exception cref="IOException">A leftover could not be removed (those before it are gone).</exception>
    public static void RemoveLeftovers(IFileSystem fileSystem, string root, Action<string>? removed = null)
    {
        // Only an update's own names: the root may be a link of root's own to a directory on a larger
        // disk (CreateDirectory follows it), holding more than updates, which emptying it would delete.
        foreach (var entry in fileSystem.ListDirectory(root).Where(IsStagingName))
        {
            if (fileSystem.DeleteTree(entry))
            {
                removed?.Invoke(entry);
            }
        }
    }

    /// <summary>Creates a fresh staging directory (0700) under <paramref name="root"/> and returns its agent path.</summary>
    public static string CreateDirectory(IFileSystem fileSystem, string root)
    {
        var agentPath = $"{root.TrimEnd('/')}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(StagingNameBytes))}";
        // CreateDirectory succeeds on an existing directory; a fresh random name plus the check keeps it ours.
        if (fileSystem.GetStatus(agentPath) is not null)
        {
            throw new IOException("The staging directory already exists");
        }

        fileSystem.CreateDirectory(agentPath, PrivateDirectory);
        return agentPath;
    }

    /// <summary>Whether the agent path's last component is named as <see cref="CreateDirectory"/> names a staging directory.</summary>
    private static bool IsStagingName(string agentPath)
    {
        var name = agentPath[(agentPath.LastIndexOf('/') + 1)..];
        return name.Length == StagingNameBytes * 2 && name.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
    }

    /// <summary>
    /// Creates the host directory <paramref name="hostPath"/> 0700 from its <c>mkdir</c> on, in a parent
    /// that exists. Not .NET's default 0777: under a default ACL the umask does not apply, and such a
    /// directory's mask would give the default's named entries full rights in it, until a <c>chmod</c>
    /// or for good.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The parent does not exist.</exception>
    public static void CreatePrivateDirectory(string hostPath)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        // .NET gives the mode to the last directory only: a missing parent would be made 0777 less the
        // umask (every user's under umask 000). Every caller's parent exists; one that did not is a bug.
        var parent = Path.GetDirectoryName(Path.GetFullPath(hostPath))!;
        if (!Directory.Exists(parent))
        {
            throw new DirectoryNotFoundException($"The directory '{parent}' does not exist");
        }

        Directory.CreateDirectory(hostPath, PrivateDirectory);
    }

    /// <summary>Options that create a new file exclusively (no link following), mode 0600.</summary>
    public static FileStreamOptions CreateOptions()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        return new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = PrivateFile };
    }

    /// <summary>
    /// Removes a staging directory and everything in it (links are removed, not followed). Best
    /// effort: what stays is removed by the next update (<see cref="RemoveLeftovers"/>) or the next
    /// start of the daemon (<see cref="UpdateStagingRecovery"/>).
    /// </summary>
    public static void Remove(IFileSystem fileSystem, string agentPath)
    {
        try
        {
            fileSystem.DeleteTree(agentPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }
}
