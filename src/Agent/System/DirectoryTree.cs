using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

/// <summary>
/// Removes an entry and, when it is a directory, everything in it, entirely through descriptors:
/// each directory is opened relative to its parent with <c>O_NOFOLLOW|O_DIRECTORY</c> and held, and
/// its entries are removed with <c>unlinkat</c> relative to it. A symbolic link is removed itself,
/// never followed, and swapping a directory for a link halfway through cannot lead the removal out
/// of the tree it started in.
/// </summary>
internal static class DirectoryTree
{
    /// <summary>How often an entry that changed kind under the removal (a directory swapped for a link) is looked at again.</summary>
    private const int MaxAttempts = 8;

    /// <summary>Removes <paramref name="name"/> in <paramref name="parent"/>; returns whether anything was there.</summary>
    /// <param name="parent">The directory holding the entry.</param>
    /// <param name="name">A single component.</param>
    /// <param name="pathForErrors">The entry's agent path, for error messages.</param>
    /// <exception cref="IOException">Something in the tree could not be removed; what could be is gone.</exception>
    public static bool Remove(SafeFileHandle parent, string name, string pathForErrors)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // unlink removes anything but a directory, a link included (never its target).
            var errno = LibCAt.UnlinkAt(parent, name);
            switch (errno)
            {
                case 0:
                    return true;
                case LibC.ENoEnt:
                    return false;
                case LibC.EIsDir:
                    break;
                default:
                    throw LibC.Failure("unlink", pathForErrors, errno);
            }

            errno = LibCAt.TryOpenAt(parent, name, OpenFlags.ReadOnly | OpenFlags.Directory | OpenFlags.NoFollow, 0, out var opened);
            if (errno is LibC.ELoop or LibC.ENotDir or LibC.ENoEnt)
            {
                // Replaced by a link or a file (or gone) since the unlink: look again.
                continue;
            }

            if (errno != 0)
            {
                throw LibC.Failure("open", pathForErrors, errno);
            }

            using (opened!)
            {
                foreach (var entry in Entries(opened!, pathForErrors))
                {
                    Remove(opened!, entry, pathForErrors + "/" + entry);
                }
            }

            errno = LibCAt.UnlinkAt(parent, name, directory: true);
            if (errno is 0 or LibC.ENoEnt)
            {
                return true;
            }

            throw LibC.Failure("rmdir", pathForErrors, errno);
        }

        throw new IOException($"'{pathForErrors}' kept changing while it was being removed");
    }

    /// <summary>
    /// The names in the directory <paramref name="directory"/> refers to. Listed through
    /// <c>/proc/self/fd</c>, which the kernel resolves to exactly the open directory (never by
    /// looking its path up again), so .NET's own enumeration can read it.
    /// </summary>
    private static List<string> Entries(SafeFileHandle directory, string pathForErrors)
    {
        var viaDescriptor = LibCAt.ViaDescriptor(directory);
        try
        {
            return [.. Directory.EnumerateFileSystemEntries(viaDescriptor).Select(entry => entry[(viaDescriptor.Length + 1)..])];
        }
        catch (DirectoryNotFoundException)
        {
            throw LibCAt.ProcNotMounted("list", pathForErrors);
        }
    }
}
