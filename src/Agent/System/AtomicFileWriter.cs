using System.Security.Cryptography;
using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

/// <summary>The real <see cref="IAtomicFileWriter"/>, writing under an <see cref="IFileSystem"/>'s root.</summary>
public sealed class AtomicFileWriter : IAtomicFileWriter
{
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>NAME_MAX of Linux file systems: the longest file name, in bytes.</summary>
    private const int MaxNameBytes = 255;
    private readonly IFileSystem _fileSystem;

    /// <summary>Creates the writer.</summary>
    public AtomicFileWriter(IFileSystem fileSystem) => _fileSystem = fileSystem;

    /// <inheritdoc />
    public bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null)
    {
        options ??= AtomicWriteOptions.Default;
        var target = _fileSystem.Resolve(path);
        var directory = Path.GetDirectoryName(target) ?? throw new IOException($"'{path}' has no directory");
        var name = Path.GetFileName(target);
        if (name.Length == 0)
        {
            throw new IOException($"'{path}' names no file");
        }

        var existing = RootedFileSystem.StatusOf(target);
        switch (existing?.Kind)
        {
            case FileKind.SymbolicLink when options.ReplaceSymbolicLink:
                // Nothing of the link is kept (no backup, no owner or mode): the caller remembers its target.
                existing = null;
                break;
            case FileKind.SymbolicLink:
                throw new IOException($"'{path}' is a symbolic link; refusing to write through it");
            case FileKind.Directory or FileKind.Other:
                throw new IOException($"'{path}' exists and is not a regular file");
        }

        if (existing is not null && options.SkipIfUnchanged && SameContents(target, contents))
        {
            return false;
        }

        IReadOnlyList<string> created = [];
        if (!Directory.Exists(directory))
        {
            if (options.CreateDirectoriesWithMode is not { } directoryMode)
            {
                throw new IOException($"The directory of '{path}' does not exist");
            }

            created = RootedFileSystem.CreateDirectoryCore(directory, directoryMode, Ownership.Effective(options.NewFileOwner, _fileSystem.IsRooted));
        }

        try
        {
            Replace(target, directory, name, contents, existing, options);
        }
        catch
        {
            // A failed write leaves no trace: not even the directories made for it.
            RootedFileSystem.TryRemoveEmptyDirectories(created);
            throw;
        }

        LibC.FsyncDirectory(directory);
        return true;
    }

    /// <summary>
    /// Replaces the host file <paramref name="target"/> with what <paramref name="write"/> streams,
    /// for the agent's own files that are too large to build in memory at once: a fresh temp file
    /// created exclusively beside it (never through a planted link) with <paramref name="mode"/>,
    /// fsync, rename, fsync of the directory. The file stays owned by the agent's own user. On
    /// failure the temp file is removed and the old file is untouched.
    /// </summary>
    internal static void ReplaceStreamed(string target, UnixFileMode mode, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(target) ?? throw new IOException($"'{target}' has no directory");
        var temp = Path.Combine(directory, StagingName(Path.GetFileName(target), ".tmp"));
        try
        {
            using (var stream = new FileStream(temp, UnixFiles.Options(FileMode.CreateNew, FileAccess.Write, PrivateMode)))
            {
                UnixFiles.SetMode(stream.SafeFileHandle, mode);
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            LibC.Rename(temp, target);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        LibC.FsyncDirectory(directory);
    }

    private void Replace(string target, string directory, string name, ReadOnlySpan<byte> contents, FileStatus? existing, AtomicWriteOptions options)
    {
        var mode = existing?.Mode ?? options.NewFileMode;
        var owner = existing?.Owner ?? options.NewFileOwner;
        // The rename installs a new inode: what the old one carried besides owner and mode (the
        // SELinux label that makes /etc/shadow shadow_t rather than etc_t, an ACL) is copied onto it.
        var attributes = existing is null ? [] : ExtendedAttributes.Read(target);
        var temp = WriteTemp(directory, name, contents, mode, Ownership.Effective(owner, _fileSystem.IsRooted), attributes);
        try
        {
            // The backup is taken only once the new version is safely on disk, so a failed write leaves it alone.
            if (existing is not null && options.KeepBackup)
            {
                Backup(target, directory, name, existing.Value.Mode, Ownership.Effective(existing.Value.Owner, _fileSystem.IsRooted), attributes);
            }

            LibC.Rename(temp, target);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Creates, fills and syncs a fresh temp file that already has the final owner, mode and extended attributes.</summary>
    private static string WriteTemp(string directory, string name, ReadOnlySpan<byte> contents, UnixFileMode mode, FileOwner? owner, IReadOnlyList<ExtendedAttribute> attributes)
    {
        var temp = Path.Combine(directory, StagingName(name, ".tmp"));
        // CreateNew is O_CREAT|O_EXCL: it fails on any existing entry, a symbolic link included.
        var streamOptions = UnixFiles.Options(FileMode.CreateNew, FileAccess.Write, PrivateMode);
        try
        {
            using var stream = new FileStream(temp, streamOptions);
            SetOwnerAndMode(stream.SafeFileHandle, temp, mode, owner);
            // After the mode: an ACL's mask then sets the group bits exactly as they were on the old file.
            ExtendedAttributes.Write(stream.SafeFileHandle, attributes, Path.Combine(directory, name));
            stream.Write(contents);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return temp;
    }

    private static void SetOwnerAndMode(SafeFileHandle handle, string pathForErrors, UnixFileMode mode, FileOwner? owner)
    {
        // Ownership first: chown clears setuid/setgid bits, so the mode must come after it.
        if (owner is { } o && !Ownership.IsOwn(o))
        {
            LibC.FChown((int)handle.DangerousGetHandle(), o.UserId, o.GroupId, pathForErrors);
        }

        UnixFiles.SetMode(handle, mode);
    }

    /// <summary>Keeps the current version as <c>name.bak</c>, replacing an older backup atomically.</summary>
    private static void Backup(string target, string directory, string name, UnixFileMode mode, FileOwner? owner, IReadOnlyList<ExtendedAttribute> attributes)
    {
        var backup = Path.Combine(directory, name + ".bak");
        var staging = Path.Combine(directory, StagingName(name, ".bak.tmp"));
        // A hard link keeps the old inode (contents, owner, mode) alive after the rename replaces the target.
        if (!LibC.TryLink(target, staging))
        {
            staging = WriteTemp(directory, name + ".bak", ReadNoFollow(target), mode, owner, attributes);
        }

        try
        {
            LibC.Rename(staging, backup);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    /// <summary>
    /// A hidden, unique name beside <paramref name="name"/>: <c>.name.&lt;12 hex&gt;suffix</c>. A long
    /// name is shortened (whole characters) so the staging name still fits the 255 bytes a file
    /// name may have, or a file whose own name fits could never be written.
    /// </summary>
    private static string StagingName(string name, string suffix)
    {
        var unique = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var room = MaxNameBytes - ".".Length - ".".Length - unique.Length - suffix.Length;
        var kept = 0;
        var bytes = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > room)
            {
                break;
            }

            kept += rune.Utf16SequenceLength;
        }

        return $".{name[..kept]}.{unique}{suffix}";
    }

    private static bool SameContents(string target, ReadOnlySpan<byte> contents)
    {
        var current = ReadNoFollow(target);
        return current.AsSpan().SequenceEqual(contents);
    }

    private static byte[] ReadNoFollow(string target)
    {
        if (RootedFileSystem.StatusOf(target)?.Kind != FileKind.File)
        {
            throw new IOException($"'{target}' is not a regular file");
        }

        return File.ReadAllBytes(target);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
