using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

/// <summary>
/// Reads and copies file contents through one pooled buffer of fixed size, so that what a file costs
/// the agent in memory never depends on its size: a file a user controls may be huge, or sparse and
/// claim gigabytes it does not occupy on disk.
/// </summary>
internal static class BoundedFileCopy
{
    /// <summary>The buffer's size: large enough for few system calls, small enough that a 250 MiB binary costs no more memory than a 1 KiB file.</summary>
    public const int BufferBytes = 128 * 1024;

    /// <summary>Copies the rest of <paramref name="source"/> into <paramref name="destination"/> from its start.</summary>
    public static void Copy(Stream source, SafeFileHandle destination)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long offset = 0;
            int read;
            while ((read = source.Read(buffer, 0, BufferBytes)) > 0)
            {
                RandomAccess.Write(destination, buffer.AsSpan(0, read), offset);
                offset += read;
            }
        }
        finally
        {
            // Streamed contents need not be public either.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>
    /// Copies the whole file <paramref name="source"/> (a backup's: the only copy of a file the writer
    /// makes) into <paramref name="destination"/>, refusing one longer than <paramref name="limit"/>
    /// bytes, before the copy or, should it grow meanwhile, as soon as the copy passes the limit.
    /// </summary>
    /// <exception cref="BackupTooLargeException">The file is longer than <paramref name="limit"/> (HResult <c>EFBIG</c>); <paramref name="privileged"/> says why it was copied.</exception>
    public static void CopyFile(SafeFileHandle source, SafeFileHandle destination, long limit, string pathForErrors, bool privileged)
    {
        var length = RandomAccess.GetLength(source);
        if (length > limit)
        {
            throw new BackupTooLargeException(pathForErrors, length, limit, privileged);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(source, buffer.AsSpan(0, BufferBytes), offset)) > 0)
            {
                if (offset + read > limit)
                {
                    throw new BackupTooLargeException(pathForErrors, offset + read, limit, privileged);
                }

                RandomAccess.Write(destination, buffer.AsSpan(0, read), offset);
                offset += read;
            }
        }
        finally
        {
            // The previous version of a secret (an injected key, the shadow file) is a secret too.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>Whether the file holds exactly <paramref name="contents"/>; a file of another length is never read.</summary>
    public static bool SameContents(SafeFileHandle file, ReadOnlySpan<byte> contents)
    {
        if (RandomAccess.GetLength(file) != contents.Length)
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            var offset = 0;
            while (true)
            {
                // One byte more than is left: a file that grew since its length was read differs.
                var wanted = Math.Min(BufferBytes, contents.Length - offset + 1);
                var read = RandomAccess.Read(file, buffer.AsSpan(0, wanted), offset);
                if (read == 0)
                {
                    return offset == contents.Length;
                }

                if (read > contents.Length - offset || !buffer.AsSpan(0, read).SequenceEqual(contents.Slice(offset, read)))
                {
                    return false;
                }

                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>Whether the file holds exactly the rest of the seekable <paramref name="contents"/>, compared through two pooled buffers; the stream is put back where it was.</summary>
    public static bool SameContents(SafeFileHandle file, Stream contents)
    {
        var start = contents.Position;
        if (RandomAccess.GetLength(file) != contents.Length - start)
        {
            return false;
        }

        var mine = ArrayPool<byte>.Shared.Rent(BufferBytes);
        var theirs = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long offset = 0;
            int read;
            while ((read = contents.Read(mine, 0, BufferBytes)) > 0)
            {
                var filled = 0;
                while (filled < read)
                {
                    var count = RandomAccess.Read(file, theirs.AsSpan(filled, read - filled), offset + filled);
                    if (count == 0)
                    {
                        return false;
                    }

                    filled += count;
                }

                if (!mine.AsSpan(0, read).SequenceEqual(theirs.AsSpan(0, read)))
                {
                    return false;
                }

                offset += read;
            }

            // The file may have grown while it was read.
            return RandomAccess.GetLength(file) == offset;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(mine, clearArray: true);
            ArrayPool<byte>.Shared.Return(theirs, clearArray: true);
            contents.Position = start;
        }
    }
}
