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
    public static bool Remove(SafeFileHandle parent, string name, string pathForErrors) => Remove(parent, LibC.Utf8(name), pathForErrors);

    /// <summary>Removes the entry whose name is <paramref name="nameZ"/> (its NUL-terminated bytes, as listed: UTF-8 or not).</summary>
    private static bool Remove(SafeFileHandle parent, byte[] nameZ, string pathForErrors)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // unlink removes anything but a directory, a link included (never its target).
            var errno = LibCAt.UnlinkAtBytes(parent, nameZ);
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

            errno = LibCAt.TryOpenAtBytes(parent, nameZ, OpenFlags.ReadOnly | OpenFlags.Directory | OpenFlags.NoFollow, 0, out var opened);
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
                    Remove(opened!, [.. entry, 0], pathForErrors + "/" + DirectoryNames.Shown(entry));
                }
            }

            errno = LibCAt.UnlinkAtBytes(parent, nameZ, directory: true);
            if (errno is 0 or LibC.ENoEnt)
            {
                return true;
            }

            throw LibC.Failure("rmdir", pathForErrors, errno);
        }

        throw new IOException($"'{pathForErrors}' kept changing while it was being removed");
    }

    /// <summary>
    /// The names in the directory <paramref name="directory"/> refers to, as their bytes: one that is not UTF-8 (an archive's
    /// Latin-1 <c>caf\xE9</c>) decoded as .NET's enumeration decodes it, with <c>U+FFFD</c>, would name nothing to
    /// <c>unlinkat</c>, and the directory holding it could not be removed. Read through <c>/proc/self/fd</c>, which the kernel
    /// resolves to exactly the open directory (never by looking its path up again).
    /// </summary>
    private static List<byte[]> Entries(SafeFileHandle directory, string pathForErrors) =>
        DirectoryNames.TryRead(LibCAt.ViaDescriptor(directory)) ?? throw LibCAt.ProcNotMounted("list", pathForErrors);
}
