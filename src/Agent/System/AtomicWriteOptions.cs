using GuestAgent.Platform.Native;

namespace GuestAgent.Platform;

/// <summary>How <see cref="IAtomicFileWriter"/> writes one file.</summary>
public sealed record AtomicWriteOptions
{
    /// <summary>The default: new files 0644 owned by root, existing files keep owner and mode (never setuid or setgid), no backup.</summary>
    public static AtomicWriteOptions Default { get; } = new();

    /// <summary>Permission bits of a file that does not exist yet; setuid and setgid are dropped (see <see cref="IAtomicFileWriter"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value with a bit above <c>07777</c>.</exception>
    public UnixFileMode NewFileMode
    {
        get => _newFileMode;
        init => _newFileMode = FileModes.WithinModeBits(value, nameof(NewFileMode));
    }

    private readonly UnixFileMode _newFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// When set, the file gets exactly this mode less setuid and setgid (see <see cref="IAtomicFileWriter"/>),
    /// whether it exists or not, instead of keeping an existing file's mode or taking
    /// <see cref="NewFileMode"/>: for putting a saved file back as it was (a rollback). It is set on
    /// the temp file before the rename (and again after the extended attributes, so a copied ACL's
    /// mask cannot change the group bits), so the file never shows another mode and a failed write
    /// leaves the old file as it was, mode included. A backup keeps the old file's mode. With
    /// <see cref="SkipIfUnchanged"/>, a file with these contents but another mode is still rewritten.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value with a bit above <c>07777</c>.</exception>
    public UnixFileMode? ExactMode
    {
        get => _exactMode;
        init => _exactMode = value is { } mode ? FileModes.WithinModeBits(mode, nameof(ExactMode)) : null;
    }

    private readonly UnixFileMode? _exactMode;

    /// <summary>
    /// When set, the file gets this owner whether it exists or not, instead of keeping an existing
    /// file's owner or taking <see cref="NewFileOwner"/> (or the one
    /// <see cref="InheritUserDirectoryOwner"/> gives), set on the temp file before the rename as
    /// <see cref="ExactMode"/> is; a backup keeps the old file's owner. Without root privileges
    /// under a development root, files stay the agent user's, as with <see cref="NewFileOwner"/>.
    /// With <see cref="SkipIfUnchanged"/>, a file with these contents but another owner is still rewritten.
    /// </summary>
    public FileOwner? ExactOwner { get; init; }

    /// <summary>
    /// When set, the file gets exactly this POSIX access ACL (the value of
    /// <c>system.posix_acl_access</c>, as <see cref="IFileSystem.ReadAccessControl"/> gives it), or
    /// none when it is empty, whether it exists or not, instead of keeping an existing file's ACL or
    /// the one a new file inherits from its directory's default ACL: for putting a saved file back as
    /// it was, with <see cref="ExactMode"/> (which then sets the ACL's mask, as <c>chmod</c> does). It
    /// is on the temp file before the rename; a backup keeps the old file's. A file system without
    /// ACLs ignores it. With <see cref="SkipIfUnchanged"/>, a file with these contents but another ACL
    /// is still rewritten. Checked when set (<see cref="PosixAccessControl.IsWellFormed"/>), so a
    /// malformed value never reaches a write.
    /// </summary>
    /// <exception cref="ArgumentException">Set to a value that is neither empty nor in the kernel's form.</exception>
    public ReadOnlyMemory<byte>? ExactAccessControl
    {
        get => _exactAccessControl;
        init => _exactAccessControl = value is not { } acl || PosixAccessControl.IsWellFormed(acl.Span)
            ? value
            : throw new ArgumentException($"The ACL is not a POSIX access ACL as the kernel stores it (a version 2 header, then 8-byte entries, at most {PosixAccessControl.MaxBytes} bytes)", nameof(ExactAccessControl));
    }

    private readonly ReadOnlyMemory<byte>? _exactAccessControl;

    /// <summary>
    /// When set, the file gets exactly these extended attributes besides its access ACL, by name (what
    /// <see cref="IFileSystem.ReadExtendedAttributes"/> read: the SELinux label, <c>user.*</c>,
    /// <c>trusted.*</c>), instead of keeping an existing file's: for putting a saved file back as it
    /// was, so one deleted or replaced since comes back with its label and attributes, as it does with
    /// <see cref="ExactMode"/>. They are on the temp file before the rename; a backup keeps the old
    /// file's. A label the new file already has from its directory is not set again. With
    /// <see cref="SkipIfUnchanged"/>, a file with these contents but other attributes is still rewritten.
    /// </summary>
    /// <exception cref="ArgumentException">A name that is empty, holds a NUL or a lone surrogate, is longer than the kernel's 255 bytes of UTF-8, or is the access ACL's (<see cref="ExactAccessControl"/> sets that).</exception>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? ExactExtendedAttributes
    {
        get => _exactExtendedAttributes;
        init => _exactExtendedAttributes = value is null || value.Keys.All(ExtendedAttributes.IsSettableName)
            ? value
            : throw new ArgumentException("An extended attribute's name is empty, holds a NUL or a lone surrogate, is over 255 bytes of UTF-8, or is the access ACL's (set through ExactAccessControl)", nameof(ExactExtendedAttributes));
    }

    private readonly IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? _exactExtendedAttributes;

    /// <summary>
    /// Owner of a file that does not exist yet, and of directories this write creates; <c>null</c>
    /// leaves them owned by the agent's own user.
    /// </summary>
    public FileOwner? NewFileOwner { get; init; } = FileOwner.Root;

    /// <summary>
    /// Give a file that does not exist yet, and directories this write creates, the owner (user and
    /// group) of the deepest directory on the path that already exists when a user other than root
    /// owns it, instead of <see cref="NewFileOwner"/>, which they keep under root's directories. So
    /// a file put into a home directory belongs to its user, who can read it (sshd reads
    /// <c>~/.ssh/authorized_keys</c> as the user). The owner is read from the descriptor the walk
    /// holds on that directory, never by a second lookup. Off by default; existing files always
    /// keep their owner.
    /// </summary>
    public bool InheritUserDirectoryOwner { get; init; }

    /// <summary>
    /// When set, missing parent directories are created with exactly this mode less setuid and
    /// setgid (the setgid bit a setgid parent would pass on is cleared too: they get their own
    /// group), and <see cref="NewFileOwner"/> (or the owner <see cref="InheritUserDirectoryOwner"/>
    /// gives), each through its own descriptor; otherwise a missing directory is an error. A directory
    /// made inside one with a default ACL keeps the ACLs the kernel gives it from that (access and
    /// default, the access ACL's mask this mode's group bits), as <c>mkdir</c>'s does: it is new, as a
    /// new file is, and the files later made in it take the same default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value with a bit above <c>07777</c>.</exception>
    public UnixFileMode? CreateDirectoriesWithMode
    {
        get => _createDirectoriesWithMode;
        init => _createDirectoriesWithMode = value is { } mode ? FileModes.WithinModeBits(mode, nameof(CreateDirectoriesWithMode)) : null;
    }

    private readonly UnixFileMode? _createDirectoriesWithMode;

    /// <summary>
    /// What to do with a symbolic link among the target's directories. The default refuses every
    /// one (<see cref="PathRefusedException"/>); a link at the final component is always refused.
    /// </summary>
    public DirectoryLinkPolicy DirectoryLinks { get; init; } = DirectoryLinkPolicy.Refuse;

    /// <summary>
    /// Keep the previous version as <c>&lt;path&gt;</c> + <see cref="BackupSuffix"/> (one copy, with
    /// its owner and mode less setuid and setgid: a hard link to the old inode, or, for a setuid,
    /// setgid or capability-carrying program, a copy without them, bounded by
    /// <see cref="MaxBackupCopyBytes"/>); for a name too long for that, the shortened name
    /// <see cref="SiblingNames.BackupPath(string, string)"/> gives.
    /// </summary>
    public bool KeepBackup { get; init; }

    /// <summary>
    /// The end of the backup's name: <see cref="SiblingNames.BackupSuffix"/> (<c>.bak</c>) by default;
    /// <see cref="SiblingNames.InertBackupSuffix"/> (<c>.bak~</c>) where the file may sit in a
    /// directory whose reader takes every file, as logrotate and cron do, so the backup is not read
    /// as a second copy of the configuration. Whoever restores the backup must use the same suffix.
    /// </summary>
    /// <exception cref="ArgumentException">Set to an empty suffix, one longer than 32 bytes of UTF-8, or one with <c>/</c> or a control character.</exception>
    public string BackupSuffix
    {
        get => _backupSuffix;
        init => _backupSuffix = SiblingNames.ValidateBackupSuffix(value);
    }

    private readonly string _backupSuffix = SiblingNames.BackupSuffix;

    /// <summary>
    /// Replace a symbolic link at the path with the new file (the rename swaps the link itself, never
    /// its target); the file gets <see cref="NewFileMode"/> and <see cref="NewFileOwner"/>. Without
    /// it, a link there is refused.
    /// </summary>
    public bool ReplaceSymbolicLink { get; init; }

    /// <summary>
    /// Leave the file alone (and report no write) when it already has exactly these contents (and the
    /// <see cref="ExactMode"/> and <see cref="ExactOwner"/> asked for, if any).
    /// </summary>
    public bool SkipIfUnchanged { get; init; }

    /// <summary>The default <see cref="MaxBackupCopyBytes"/>: 16 MiB, far above a configuration file or an <c>authorized_keys</c>.</summary>
    public const long DefaultMaxBackupCopyBytes = 16L * 1024 * 1024;

    /// <summary>
    /// With <see cref="KeepBackup"/>, the largest previous version the backup may copy when it cannot
    /// be kept by a hard link (a file system without hard links, or a file that already has the most
    /// links the file system allows, which the file's owner can arrange) or must not be (a setuid,
    /// setgid or capability-carrying program, whose link would keep its privileges). The copy goes through one
    /// fixed 128 KiB buffer whatever the size; a larger file fails the write with a
    /// <see cref="BackupTooLargeException"/> (an <see cref="IOException"/> whose HResult is <c>EFBIG</c>,
    /// "File too large", saying which of the two made the backup a copy), and nothing changes.
    /// A hard-linked backup is never limited: it copies nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative number.</exception>
    public long MaxBackupCopyBytes
    {
        get => _maxBackupCopyBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxBackupCopyBytes = value;
        }
    }

    private readonly long _maxBackupCopyBytes = DefaultMaxBackupCopyBytes;
}
