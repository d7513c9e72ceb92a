using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform.Native;

/// <summary>
/// The Unix-only file APIs of .NET behind one guard, so callers need no platform annotations. The
/// agent runs on Linux (and other Unix systems); Windows is refused explicitly.
/// </summary>
internal static class UnixFiles
{
    public static void SetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NotUnix();
        }

        File.SetUnixFileMode(path, mode);
    }

    public static void SetMode(SafeFileHandle handle, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NotUnix();
        }

        File.SetUnixFileMode(handle, mode);
    }

    /// <summary>Stream options that create a file with <paramref name="createMode"/> (before the umask).</summary>
    public static FileStreamOptions Options(FileMode mode, FileAccess access, UnixFileMode createMode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NotUnix();
        }

        return new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None, UnixCreateMode = createMode };
    }

    // The guard is repeated inline in each method because the platform analyzer only sees guards there.
    private static PlatformNotSupportedException NotUnix() => new("GuestAgent's file boundaries need a Unix system");
}
