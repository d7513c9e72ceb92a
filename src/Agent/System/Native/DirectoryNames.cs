using System.Runtime.InteropServices;

namespace GuestAgent.Platform.Native;

/// <summary>
/// A directory's names as the kernel stores them: bytes, which .NET's own enumeration decodes as UTF-8,
/// turning each byte that is not UTF-8 into <c>U+FFFD</c>, a name no path string can give back
/// (<c>caf\xE9.network</c> listed as <c>caf�.network</c>, which names no file). Programs the agent stands in
/// for, systemd-networkd and NetworkManager among them, read such a name like any other.
/// </summary>
internal static class DirectoryNames
{
    /// <summary>
    /// <c>d_name</c>'s offset in <c>struct dirent</c> on 64-bit Linux, glibc and musl alike: after
    /// <c>d_ino</c> and <c>d_off</c> (8 bytes each), <c>d_reclen</c> (2) and <c>d_type</c> (1).
    /// </summary>
    private const int NameOffset = 19;

    /// <summary>Every name in the directory at the host path <paramref name="directory"/> but <c>.</c> and <c>..</c>, in the directory's order; empty when it is gone.</summary>
    /// <exception cref="IOException">The directory could not be opened (but for being gone) or read.</exception>
    public static List<byte[]> Read(string directory)
    {
        var stream = Syscalls.OpenDir(LibC.Utf8(directory));
        if (stream == 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is LibC.ENoEnt or LibC.ENotDir ? [] : throw LibC.Failure("opendir", directory, errno);
        }

        try
        {
            var names = new List<byte[]>();
            while (true)
            {
                // readdir answers null at the end and on an error; only an error sets errno (cleared before the call).
                var entry = Syscalls.ReadDir(stream);
                if (entry == 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    return errno == 0 ? names : throw LibC.Failure("readdir", directory, errno);
                }

                var name = NameOf(entry);
                if (name is not [(byte)'.'] and not [(byte)'.', (byte)'.'])
                {
                    names.Add(name);
                }
            }
        }
        finally
        {
            _ = Syscalls.CloseDir(stream);
        }
    }

    private static unsafe byte[] NameOf(nint entry) =>
        MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)(entry + NameOffset)).ToArray();
}
