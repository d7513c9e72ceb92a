using System.Runtime.InteropServices;

namespace GuestAgent.Platform.Native;

/// <summary>
/// Every C library function the agent calls, declared once: the raw entry points behind
/// <see cref="LibC"/>, <see cref="LibCAt"/>, <see cref="FileLocks"/>, <see cref="ExtendedAttributes"/>,
/// the XenStore endpoint checks and listening sockets, the daemon's standard descriptors and streams, its start-up page release, its core-dump setting, and the stop signals an agent inherits ignored (<see cref="GuestAgent.Hosting.InheritedStopSignals"/>). Source-generated
/// (<c>LibraryImport</c>), so the marshalling is compiled in and NativeAOT-clean; only blittable
/// arguments (NUL-terminated UTF-8 byte arrays from <see cref="LibC.Utf8"/>, integers, buffers in
/// the 64-bit Linux layouts), and every call whose errno is read sets it
/// (<see cref="Marshal.GetLastPInvokeError"/>). The wrappers beside it give them meaning
/// (errno to exceptions, flags, layouts); nothing else calls these directly.
/// </summary>
/// <remarks>
/// <c>open</c> and <c>fcntl</c> are variadic in C. They are declared with their optional argument
/// always present, as glibc reads it: <c>open</c>'s mode only with <c>O_CREAT</c> (0 otherwise),
/// <c>fcntl</c>'s third argument per command.
/// </remarks>
internal static partial class Syscalls
{
    private const string Library = "libc";

    // Opening, closing, syncing.

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte[] path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(int directory, byte[] name, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    // Status: statx's layout is the same on every architecture, unlike struct stat's.

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true)]
    public static partial int Statx(int directory, byte[] path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport(Library, EntryPoint = "faccessat", SetLastError = true)]
    public static partial int FaccessAt(int directory, byte[] path, int mode, int flags);

    [LibraryImport(Library, EntryPoint = "statfs", SetLastError = true)]
    public static partial int Statfs(byte[] path, [Out] byte[] buffer);

    [LibraryImport(Library, EntryPoint = "fstatfs", SetLastError = true)]
    public static partial int Fstatfs(int fd, [Out] byte[] buffer);

    // Names: links, renames, removal, directories.

    [LibraryImport(Library, EntryPoint = "linkat", SetLastError = true)]
    public static partial int LinkAt(int fromDirectory, byte[] from, int toDirectory, byte[] to, int flags);

    [LibraryImport(Library, EntryPoint = "rename", SetLastError = true)]
    public static partial int Rename(byte[] from, byte[] to);

    [LibraryImport(Library, EntryPoint = "renameat", SetLastError = true)]
    public static partial int RenameAt(int fromDirectory, byte[] from, int toDirectory, byte[] to);

    [LibraryImport(Library, EntryPoint = "unlinkat", SetLastError = true)]
    public static partial int UnlinkAt(int directory, byte[] name, int flags);

    [LibraryImport(Library, EntryPoint = "mkdirat", SetLastError = true)]
    public static partial int MkdirAt(int directory, byte[] name, uint mode);

    [LibraryImport(Library, EntryPoint = "readlinkat", SetLastError = true)]
    public static partial nint ReadLinkAt(int directory, byte[] name, [Out] byte[] buffer, nuint size);

    // Ownership and mode.

    [LibraryImport(Library, EntryPoint = "fchown", SetLastError = true)]
    public static partial int Fchown(int fd, uint owner, uint group);

    [LibraryImport(Library, EntryPoint = "lchown", SetLastError = true)]
    public static partial int Lchown(byte[] path, uint owner, uint group);

    [LibraryImport(Library, EntryPoint = "fchmod", SetLastError = true)]
    public static partial int Fchmod(int fd, uint mode);

    [LibraryImport(Library, EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport(Library, EntryPoint = "getegid")]
    public static partial uint GetEffectiveGroupId();

    // Descriptor flags and advisory locks.

    /// <summary><c>fcntl</c> with an integer argument (<c>F_GETFD</c> ignores it).</summary>
    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    /// <summary><c>fcntl</c> with a <c>struct flock</c> (<c>F_SETLK</c>, <c>F_OFD_SETLK</c>).</summary>
    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int FcntlLock(int fd, int command, byte[] flock);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    // Extended attributes, through a descriptor.

    [LibraryImport(Library, EntryPoint = "flistxattr", SetLastError = true)]
    public static partial nint ListExtendedAttributes(int fd, [Out] byte[]? list, nuint size);

    [LibraryImport(Library, EntryPoint = "fgetxattr", SetLastError = true)]
    public static partial nint GetExtendedAttribute(int fd, byte[] name, [Out] byte[]? value, nuint size);

    [LibraryImport(Library, EntryPoint = "fsetxattr", SetLastError = true)]
    public static partial int SetExtendedAttribute(int fd, byte[] name, byte[] value, nuint size, int flags);

    [LibraryImport(Library, EntryPoint = "fremovexattr", SetLastError = true)]
    public static partial int RemoveExtendedAttribute(int fd, byte[] name);

    // Terminals: the line settings of a descriptor (struct termios, 60 bytes in glibc's Linux layout).

    [LibraryImport(Library, EntryPoint = "isatty")]
    public static partial int IsTerminal(int fd);

    [LibraryImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int GetTerminalAttributes(int fd, [Out] byte[] termios);

    [LibraryImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int SetTerminalAttributes(int fd, int when, byte[] termios);

    /// <summary><c>raise</c>: <c>set-password</c> stops itself with SIGSTOP once it has handled a Ctrl-Z.</summary>
    [LibraryImport(Library, EntryPoint = "raise")]
    public static partial int Raise(int signal);

    // Sockets: a listening unix socket bound without .NET (see UnixListeningSocket).

    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    /// <summary><c>bind</c> with a <c>struct sockaddr_un</c> as bytes.</summary>
    [LibraryImport(Library, EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, byte[] address, uint length);

    [LibraryImport(Library, EntryPoint = "listen", SetLastError = true)]
    public static partial int Listen(int fd, int backlog);

    // Memory.

    [LibraryImport(Library, EntryPoint = "madvise", SetLastError = true)]
    public static partial int Madvise(nint address, nuint length, int advice);

    // The process itself.

    /// <summary><c>prctl</c> with its one argument the agent uses (the rest are passed as 0, as the kernel wants for unused ones).</summary>
    [LibraryImport(Library, EntryPoint = "prctl", SetLastError = true)]
    public static partial int Prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    /// <summary>
    /// <c>sigaction</c> with <c>struct sigaction</c> as bytes (152 in glibc's and musl's x86-64 and
    /// arm64 layouts, 140 in their 32-bit ones; the handler, <c>SIG_DFL</c> 0 or <c>SIG_IGN</c> 1,
    /// first in each): callers pass 256-byte buffers; either may be null.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "sigaction", SetLastError = true)]
    public static partial int SignalAction(int signal, byte[]? action, [Out] byte[]? previous);

    // Reading and writing a descriptor directly: the daemon's standard streams (StandardDescriptorStream).

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, Span<byte> buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, ReadOnlySpan<byte> buffer, nuint count);

    /// <summary><c>poll</c> with one <c>struct pollfd</c> as 8 bytes (<c>int fd; short events; short revents</c>).</summary>
    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(Span<byte> descriptor, nuint count, int timeoutMilliseconds);

    // Below the others: an import added above them renumbers their generated stubs, which hot-methods.order names.
    [LibraryImport(Library, EntryPoint = "opendir", SetLastError = true)]
    public static partial nint OpenDir(byte[] path);

    [LibraryImport(Library, EntryPoint = "readdir", SetLastError = true)]
    public static partial nint ReadDir(nint stream);

    [LibraryImport(Library, EntryPoint = "closedir", SetLastError = true)]
    public static partial int CloseDir(nint stream);
}
