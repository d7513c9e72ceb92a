using System.Runtime.InteropServices;

namespace GuestAgent.Platform;

/// <summary>
/// A write with <see cref="AtomicWriteOptions.KeepBackup"/> refused because the file it would
/// replace is too large for its backup: the backup had to be a copy, not a hard link to the old
/// file, and the file is over <see cref="AtomicWriteOptions.MaxBackupCopyBytes"/>. Nothing was
/// changed: neither the file nor its backup. Its <see cref="Exception.HResult"/> is <c>EFBIG</c>
/// ("File too large"), so code that words an <see cref="IOException"/> by its errno still can;
/// <see cref="Privileged"/> says why the backup had to be a copy, which an answer to the host
/// should say too: "File too large" alone reads as if the new contents were. The message names
/// the path, for the log, never contents.
/// </summary>
public sealed class BackupTooLargeException : IOException
{
    private const int EFBig = 27;

    /// <summary>Creates the exception for the backup of <paramref name="path"/>.</summary>
    /// <param name="path">The agent path whose write was refused.</param>
    /// <param name="length">The file's size, or how much of it the copy had read when it passed the limit (the file grew).</param>
    /// <param name="limit">The most a backup copy may take (<see cref="AtomicWriteOptions.MaxBackupCopyBytes"/>).</param>
    /// <param name="privileged">Whether the file is setuid, setgid or carries file capabilities (else it could not be hard-linked).</param>
    public BackupTooLargeException(string path, long length, long limit, bool privileged)
        : base($"{Marshal.GetPInvokeErrorMessage(EFBig)}: the backup of '{path}' must be a copy ({Why(privileged)}), and it has {length} bytes or more, over the {limit} a backup copy may take", EFBig)
    {
        Path = path;
        Length = length;
        Limit = limit;
        Privileged = privileged;
    }

    /// <summary>The agent path whose write was refused.</summary>
    public string Path { get; }

    /// <summary>The file's size in bytes, at least.</summary>
    public long Length { get; }

    /// <summary>The most a backup copy may take.</summary>
    public long Limit { get; }

    /// <summary>
    /// <c>true</c> when the backup had to be a copy because the file is setuid, setgid or carries
    /// file capabilities (a hard link would be the privileged old file itself); <c>false</c> when no
    /// hard link could be made (the file has the most links its file system allows, or the file
    /// system has none).
    /// </summary>
    public bool Privileged { get; }

    private static string Why(bool privileged) => privileged
        ? "it is setuid, setgid or has file capabilities, which a hard link would keep"
        : "no hard link to it could be made";
}
