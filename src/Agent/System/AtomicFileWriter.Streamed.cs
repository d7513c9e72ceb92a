using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

public sealed partial class AtomicFileWriter
{
    /// <summary>
    /// Replaces the host file <paramref name="target"/> with what <paramref name="write"/> streams,
    /// for the agent's own files that are too large to build in memory at once: a fresh temp file
    /// created exclusively beside it (never through a planted link) with <paramref name="mode"/> less
    /// setuid and setgid (as every file the agent writes, <see cref="IAtomicFileWriter"/>) and the
    /// replaced file's access ACL (<see cref="KeepAccessAcl"/>), fsync,
    /// rename, fsync of the directory. The file stays owned by the agent's own user. On
    /// failure the temp file is removed and the old file is untouched; temp files of earlier writes
    /// that a killed process left are removed first (<see cref="StaleStagingFiles"/>).
    /// </summary>
    /// <exception cref="UnconfirmedWriteException">The file was replaced, but its directory could not be synced.</exception>
    internal static void ReplaceStreamed(string target, UnixFileMode mode, Action<Stream> write, DateTimeOffset? processStart = null, TimeProvider? clock = null)
    {
        var directory = Path.GetDirectoryName(target) ?? throw new IOException($"'{target}' has no directory");
        var staleBefore = StaleStagingFiles.Cutoff(processStart ?? StaleStagingFiles.ProcessStart, (clock ?? TimeProvider.System).GetUtcNow());
        StaleStagingFiles.Remove(directory, Path.GetFileName(target), staleBefore);
        var temp = Path.Combine(directory, SiblingNames.Staging(Path.GetFileName(target), ".tmp"));
        try
        {
            using (var stream = new FileStream(temp, UnixFiles.Options(FileMode.CreateNew, FileAccess.Write, PrivateMode)))
            {
                KeepAccessAcl(target, stream.SafeFileHandle);
                UnixFiles.SetMode(stream.SafeFileHandle, mode & ~SetIdBits);
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

        try
        {
            LibC.FsyncDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UnconfirmedWriteException(target, exception);
        }
    }

    /// <summary>
    /// Gives <paramref name="temp"/> the access ACL of the regular file at <paramref name="target"/> it
    /// will replace, or none when that file has none, as a rewrite through the writer does: not the one
    /// a default ACL on the directory gave the temp file. A file that did not exist (or a link the
    /// rename replaces) leaves it the inherited one, as a new file through the writer keeps it. Before
    /// the mode is set, which then makes the ACL's mask the mode's group bits.
    /// </summary>
    private static void KeepAccessAcl(string target, SafeFileHandle temp)
    {
        if (RootedFileSystem.StatusOf(target)?.Kind != FileKind.File)
        {
            return;
        }

        // O_NONBLOCK: should a FIFO have raced into place, opening it must not wait for a writer.
        byte[] acl;
        using (var old = LibCAt.Open(target, OpenFlags.ReadOnly | OpenFlags.NoFollow | OpenFlags.NonBlocking))
        {
            acl = ExtendedAttributes.ReadAccessAcl(old, target);
        }

        if (acl.Length == 0)
        {
            ExtendedAttributes.RemoveAccessAcl(temp, target);
        }
        else
        {
            ExtendedAttributes.Write(temp, [.. ExtendedAttributes.AccessAclAttribute(acl)], target);
        }
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
