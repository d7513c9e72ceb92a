using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

public sealed partial class AtomicFileWriter
{
    /// <summary>
    /// The backup a commit replaces, kept reachable until the commit's own rename is done. The
    /// backup is taken first (a caller that rolls back needs it the moment the file is replaced),
    /// so when that last rename fails (an immutable or append-only target refuses it with
    /// <c>EPERM</c>) the write is answered as not done: the backup must then be what it was, not a
    /// copy of the untouched file in place of an older version that is gone for good.
    /// </summary>
    internal readonly record struct PreviousBackup(string Backup, string? Kept, bool Existed)
    {
        /// <summary>
        /// Hard-links the current backup, if any, to a hidden staging name (one a sweep of a killed
        /// write's leftovers recognises). A backup that cannot be linked (a directory in its place,
        /// no hard links on the file system, removed since it was looked at) is not kept, as before:
        /// the commit still replaces it.
        /// </summary>
        /// <remarks>
        /// Nor is a setuid, setgid or capability-carrying backup (one written before the writer dropped
        /// those bits and made such a backup a copy): the hidden name would grant nothing the backup
        /// does not (the same inode in the same directory), but an agent killed before
        /// <see cref="Discard"/> would leave it as the last name of that privileged old program once
        /// the commit replaced the backup, where nobody looks, until a later write of the same file
        /// sweeps it. Not kept, a refused final rename leaves the backup a plain copy of the untouched
        /// file instead of the old program.
        /// </remarks>
        public static PreviousBackup Keep(SafeFileHandle directory, string name, string backup, string path)
        {
            var errno = LibCAt.TryOpenAt(directory, backup, OpenFlags.PathOnly | OpenFlags.NoFollow, 0, out var looked);
            if (errno != 0)
            {
                return errno is LibC.ENoEnt or LibC.ENotDir ? new PreviousBackup(backup, null, Existed: false) : throw LibC.Failure("open", path, errno);
            }

            using (looked!)
            {
                return Keep(directory, name, backup, looked!, path);
            }
        }

        /// <summary>
        /// Keeps the backup <paramref name="looked"/> (an <c>O_PATH|O_NOFOLLOW</c> descriptor of it)
        /// refers to: the checks and the link are of that one inode, never of what the name holds by
        /// then. A status read by name and then a link by name could check one file and link another
        /// renamed over the backup in between (by whoever can write the directory): a setuid program
        /// given a hidden name, or a backup other than the one checked.
        /// </summary>
        internal static PreviousBackup Keep(SafeFileHandle directory, string name, string backup, SafeFileHandle looked, string path)
        {
            var kept = SiblingNames.Staging(name, ".bak.tmp");
            var keep = !IsPrivileged(looked, RootedFileSystem.ToStatus(LibCAt.StatusOf(looked, path)), path) && LibCAt.TryLinkOf(looked, directory, kept, path);
            return new PreviousBackup(backup, keep ? kept : null, Existed: true);
        }

        /// <summary>
        /// Whether the backup is setuid, setgid or a regular file with file capabilities; one that
        /// cannot be opened or whose attribute names cannot be listed counts as privileged.
        /// </summary>
        /// <remarks>
        /// Why privileged, of the three answers: not keeping the backup costs only the backup itself,
        /// and only should the final rename be refused; counting it plain could give a
        /// capability-carrying old program a hidden name; failing the write would let a file the
        /// write is about to replace anyway block every write of its target.
        /// </remarks>
        private static bool IsPrivileged(SafeFileHandle looked, FileStatus status, string path)
        {
            if ((status.Mode & SetIdBits) != 0)
            {
                return true;
            }

            if (status.Kind != FileKind.File)
            {
                return false;
            }

            // The inode looked at, opened through its descriptor as FileInPlace does (a regular file: no FIFO to wait on,
            // no terminal to take over): never the name again.
            if (LibCAt.TryOpen(LibCAt.ViaDescriptor(looked), OpenFlags.ReadOnly | OpenFlags.NonBlocking, out var handle) != 0)
            {
                return true;
            }

            using (handle!)
            {
                try
                {
                    return ExtendedAttributes.HasCapabilities(handle!, path);
                }
                catch (IOException)
                {
                    return true;
                }
            }
        }

        /// <summary>Puts the backup back as it was before the commit began; best effort, the commit's own failure is what is reported.</summary>
        public void Restore(SafeFileHandle directory, string path)
        {
            if (Kept is { } kept)
            {
                try
                {
                    LibCAt.RenameAt(directory, kept, Backup, path);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Left under its staging name, which the next write's sweep removes.
                }

                // A rename between two links to one inode does nothing and leaves the source.
                LibCAt.TryUnlinkAt(directory, kept);
            }
            else if (!Existed)
            {
                LibCAt.TryUnlinkAt(directory, Backup);
            }
        }

        /// <summary>Drops the extra link once the commit is done.</summary>
        public void Discard(SafeFileHandle directory)
        {
            if (Kept is { } kept)
            {
                LibCAt.TryUnlinkAt(directory, kept);
            }
        }
    }
}
