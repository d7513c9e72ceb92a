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
    public static List<byte[]> Read(string directory) => TryRead(directory) ?? [];

    /// <summary>As <see cref="Read"/>, but <c>null</c> when the directory is gone (<c>ENOENT</c>, <c>ENOTDIR</c>): for a path that must be there (<c>/proc/self/fd/N</c> of a held directory, gone only without <c>/proc</c>).</summary>
    /// <exception cref="IOException">The directory could not be opened (but for being gone) or read.</exception>
    public static List<byte[]>? TryRead(string directory)
    {
        var stream = Syscalls.OpenDir(LibC.Utf8(directory));
        if (stream == 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is LibC.ENoEnt or LibC.ENotDir ? null : throw LibC.Failure("opendir", directory, errno);
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

    /// <summary>
    /// A name for a message, as <see cref="EscapedText.ForLog"/> shows it: text kept readable (<c>café</c>), each byte
    /// that is not UTF-8 or not printable, and <c>%</c> itself, as <c>%</c> and two hex digits, <c>caf%E9</c>, which names
    /// that file and no other (decoded, it would hold <c>U+FFFD</c> in place of each such byte).
    /// </summary>
    public static string Shown(byte[] name) => EscapedText.ForLog(name);

    private static unsafe byte[] NameOf(nint entry) =>
        MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)(entry + NameOffset)).ToArray();
}
