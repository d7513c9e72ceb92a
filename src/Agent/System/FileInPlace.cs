using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

/// <summary>What one open of the entry a write replaces found there.</summary>
internal enum FoundInPlace
{
    /// <summary>No entry (<c>ENOENT</c>).</summary>
    Nothing,

    /// <summary>A symbolic link (<c>ELOOP</c>, <c>O_NOFOLLOW</c>'s refusal to follow one at the last component); not followed, not read.</summary>
    Link,

    /// <summary>A socket (<c>ENXIO</c>), or an opened FIFO, directory or device: nothing a regular file carries.</summary>
    NotRegular,

    /// <summary>A regular file, open for reading (<see cref="FileInPlace.Handle"/>).</summary>
    Regular,
}

/// <summary>
/// The entry at the path a write replaces, found by opening it (<see cref="OpenFlags.ReadInPlace"/>)
/// and then reading the status of what was opened: the one rule of the atomic writer and of
/// <see cref="AtomicFileWriter.ReplaceStreamed"/>. A status read before the open would leave a gap in
/// which a file removed, or swapped for a link, FIFO or socket, failed the whole write; here what the
/// open meets decides, and a regular file's owner, mode, attributes and contents are all read
/// through the one descriptor. Any other failure to open fails the write.
/// </summary>
internal sealed class FileInPlace : IDisposable
{
    private readonly SafeFileHandle? _handle;

    private FileInPlace(FoundInPlace found, SafeFileHandle? handle = null, FileStatus? status = null)
    {
        Kind = found;
        _handle = handle;
        Status = status;
    }

    /// <summary>What the open met.</summary>
    public FoundInPlace Kind { get; }

    /// <summary>The regular file's status; <c>null</c> for anything else.</summary>
    public FileStatus? Status { get; }

    /// <summary>The regular file, open for reading.</summary>
    /// <exception cref="InvalidOperationException">No regular file was found.</exception>
    public SafeFileHandle Handle => _handle ?? throw new InvalidOperationException("No regular file was found");

    /// <summary>Opens the entry <paramref name="name"/> of <paramref name="directory"/>.</summary>
    public static FileInPlace Open(SafeFileHandle directory, string name, string pathForErrors) =>
        Found(LibCAt.TryOpenAt(directory, name, OpenFlags.ReadInPlace, 0, out var handle), handle, pathForErrors);

    /// <summary>Opens the host path <paramref name="path"/> (the agent's own files, whose directories are configuration).</summary>
    public static FileInPlace Open(string path) =>
        Found(LibCAt.TryOpen(path, OpenFlags.ReadInPlace, out var handle), handle, path);

    private static FileInPlace Found(int errno, SafeFileHandle? handle, string path)
    {
        if (errno != 0)
        {
            return new FileInPlace(
                errno == LibC.ENoEnt ? FoundInPlace.Nothing
                : errno == LibC.ELoop ? FoundInPlace.Link
                : errno == LibC.ENxIo ? FoundInPlace.NotRegular
                : throw LibC.Failure("open", path, errno));
        }

        try
        {
            var status = RootedFileSystem.ToStatus(LibCAt.StatusOf(handle!, path));
            if (status.Kind == FileKind.File)
            {
                return new FileInPlace(FoundInPlace.Regular, handle, status);
            }
        }
        catch
        {
            handle!.Dispose();
            throw;
        }

        handle!.Dispose();
        return new FileInPlace(FoundInPlace.NotRegular);
    }

    /// <inheritdoc />
    public void Dispose() => _handle?.Dispose();
}
