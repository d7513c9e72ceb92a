using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

public sealed partial class AtomicFileWriter
{
    private static bool SameContents(SafeFileHandle directory, string name, string path, Contents contents) =>
        contents.Stream is { } stream ? SameContents(directory, name, path, stream) : SameContents(directory, name, path, contents.Bytes);

    /// <summary>Compares the file with the rest of a seekable stream through two pooled buffers, then puts the stream back.</summary>
    private static bool SameContents(SafeFileHandle directory, string name, string path, Stream contents)
    {
        var start = contents.Position;
        using var handle = OpenExisting(directory, name, path);
        if (RandomAccess.GetLength(handle) != contents.Length - start)
        {
            return false;
        }

        var mine = ArrayPool<byte>.Shared.Rent(BoundedFileCopy.BufferBytes);
        var theirs = ArrayPool<byte>.Shared.Rent(BoundedFileCopy.BufferBytes);
        try
        {
            long offset = 0;
            int read;
            while ((read = contents.Read(mine, 0, BoundedFileCopy.BufferBytes)) > 0)
            {
                var filled = 0;
                while (filled < read)
                {
                    var count = RandomAccess.Read(handle, theirs.AsSpan(filled, read - filled), offset + filled);
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
            return RandomAccess.GetLength(handle) == offset;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(mine, clearArray: true);
            ArrayPool<byte>.Shared.Return(theirs, clearArray: true);
            contents.Position = start;
        }
    }
}
