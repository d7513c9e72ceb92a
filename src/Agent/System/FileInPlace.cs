using System.Security.Cryptography;
using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

/// <summary>What one open of the entry a write replaces found there.</summary>
internal enum FoundInPlace
{
    /// <summary>No entry (<c>ENOENT</c>, or <c>ENOTDIR</c>: a directory of the path is not one, as <see cref="IFileSystem.GetStatus"/> answers it).</summary>
    Nothing,

    /// <summary>A symbolic link (the link itself, looked at with <c>O_PATH|O_NOFOLLOW</c>, or <c>ELOOP</c>); not followed, its target read only when asked (<see cref="FileInPlace.ReadLinkTarget"/>).</summary>
    Link,

    /// <summary>A socket, FIFO, directory or device (or <c>ENXIO</c>), looked at and never opened: nothing a regular file carries.</summary>
    NotRegular,

    /// <summary>A regular file, open for reading (<see cref="FileInPlace.Handle"/>).</summary>
    Regular,
}

/// <summary>
/// The entry at the path a write replaces, found by looking at it without opening it
/// (<c>O_PATH|O_NOFOLLOW</c>: no device driver's <c>open</c> runs, no FIFO is opened, a link is the
/// link itself) and reading the status of that descriptor; a regular file is then opened for reading
/// through <c>/proc/self/fd/N</c>, which names exactly the inode looked at, never the path again: the
/// one rule of the atomic writer and of <see cref="AtomicFileWriter.ReplaceStreamed"/>. A status read
/// by name before an open by name would leave a gap in which a file removed, or swapped for a link,
/// FIFO or socket, failed the whole write; here what the one look meets decides, and a regular
/// file's owner, mode, attributes and contents are all read through the one file it found. Any
/// other failure to look or open fails the write.
/// </summary>
/// <remarks>
/// Linux has no other way to make an <c>O_PATH</c> descriptor a readable one for an unprivileged
/// process (<c>openat</c> takes no <c>AT_EMPTY_PATH</c>; <c>open_by_handle_at</c> needs
/// <c>CAP_DAC_READ_SEARCH</c>). So without <c>/proc</c> (a chroot or container that does not mount
/// it), a regular file is not replaced and the error says why; a new file is still written (the
/// stale-file sweep, which lists the directory through <c>/proc/self/fd</c> too, then sweeps nothing).
/// </remarks>
internal sealed class FileInPlace : IDisposable
{
    private readonly SafeFileHandle? _looked;
    private readonly SafeFileHandle? _handle;

    private FileInPlace(FoundInPlace found, SafeFileHandle? looked = null, FileStatus? lookedStatus = null, SafeFileHandle? handle = null)
    {
        Kind = found;
        _looked = looked;
        LookedStatus = lookedStatus;
        _handle = handle;
    }

    /// <summary>What the open met.</summary>
    public FoundInPlace Kind { get; }

    /// <summary>The regular file's status; <c>null</c> for anything else.</summary>
    public FileStatus? Status => Kind == FoundInPlace.Regular ? LookedStatus : null;

    /// <summary>
    /// The status of whatever the look found (a link, FIFO or directory too); <c>null</c> when nothing
    /// was there, or the look failed with <c>ELOOP</c> or <c>ENXIO</c> and so found no entry to look at.
    /// </summary>
    public FileStatus? LookedStatus { get; }

    /// <summary>The regular file, open for reading.</summary>
    /// <exception cref="InvalidOperationException">No regular file was found.</exception>
    public SafeFileHandle Handle => _handle ?? throw new InvalidOperationException("No regular file was found");

    /// <summary>Looks at the entry <paramref name="name"/> of <paramref name="directory"/>.</summary>
    public static FileInPlace Open(SafeFileHandle directory, string name, string pathForErrors) =>
        Found(LibCAt.TryOpenAt(directory, name, LookOnly, 0, out var handle), handle, pathForErrors);

    /// <summary>Looks at the host path <paramref name="path"/> (the agent's own files, whose directories are configuration).</summary>
    public static FileInPlace Open(string path) =>
        Found(LibCAt.TryOpen(path, LookOnly, out var handle), handle, path);

    /// <summary>
    /// The target of the link looked at, exactly as stored: read from the look's descriptor
    /// (<c>readlinkat(fd, "")</c>), so it is the target of the very link whose kind was found, not of
    /// one put at the path since.
    /// </summary>
    /// <exception cref="InvalidOperationException">No link was found.</exception>
    /// <exception cref="IOException">The look met a loop of links (<c>ELOOP</c>), which has no one target, or the target could not be read.</exception>
    public string ReadLinkTarget(string pathForErrors) =>
        Kind != FoundInPlace.Link ? throw new InvalidOperationException("No symbolic link was found")
        : _looked is { } looked ? LibCAt.ReadLinkOf(looked, pathForErrors)
        : throw LibC.Failure("readlink", pathForErrors, LibC.ELoop);

    /// <summary><c>O_PATH|O_NOFOLLOW</c>: a descriptor to look at what is there, opening nothing.</summary>
    private static int LookOnly => OpenFlags.PathOnly | OpenFlags.NoFollow;

    private static FileInPlace Found(int errno, SafeFileHandle? looked, string path)
    {
        if (errno != 0)
        {
            // O_PATH meets a link or a socket as itself; ELOOP and ENXIO are still read as the same
            // answers (a link in a host path's loop, a kernel or filter answering as a read-open would).
            return new FileInPlace(
                errno is LibC.ENoEnt or LibC.ENotDir ? FoundInPlace.Nothing
                : errno == LibC.ELoop ? FoundInPlace.Link
                : errno == LibC.ENxIo ? FoundInPlace.NotRegular
                : throw LibC.Failure("open", path, errno));
        }

        try
        {
            // The look's descriptor is kept until disposed: a link's target is read from it.
            var status = RootedFileSystem.ToStatus(LibCAt.StatusOf(looked!, path));
            if (status.Kind != FileKind.File)
            {
                return new FileInPlace(status.Kind == FileKind.SymbolicLink ? FoundInPlace.Link : FoundInPlace.NotRegular, looked, status);
            }

            // The inode looked at, opened for reading through its descriptor, whose magic link is followed
            // (no O_NOFOLLOW); O_NONBLOCK so that nothing here could ever wait on a FIFO.
            var reopened = LibCAt.TryOpen(
                LibCAt.ViaDescriptor(looked!),
                OpenFlags.ReadOnly | OpenFlags.NonBlocking,
                out var handle);
            return reopened switch
            {
                0 => new FileInPlace(FoundInPlace.Regular, looked, status, handle),

                // The inode is held open, so its /proc/self/fd entry is missing only when /proc is: said
                // so, where "No such file or directory" would name a file that is there.
                LibC.ENoEnt => throw LibCAt.ProcNotMounted("open", path),
                _ => throw LibC.Failure("open", path, reopened),
            };
        }
        catch
        {
            looked!.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The regular file's contents to its end, however long it is by now: written to since its status
    /// was read, it may have grown or shrunk. Read into an array of the status's size, which is the
    /// answer while the size holds; any other array is zeroed once copied, as callers zero the answer
    /// (<c>up2date</c> may hold a proxy password).
    /// </summary>
    /// <exception cref="IOException">The file is longer than an array holds, or could not be read.</exception>
    public byte[] ReadToEnd(string pathForErrors)
    {
        var contents = new byte[Status!.Value.Size <= Array.MaxLength ? Status.Value.Size : throw TooLong(pathForErrors)];
        var length = 0;
        while (true)
        {
            if (length == contents.Length)
            {
                // Full: one byte more tells whether the file went on growing.
                var next = new byte[1];
                if (RandomAccess.Read(Handle, next, length) == 0)
                {
                    return contents;
                }

                contents = Copied(contents, length == Array.MaxLength ? throw TooLong(pathForErrors) : (int)Math.Min(Math.Max(2L * length, 4096), Array.MaxLength));
                contents[length++] = next[0];
                next[0] = 0;
                continue;
            }

            var read = RandomAccess.Read(Handle, contents.AsSpan(length), length);
            if (read == 0)
            {
                // Shorter than the array: the answer is its start.
                return Copied(contents, length);
            }

            length += read;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _handle?.Dispose();
        _looked?.Dispose();
    }

    /// <summary>The start of <paramref name="array"/> in a new array of <paramref name="length"/> bytes; <paramref name="array"/> zeroed.</summary>
    private static byte[] Copied(byte[] array, int length)
    {
        var copy = new byte[length];
        array.AsSpan(0, Math.Min(length, array.Length)).CopyTo(copy);
        CryptographicOperations.ZeroMemory(array);
        return copy;
    }

    private static IOException TooLong(string path) => new($"'{path}' is too long to read into memory");
}
