using System.Runtime.InteropServices;

namespace GuestAgent.Platform.Native;

/// <summary>
/// Turns a terminal's echo off while a secret is typed, as <c>getpass(3)</c> does, and puts the
/// settings back exactly as they were on <see cref="Dispose"/> or <see cref="Restore"/> (either may
/// run first, from a signal handler too; the second does nothing, unless <see cref="Reapply"/> turned
/// echo off again in between). Linux only: the <c>termios</c>
/// layout and flag values are glibc's on Linux (FreeBSD's <c>ICANON</c>, for one, is <c>0x100</c>),
/// so elsewhere <see cref="Disable"/> answers <c>null</c> rather than write the wrong bits.
/// </summary>
internal sealed class TerminalEcho : IDisposable
{
    /// <summary>glibc's <c>struct termios</c> on Linux is 60 bytes; the buffer has room to spare.</summary>
    private const int TermiosBytes = 64;

    /// <summary>Offset of <c>c_lflag</c>, after <c>c_iflag</c>, <c>c_oflag</c>, <c>c_cflag</c> (4 bytes each).</summary>
    private const int LocalFlagsOffset = 12;

    private const uint Echo = 0x8;

    /// <summary>
    /// <c>ECHONL</c> (<c>0100</c> octal in glibc's bits/termios-c_lflag.h): echoes the Enter even with
    /// <c>ECHO</c> off, so <c>getpass</c> clears it too, or <c>stty echonl</c> shows an extra line.
    /// </summary>
    private const uint EchoNewline = 0x40;
    private const uint Canonical = 0x2;

    /// <summary><c>TCSAFLUSH</c>: applied once queued output is written, discarding input typed before it.</summary>
    private const int AfterFlush = 2;

    private readonly int _fd;
    private readonly byte[] _saved;
    private readonly byte[] _quiet;
    private int _restored;

    private TerminalEcho(int fd, byte[] saved, byte[] quiet)
    {
        _fd = fd;
        _saved = saved;
        _quiet = quiet;
    }

    /// <summary>Whether <paramref name="fd"/> is a terminal.</summary>
    public static bool IsTerminal(int fd) => Syscalls.IsTerminal(fd) == 1;

    /// <summary>
    /// Turns echo off on the terminal <paramref name="fd"/> (input still comes a line at a time);
    /// <c>null</c> when it is not a terminal, its settings cannot be changed, or this is not Linux.
    /// </summary>
    public static TerminalEcho? Disable(int fd)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var saved = new byte[TermiosBytes];
        if (Syscalls.GetTerminalAttributes(fd, saved) != 0)
        {
            return null;
        }

        var quiet = (byte[])saved.Clone();
        // tcflag_t is a native-endian unsigned int.
        ref var flags = ref MemoryMarshal.AsRef<uint>(quiet.AsSpan(LocalFlagsOffset, sizeof(uint)));
        flags = (flags & ~(Echo | EchoNewline)) | Canonical;
        return Syscalls.SetTerminalAttributes(fd, AfterFlush, quiet) == 0 ? new TerminalEcho(fd, saved, quiet) : null;
    }

    /// <summary>Puts the settings back as they were; safe from a signal handler and more than once.</summary>
    public void Restore()
    {
        if (Interlocked.Exchange(ref _restored, 1) == 0)
        {
            _ = Syscalls.SetTerminalAttributes(_fd, AfterFlush, _saved);
        }
    }

    /// <summary>
    /// Turns echo off again, input typed so far discarded, after <see cref="Restore"/> or after
    /// something else turned it on: a job stopped with Ctrl-Z gives its shell the terminal as it was,
    /// and .NET's runtime puts its own settings back (echo on) when the process is continued. The
    /// settings <see cref="Restore"/> puts back stay those of <see cref="Disable"/>. <c>false</c>
    /// when the terminal refuses.
    /// </summary>
    public bool Reapply()
    {
        if (Syscalls.SetTerminalAttributes(_fd, AfterFlush, _quiet) != 0)
        {
            return false;
        }

        Interlocked.Exchange(ref _restored, 0);
        return true;
    }

    public void Dispose() => Restore();
}
