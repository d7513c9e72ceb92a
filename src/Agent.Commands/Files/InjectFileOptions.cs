using GuestAgent.Platform;

namespace GuestAgent.Commands.Files;

/// <summary>Policy for <c>injectfile</c> and <c>file_inject</c>, resolved from the agent's services.</summary>
public sealed class InjectFileOptions
{
    /// <summary>
    /// The defaults: anywhere, new files 0600 and new directories 0755, owned by the user who owns
    /// the directory they are made in (root:root in root's directories), one backup.
    /// </summary>
    public static InjectFileOptions Default { get; } = new();

    /// <summary>
    /// Absolute directories files may be written under (recursively). The default, <c>/</c>,
    /// allows every path, as Nova expects; under it a directory link is followed only when root made it
    /// where no one else can write (OSTree's <c>/root -&gt; var/roothome</c>), never one a user could
    /// have planted. Under any narrower list every link on the way is refused, so a link can carry a
    /// write neither outside the list nor into another account. An empty list allows nothing. Each
    /// entry follows the daemon's rule for <c>injectFile.allowedDirectories</c>
    /// (<see cref="AgentPaths.TryNormalizeConfiguredDirectory"/>) and is kept without its trailing
    /// slashes; the list is copied.
    /// </summary>
    /// <exception cref="ArgumentNullException">The list is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">
    /// An entry is not an absolute path (a relative one, or <c>""</c>, would silently allow nothing) or
    /// has a <c>.</c> or <c>..</c> component.
    /// </exception>
    public IReadOnlyList<string> AllowedDirectories
    {
        get;
        // Refused here: injectfile would otherwise refuse every path under it without saying why.
        init => field = Normalized(value);
    } = ["/"];

    /// <summary>Permission bits of a file that did not exist; setuid and setgid are dropped, as from every file the agent writes.</summary>
    public UnixFileMode NewFileMode { get; init; } = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Owner of a new file and of new directories (unless <see cref="InheritUserDirectoryOwner"/>
    /// gives them a user's); <c>null</c> for the agent's own user.
    /// </summary>
    public FileOwner? NewFileOwner { get; init; } = FileOwner.Root;

    /// <summary>
    /// A new file and new directories belong to the user (uid and gid) owning the deepest existing
    /// directory on the path, when that is not root: <c>/home/alice/.ssh/authorized_keys</c> becomes
    /// alice's, as sshd needs (it reads the file with her uid, so a root-owned 0600 one is silently
    /// ignored), while under <c>/etc</c> or <c>/root</c> they stay <see cref="NewFileOwner"/>. Where no
    /// directory on the way is a user's, the person (uid 1000 to 60000) whose home in <c>/etc/passwd</c>
    /// holds the path gets what is made inside that home, when its parent exists: a home
    /// <c>useradd</c> never made, or one root made. On
    /// by default; an existing file keeps its owner, except a root-owned one in such a home that its
    /// person cannot read, in a directory that is root's or theirs (what an injection made before the
    /// account existed, which sshd, reading as the user, never takes): that becomes the person's. Giving a user a file in a directory
    /// they own gives them nothing they could not do there already (replace it, for one).
    /// </summary>
    public bool InheritUserDirectoryOwner { get; init; } = true;

    /// <summary>Permission bits of directories created for the file; setuid and setgid are dropped.</summary>
    public UnixFileMode DirectoryMode { get; init; } =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>
    /// Keep the previous version as <c>&lt;path&gt;.bak~</c> (a single copy with its owner and mode,
    /// never setuid or setgid: the backup of a setuid program is a plain copy of it).
    /// The name ends in <c>~</c> because the host may write into a directory whose reader takes every
    /// file: logrotate (<c>/etc/logrotate.d</c>), cron (<c>/etc/cron.d</c>), sudo
    /// (<c>/etc/sudoers.d</c>) and run-parts all skip such a name, where a <c>.bak</c> copy would be
    /// read as a second configuration (see <see cref="SiblingNames.InertBackupSuffix"/>). A
    /// <c>&lt;path&gt;.bak</c> left by an earlier agent version is neither used nor removed.
    /// </summary>
    public bool KeepBackup { get; init; } = true;

    private static string[] Normalized(IReadOnlyList<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories, nameof(AllowedDirectories));
        var normalized = new string[directories.Count];
        for (var i = 0; i < normalized.Length; i++)
        {
            normalized[i] = AgentPaths.TryNormalizeConfiguredDirectory(directories[i], out var directory, out var problem)
                ? directory
                : throw new ArgumentException($"Every directory allowed for injection {problem}, not '{directories[i]}'", nameof(AllowedDirectories));
        }

        return normalized;
    }
}
