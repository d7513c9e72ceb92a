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
    /// replaced file's extended attributes (<see cref="KeepAttributes"/>), fsync,
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
                KeepAttributes(target, stream.SafeFileHandle);
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
    /// Gives <paramref name="temp"/> the extended attributes of the regular file at <paramref name="target"/>
    /// it will replace, as a rewrite through the writer does (<see cref="ExtendedAttributes.Read"/>:
    /// the SELinux label, the access ACL, <c>user.*</c> and <c>trusted.*</c>; not file capabilities or
    /// IMA/EVM values, which describe the old contents), and removes the access ACL a default ACL on the
    /// directory gave the temp file when the replaced one had none. Before the mode is set, which then
    /// makes a copied ACL's mask the mode's group bits.
    /// </summary>
    /// <remarks>
    /// What is at the target is found by opening it (<see cref="FileInPlace"/>): no file is a new
    /// file, which keeps the inherited ACL as a new file through the writer does; a link is not read,
    /// since the rename replaces the link itself, never its target, and so is a new file too; a
    /// socket or any other thing that is not a regular file has nothing to keep.
    /// </remarks>
    private static void KeepAttributes(string target, SafeFileHandle temp)
    {
        IReadOnlyList<ExtendedAttribute> attributes;
        using (var old = FileInPlace.Open(target))
        {
            if (old.Kind != FoundInPlace.Regular)
            {
                return;
            }

            attributes = ExtendedAttributes.Read(old.Handle, target, out _);
        }

        // The replaced file's ACL, if it has one, replaces the inherited one whole (or is already it); if not, none is left.
        if (!ExtendedAttributes.HasAccessAcl(attributes))
        {
            ExtendedAttributes.RemoveAccessAcl(temp, target);
        }

        ExtendedAttributes.Write(temp, attributes, target);
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
