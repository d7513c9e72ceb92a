using System.Globalization;

namespace GuestAgent.Daemon.Cli;

/// <summary>
/// Whether a stream is the journal. systemd sets <c>JOURNAL_STREAM</c> to <c>DEV:INO</c> (decimal)
/// of the stream it connects to a service's stdout or stderr (systemd.exec(5)). The variable alone
/// is not enough: it is also set when only stdout is the journal (<c>StandardError=file:…</c>), and
/// a child inherits it whatever its own stderr is; so the stream itself is compared with it, as
/// systemd advises.
/// </summary>
internal static class JournalStream
{
    /// <summary>Whether <paramref name="variable"/> names the file <paramref name="fileId"/> identifies.</summary>
    /// <param name="variable"><c>JOURNAL_STREAM</c>'s value, or <c>null</c> when it is not set.</param>
    /// <param name="fileId">The stream's inode and device (statx), or <c>null</c> when it is not open.</param>
    public static bool Names(string? variable, (ulong Inode, uint DeviceMajor, uint DeviceMinor)? fileId)
    {
        var fields = variable?.Split(':') ?? [];
        return fields.Length == 2 && fileId is { } id
            && Number(fields[0]) == DeviceNumber(id.DeviceMajor, id.DeviceMinor)
            && Number(fields[1]) == id.Inode;
    }

    /// <summary>
    /// The <c>dev_t</c> glibc's <c>makedev</c> builds from a major and minor number, which is what
    /// <c>st_dev</c> (and so systemd's <c>DEV</c>) holds; statx gives the two halves apart.
    /// </summary>
    public static ulong DeviceNumber(uint major, uint minor) =>
        ((ulong)(major & 0xfffff000u) << 32) | ((ulong)(major & 0xfffu) << 8)
        | ((ulong)(minor & 0xffffff00u) << 12) | (minor & 0xffu);

    private static ulong? Number(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
