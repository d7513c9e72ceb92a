using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

/// <summary>The advisory lock conventions <see cref="FileLock"/> can take part in.</summary>
public enum FileLockKind
{
    /// <summary>
    /// A POSIX (<c>fcntl</c>) write lock over the whole of a lock file, which is created 0600 when
    /// missing and left in place: glibc's <c>lckpwdf</c> on <c>/etc/.pwd.lock</c>, taken by
    /// shadow-utils (<c>useradd</c>, <c>chpasswd</c>, <c>usermod</c>, <c>passwd</c>), PAM and systemd-sysusers.
    /// </summary>
    Record,

    /// <summary>
    /// An exclusive BSD <c>flock</c> on an existing file, opened read-only: FreeBSD's <c>pw_lock</c>
    /// on <c>/etc/master.passwd</c>, taken by <c>pw</c>, <c>vipw</c>, <c>chpass</c> and <c>passwd</c>.
    /// </summary>
    Flock,

    /// <summary>
    /// An exclusive BSD <c>flock</c> on a lock file of the agent's own, created 0600 when missing and
    /// left in place. It belongs to the open file description, so it also excludes a second open of
    /// the file by this same process (two commands at once), not only other processes.
    /// </summary>
    OwnFlock,
}

/// <summary>
/// An advisory lock held on a file until disposed. Taken without blocking and retried, so waiting
/// honours a timeout and a <see cref="CancellationToken"/>; released on dispose (unlocked, then the
/// descriptor closed: so a program being started meanwhile, which holds a copy of the descriptor
/// until its exec, does not keep it), and when the process dies.
/// </summary>
public sealed class FileLock : IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMilliseconds(100);
    private readonly SafeFileHandle _handle;
    private readonly FileLockKind _kind;

    private FileLock(SafeFileHandle handle, FileLockKind kind, string hostPath)
    {
        _handle = handle;
        _kind = kind;
        HostPath = hostPath;
    }

    /// <summary>The locked file's path on the host.</summary>
    public string HostPath { get; }

    /// <summary>Takes the lock if no one else holds a conflicting one; otherwise returns <c>null</c> at once.</summary>
    /// <param name="fileSystem">Resolves <paramref name="path"/> under the agent's root (<see cref="IFileSystem.HostPath"/>).</param>
    /// <param name="path">The agent path of the file to lock.</param>
    /// <param name="kind">Which programs' convention to follow.</param>
    /// <exception cref="IOException">The file cannot be opened (missing for <see cref="FileLockKind.Flock"/>, a symbolic link) or locked.</exception>
    public static FileLock? TryAcquire(IFileSystem fileSystem, string path, FileLockKind kind)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        // Opened by name: in root mode through the directories the file system's own methods reach (links
        // under the root), never the host's, and the lock file itself as it is (a link there is refused).
        var hostPath = fileSystem.HostPath(path, followFinalLink: false);
        while (true)
        {
            var handle = FileLocks.Open(hostPath, write: kind == FileLockKind.Record, create: kind != FileLockKind.Flock);
            var locked = false;
            try
            {
                locked = kind == FileLockKind.Record
                    ? FileLocks.TryLockWholeFile(handle, hostPath)
                    : FileLocks.TryFlockExclusive(handle, hostPath);
                if (!locked)
                {
                    handle.Dispose();
                    return null;
                }

                // pw_lock's check: a holder that renamed a new version into place (or removed the file)
                // while we waited released a file that is no longer the one at the path; lock the new one instead.
                if (kind != FileLockKind.Record && LibC.LinkCount(handle, hostPath) == 0)
                {
                    Release(handle, kind);
                    continue;
                }

                return new FileLock(handle, kind, hostPath);
            }
            catch
            {
                if (locked)
                {
                    Release(handle, kind);
                }
                else
                {
                    handle.Dispose();
                }

                throw;
            }
        }
    }

    /// <summary>Takes the lock, retrying while another program holds it, for at most <paramref name="timeout"/>.</summary>
    /// <param name="fileSystem">Resolves <paramref name="path"/> under the agent's root (<see cref="IFileSystem.HostPath"/>).</param>
    /// <param name="path">The agent path of the file to lock.</param>
    /// <param name="kind">Which programs' convention to follow.</param>
    /// <param name="timeout">How long to wait for the current holder; glibc's <c>lckpwdf</c> waits 15 seconds. <see cref="Timeout.InfiniteTimeSpan"/> waits until it lets go or <paramref name="cancellationToken"/> is cancelled.</param>
    /// <param name="time">The clock the timeout and retries run on.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">Another program still held the lock after <paramref name="timeout"/>.</exception>
    /// <exception cref="IOException">The file cannot be opened or locked.</exception>
    public static async Task<FileLock> AcquireAsync(IFileSystem fileSystem, string path, FileLockKind kind, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        }

        using var expiry = new CancellationTokenSource(timeout, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(expiry.Token, cancellationToken);
        var retry = FirstRetry;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryAcquire(fileSystem, path, kind) is { } acquired)
            {
                return acquired;
            }

            try
            {
                await Task.Delay(retry, time, waiting.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One last try, so a holder that let go just as the time ran out is not reported as holding it.
                return TryAcquire(fileSystem, path, kind) ?? throw new TimeoutException($"'{path}' is still locked by another program after {timeout.TotalSeconds:0.#} s");
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
        }
    }

    /// <summary>
    /// The locked file's contents, read through the lock's own descriptor. Needed for a
    /// <see cref="FileLockKind.Flock"/> lock: .NET's own readers take a shared <c>flock</c> on the
    /// file they open, which the exclusive lock held here would refuse. (A <see cref="FileLockKind.Record"/>
    /// lock file is opened write-only and has nothing to read.)
    /// </summary>
    public byte[] ReadAllBytes()
    {
        var length = RandomAccess.GetLength(_handle);
        var contents = new byte[length];
        var read = 0;
        while (read < contents.Length)
        {
            var count = RandomAccess.Read(_handle, contents.AsSpan(read), read);
            if (count == 0)
            {
                return contents[..read];
            }

            read += count;
        }

        return contents;
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        if (!_handle.IsClosed)
        {
            Release(_handle, _kind);
        }
    }

    /// <summary>
    /// Unlocks, then closes. Closing alone would leave the lock held for as long as a program
    /// another thread is starting keeps its copy of the descriptor (from its fork to its exec):
    /// long enough for this process's own next taker to find it "held by another program".
    /// </summary>
    private static void Release(SafeFileHandle handle, FileLockKind kind)
    {
        FileLocks.Unlock(handle, record: kind == FileLockKind.Record);
        handle.Dispose();
    }
}
