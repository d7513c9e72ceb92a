using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

/// <summary>
/// The real <see cref="IAtomicFileWriter"/>, writing under an <see cref="IFileSystem"/>'s root. The
/// target's directory is reached with <see cref="PinnedDirectory"/> (no symbolic link followed unless
/// <see cref="AtomicWriteOptions.DirectoryLinks"/> trusts it) and every later call is relative to that
/// directory's descriptor, so nothing on the way can be swapped to redirect the write.
/// </summary>
public sealed partial class AtomicFileWriter : IAtomicFileWriter
{
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const int NoSuchEntry = 2;

    // Walks to the directory of one write, at most: see Stage.
    private const int MaxWalks = 8;

    /// <summary>
    /// Never on a file or directory this writer writes (see <see cref="IAtomicFileWriter"/>): new
    /// contents (every caller's come from the host or are built from what it sent) must not run with
    /// the old program's privileges, as the kernel drops file capabilities on a write and
    /// <see cref="ExtendedAttributes"/> does not copy them. Not setting them also keeps every write
    /// working under systemd's <c>RestrictSUIDSGID=yes</c>, whose seccomp filter refuses a mode
    /// with either (<c>EPERM</c>).
    /// </summary>
    internal const UnixFileMode SetIdBits = UnixFileMode.SetUser | UnixFileMode.SetGroup;

    private readonly IFileSystem _fileSystem;
    private readonly DateTimeOffset _processStart;
    private readonly TimeProvider _clock;
    private readonly bool _hardLinkBackups;

    /// <summary>Creates the writer.</summary>
    public AtomicFileWriter(IFileSystem fileSystem)
        : this(fileSystem, StaleStagingFiles.ProcessStart)
    {
    }

    /// <summary>Creates the writer; without <paramref name="hardLinkBackups"/> every backup is a copy, as on a file system without hard links.</summary>
    internal AtomicFileWriter(IFileSystem fileSystem, bool hardLinkBackups)
        : this(fileSystem, StaleStagingFiles.ProcessStart, hardLinkBackups)
    {
    }

    /// <summary>
    /// Creates the writer, taking a temp file of one of its own writes as left over by a killed
    /// process by <see cref="StaleStagingFiles.Cutoff"/> of <paramref name="processStart"/> and
    /// <paramref name="clock"/>'s time (tests move both; the clock is the system's by default).
    /// </summary>
    internal AtomicFileWriter(IFileSystem fileSystem, DateTimeOffset processStart, bool hardLinkBackups = true, TimeProvider? clock = null)
    {
        _fileSystem = fileSystem;
        _processStart = processStart;
        _clock = clock ?? TimeProvider.System;
        _hardLinkBackups = hardLinkBackups;
    }

    /// <inheritdoc />
    public bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null)
    {
        using var staged = Stage(path, new Contents(contents, null), options);
        staged?.Commit();
        return staged is not null;
    }

    /// <inheritdoc />
    public bool Write(string path, Stream contents, AtomicWriteOptions? options = null)
    {
        using var staged = Stage(path, contents, options);
        staged?.Commit();
        return staged is not null;
    }

    /// <inheritdoc />
    public IStagedFile? Stage(string path, Stream contents, AtomicWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(contents);
        if (options?.SkipIfUnchanged == true && !contents.CanSeek)
        {
            throw new ArgumentException("SkipIfUnchanged needs a stream that can seek", nameof(options));
        }

        return Stage(path, new Contents(default, contents), options);
    }

    private StagedFile? Stage(string path, Contents contents, AtomicWriteOptions? options)
    {
        options ??= AtomicWriteOptions.Default;
        var start = contents.Stream is { CanSeek: true } seekable ? seekable.Position : -1;
        for (var walk = 1; ; walk++)
        {
            try
            {
                return StageOnce(path, contents, options);
            }
            catch (IOException exception) when (walk < MaxWalks && options.CreateDirectoriesWithMode is not null && exception.HResult == NoSuchEntry && (contents.Stream is null || start >= 0))
            {
                // Another write of this agent made the missing directories and, failing, removed them
                // while they were still empty, after this walk had entered them: walking again makes
                // them anew. Each failing write removes its directories once, so this ends.
                contents.Stream?.Position = start;
            }
        }
    }

    private StagedFile? StageOnce(string path, Contents contents, AtomicWriteOptions options)
    {
        var components = RootedFileSystem.ComponentsBelowRoot(_fileSystem, path);
        if (components.Length == 0)
        {
            throw new IOException($"'{path}' names no file");
        }

        var name = components[^1];
        DirectoryCreation? creation = options.CreateDirectoriesWithMode is { } directoryMode
            ? new DirectoryCreation(directoryMode, Ownership.Effective(options.NewFileOwner, _fileSystem.IsRooted), options.InheritUserDirectoryOwner, _fileSystem.IsRooted)
            : null;
        // Every step below names entries relative to this one descriptor, never by path from the root.
        var directory = PinnedDirectory.Open(_fileSystem.Root, components[..^1], creation, options.DirectoryLinks);
        try
        {
            var newFileOwner = options.InheritUserDirectoryOwner
                ? Ownership.OfUserDirectory(directory.DeepestExistingOwner) ?? options.NewFileOwner
                : options.NewFileOwner;
            var staged = StageIn(directory, name, path, contents, options, newFileOwner);
            if (staged is null)
            {
                directory.Dispose();
            }

            return staged;
        }
        catch
        {
            // A failed write leaves no trace: not even the directories made for it.
            directory.RemoveCreated();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks the target, then writes the temp file; <c>null</c> when <see cref="AtomicWriteOptions.SkipIfUnchanged"/> finds nothing to do.
    /// The target is opened once, first (<see cref="FileInPlace"/>): its owner, mode, attributes and
    /// contents are read through that descriptor, so a file removed (or made a link) as it is looked at
    /// is a new file, never a failed write, and what is refused is what the open met.
    /// </summary>
    private StagedFile? StageIn(PinnedDirectory pinned, string name, string path, Contents contents, AtomicWriteOptions options, FileOwner? newFileOwner)
    {
        var directory = pinned.Handle;
        var found = FileInPlace.Open(directory, name, path);
        var handedOver = false;
        try
        {
            return StageIn(pinned, found, name, path, contents, options, newFileOwner, out handedOver);
        }
        finally
        {
            if (!handedOver)
            {
                found.Dispose();
            }
        }
    }

    private StagedFile? StageIn(PinnedDirectory pinned, FileInPlace found, string name, string path, Contents contents, AtomicWriteOptions options, FileOwner? newFileOwner, out bool handedOver)
    {
        handedOver = false;
        var directory = pinned.Handle;
        switch (found.Kind)
        {
            case FoundInPlace.Link when options.ReplaceSymbolicLink:
                // Nothing of the link is kept (no backup, no owner or mode): the caller remembers its target.
                break;
            case FoundInPlace.Link:
                throw new PathRefusedException(PathRefusal.LinkAtTarget, $"'{path}' is a symbolic link; refusing to write through it");
            case FoundInPlace.NotRegular:
                throw new PathRefusedException(PathRefusal.TargetNotRegular, $"'{path}' exists and is not a regular file");
        }

        var existing = found.Status;
        // What writes of this file that a killed process never finished left beside it (a shadow
        // hash never applied, a whole agent binary) goes first, even when this write finds nothing to do.
        StaleStagingFiles.Remove(directory, name, options.BackupSuffix, StaleStagingFiles.Cutoff(_processStart, _clock.GetUtcNow()));
        var mode = (options.ExactMode ?? existing?.Mode ?? options.NewFileMode) & ~SetIdBits;
        var owner = Ownership.Effective(options.ExactOwner ?? existing?.Owner ?? newFileOwner, _fileSystem.IsRooted);
        if (existing is { } current && options.SkipIfUnchanged && HasExact(current, options, mode, owner) && HasExactAttributes(found.Handle, path, options) && SameContents(found.Handle, contents))
        {
            return null;
        }

        // The rename installs a new inode: what the old one carried besides owner and mode (the
        // SELinux label that makes /etc/shadow shadow_t rather than etc_t, an ACL) is copied onto it.
        var capabilities = false;
        var attributes = existing is null ? [] : ExtendedAttributes.Read(found.Handle, path, out capabilities);
        var copied = WithExact(attributes, options);
        // Only a file that did not exist (and is given no ACL) keeps the one its directory's default ACL gives it, as any tool's new file does.
        var inheritsAcl = existing is null && options.ExactAccessControl is null;
        var temp = WriteTemp(directory, name, path, contents, mode, owner, copied, modeOverAttributes: options.ExactMode is not null, inheritsAcl);
        var backup = existing is { } old && options.KeepBackup
            // A hard link would be the old inode itself, privileges and all: the backup of a setuid,
            // setgid or capability-carrying program is a copy without them.
            ? Backup(options, old, attributes, capabilities || (old.Mode & SetIdBits) != 0)
            : (BackupOf?)null;
        // The directory the walk reached, by a name the kernel walks to it: in root mode the links on the
        // way resolved under the root, as the walk followed them, not a lexical path the kernel takes out of it.
        var hostDirectory = Path.GetDirectoryName(_fileSystem.HostPath(path, followFinalLink: false)) ?? "/";
        // The commit's backup is of the file looked at here (linked through its descriptor, or copied from
        // it), whose owner, mode and attributes it takes, never of whatever the name holds by then: the
        // staged file keeps the descriptor until it is committed or thrown away.
        handedOver = backup is not null;
        return new StagedFile(pinned, name, path, temp, Path.Combine(hostDirectory, temp), backup, handedOver ? found : null);
    }

    /// <summary>What a commit's backup of <paramref name="old"/> will be: a copy of the old file's owner and mode (less setuid and setgid), a hard link unless <paramref name="privileged"/>.</summary>
    private BackupOf Backup(AtomicWriteOptions options, FileStatus old, IReadOnlyList<ExtendedAttribute> attributes, bool privileged) =>
        new(options.BackupSuffix, old.Mode & ~SetIdBits, Ownership.Effective(old.Owner, _fileSystem.IsRooted), attributes, privileged, _hardLinkBackups && !privileged, options.MaxBackupCopyBytes);

    /// <summary>
    /// Creates, fills and syncs a fresh temp file that already has the final owner, mode and extended
    /// attributes; returns its name. With <paramref name="modeOverAttributes"/> the mode is set again
    /// after the attributes: an ACL's mask would otherwise set the group bits. Unless
    /// <paramref name="inheritsAcl"/>, the file has no access ACL but one among
    /// <paramref name="attributes"/>: not the one a default ACL on the directory gives every new inode.
    /// </summary>
    private static string WriteTemp(SafeFileHandle directory, string name, string path, Contents contents, UnixFileMode mode, FileOwner? owner, IReadOnlyList<ExtendedAttribute> attributes, bool modeOverAttributes = false, bool inheritsAcl = false)
    {
        var temp = SiblingNames.Staging(name, ".tmp");
        // O_CREAT|O_EXCL fails on any existing entry, a symbolic link included.
        var errno = LibCAt.TryOpenAt(directory, temp, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.NoFollow, PrivateMode, out var handle);
        if (errno != 0)
        {
            throw LibC.Failure("create a temporary file for", path, errno);
        }

        try
        {
            using (handle!)
            {
                // Before the mode is set: removing an ACL leaves the mode bits as they are.
                if (!inheritsAcl && !ExtendedAttributes.HasAccessAcl(attributes))
                {
                    ExtendedAttributes.RemoveAccessAcl(handle!, path);
                }

                // Ownership, then the mode (never setuid or setgid, which chown would clear anyway).
                // The owner is read from the file: in a setgid directory it has the directory's group.
                if (owner is { } o && Ownership.Differs(LibCAt.StatusOf(handle!, path), o))
                {
                    LibCAt.SetOwner(handle!, o, path);
                }

                LibCAt.SetMode(handle!, mode, path);
                // After the mode: an ACL's mask then sets the group bits exactly as they were on the old file.
                ExtendedAttributes.Write(handle!, attributes, path);
                if (modeOverAttributes && attributes.Count > 0)
                {
                    LibCAt.SetMode(handle!, mode, path);
                }

                if (contents.Stream is { } stream)
                {
                    BoundedFileCopy.Copy(stream, handle!);
                }
                else if (contents.File is { } file)
                {
                    BoundedFileCopy.CopyFile(file, handle!, contents.FileLimit, path, contents.Privileged);
                }
                else
                {
                    RandomAccess.Write(handle!, contents.Bytes, fileOffset: 0);
                }

                LibCAt.Sync(handle!, path);
            }
        }
        catch
        {
            LibCAt.TryUnlinkAt(directory, temp);
            throw;
        }

        return temp;
    }

    /// <summary>
    /// Keeps the current version as <c>name</c> + <see cref="AtomicWriteOptions.BackupSuffix"/>
    /// (<see cref="SiblingNames.Backup(string, string)"/>), replacing an older backup atomically.
    /// </summary>
    /// <remarks>
    /// A hard link costs nothing whatever the size. When none can be made (a file system without hard
    /// links, or a file that already has as many links as the file system allows, which its owner can
    /// arrange), the file is copied through one fixed buffer, and only up to
    /// <see cref="AtomicWriteOptions.MaxBackupCopyBytes"/>: a user's sparse "1.8 GB" file in their home
    /// directory would otherwise cost root a real 1.8 GB copy. Over the limit the write fails
    /// (<see cref="BackupTooLargeException"/>) and nothing changes.
    /// </remarks>
    /// <returns>The backup it replaced, to be put back should the commit's rename fail.</returns>
    private static PreviousBackup Backup(SafeFileHandle directory, string name, string path, BackupOf old, FileInPlace replaced)
    {
        var backup = SiblingNames.Backup(name, old.Suffix);
        var previous = PreviousBackup.Keep(directory, name, backup, path);
        var staging = SiblingNames.Staging(name, ".bak.tmp");
        try
        {
            // A hard link keeps the old inode (contents, owner, mode) alive after the rename replaces the target.
            // Both are of the file the stage looked at, through its descriptor: by name, a file renamed over
            // the target since (a setuid program, another user's file) would be linked, or its contents
            // copied with the looked-at file's owner, mode and attributes. One removed since (ENOENT) is copied.
            if (!old.HardLink || !LibCAt.TryLinkOf(replaced.Handle, directory, staging, path))
            {
                staging = WriteTemp(directory, backup, path, new Contents(default, null, replaced.Handle, old.MaxCopyBytes, old.Privileged), old.Mode, old.Owner, old.Attributes);
            }

            LibCAt.RenameAt(directory, staging, backup, path);
        }
        catch
        {
            LibCAt.TryUnlinkAt(directory, staging);
            previous.Discard(directory);
            throw;
        }

        // When the backup already is the target's inode (what a crash between this rename and the
        // target's leaves), rename(2) does nothing and leaves the staging link: it goes now.
        LibCAt.TryUnlinkAt(directory, staging);
        return previous;
    }

    private static bool SameContents(SafeFileHandle handle, Contents contents) =>
        contents.Stream is { } stream ? BoundedFileCopy.SameContents(handle, stream) : BoundedFileCopy.SameContents(handle, contents.Bytes);

    /// <summary>
    /// What a write puts in the file: bytes in memory, a stream copied piece by piece, or (a backup's
    /// copy) another open file, refused past <see cref="FileLimit"/> bytes, saying whether it is
    /// copied because it is <see cref="Privileged"/>.
    /// </summary>
    private readonly ref struct Contents(ReadOnlySpan<byte> bytes, Stream? stream, SafeFileHandle? file = null, long fileLimit = 0, bool privileged = false)
    {
        public ReadOnlySpan<byte> Bytes { get; } = bytes;

        public Stream? Stream { get; } = stream;

        public SafeFileHandle? File { get; } = file;

        public long FileLimit { get; } = fileLimit;

        public bool Privileged { get; } = privileged;
    }
}
