using GuestAgent.Platform.Native;

namespace GuestAgent.Platform;

public sealed partial class AtomicFileWriter
{
    /// <summary>
    /// The backup a commit takes of the file it replaces: its suffix, what the old file carried, and
    /// how it may be made (a hard link, else a copy of at most <see cref="MaxCopyBytes"/>; never a
    /// link when the old file is <see cref="Privileged"/>: setuid, setgid or with file capabilities).
    /// </summary>
    private readonly record struct BackupOf(string Suffix, UnixFileMode Mode, FileOwner? Owner, IReadOnlyList<ExtendedAttribute> Attributes, bool Privileged, bool HardLink, long MaxCopyBytes);

    /// <summary>
    /// A temp file written and synced beside its target, renamed over it by <see cref="Commit"/>. It
    /// holds the pinned directory until then, so the commit happens in the very directory that was
    /// checked, whatever is renamed on the way meanwhile.
    /// </summary>
    private sealed class StagedFile : IStagedFile
    {
        private readonly PinnedDirectory _directory;
        private readonly string _name;
        private readonly string _path;
        private readonly string _temp;
        private readonly BackupOf? _backup;
        private readonly FileInPlace? _replaced;
        private bool _done;

        // replaced: the file the stage looked at, which the backup is made of; disposed with this.
        public StagedFile(PinnedDirectory directory, string name, string path, string temp, string hostPath, BackupOf? backup, FileInPlace? replaced)
        {
            _directory = directory;
            _name = name;
            _path = path;
            _temp = temp;
            _backup = backup;
            _replaced = replaced;
            HostPath = hostPath;
        }

        /// <remarks>
        /// A path walked again, not the pinned descriptor: the kernel's own
        /// <c>/proc/self/fd/&lt;dir&gt;/&lt;temp&gt;</c> would name the checked directory, but an
        /// interpreted file run through it (a <c>#!</c> script, as a test's or a wrapper agent)
        /// hands that path to its interpreter, which opens it after <c>exec</c> has closed the
        /// descriptor (close-on-exec) and fails; and the path would show in logs and process lists
        /// instead of the file's name. It resolves to the staged file unless someone swaps a
        /// directory or link on the way between the stage and the run. With
        /// <see cref="DirectoryLinkPolicy.Refuse"/> or <see cref="DirectoryLinkPolicy.FollowTrusted"/>
        /// every link on the way was placed by root or the agent, so only whoever can write a
        /// directory on the target's path can redirect it, and that writer can already replace the
        /// target itself (for the agent binary, what the service manager runs as root): running this
        /// path gives no one more than the target's directory already does. The commit never
        /// depends on it: it renames through the pinned descriptor.
        /// </remarks>
        public string HostPath { get; }

        public void Commit()
        {
            ObjectDisposedException.ThrowIf(_done, this);
            _done = true;
            var directory = _directory.Handle;
            PreviousBackup? previous = null;
            try
            {
                // The backup is taken only once the new version is safely on disk (and checked), so a failed write leaves it alone.
                if (_backup is { } backup)
                {
                    previous = Backup(directory, _name, _path, backup, _replaced!);
                }

                LibCAt.RenameAt(directory, _temp, _name, _path);
            }
            catch
            {
                LibCAt.TryUnlinkAt(directory, _temp);
                // The file was not replaced (an immutable target, say): neither is its backup.
                previous?.Restore(directory, _path);
                _directory.RemoveCreated();
                _directory.Dispose();
                throw;
            }
            finally
            {
                _replaced?.Dispose();
            }

            previous?.Discard(directory);

            // From here on the file is replaced: a failure must not be reported as "nothing changed".
            try
            {
                LibCAt.Sync(directory, _path);
                _directory.SyncCreated();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new UnconfirmedWriteException(_path, exception);
            }
            finally
            {
                _directory.Dispose();
            }
        }

        public void Dispose()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            _replaced?.Dispose();
            LibCAt.TryUnlinkAt(_directory.Handle, _temp);
            _directory.RemoveCreated();
            _directory.Dispose();
        }
    }
}
