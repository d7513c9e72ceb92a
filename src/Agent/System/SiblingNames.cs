using System.Globalization;
using System.Text;

namespace GuestAgent.Platform;

/// <summary>
/// Names of files the agent keeps beside another file: the one backup copy (<c>name.bak</c>) and the
/// hidden staging files of atomic writes. Every name derived here fits NAME_MAX (255 bytes): a file
/// whose own name is 252 to 255 bytes long would otherwise get a backup or temp name the kernel
/// refuses, and could never be written.
/// </summary>
public static class SiblingNames
{
    /// <summary>NAME_MAX of Linux file systems: the longest file name, in bytes of UTF-8.</summary>
    public const int MaxNameBytes = 255;

    private const string BackupSuffix = ".bak";

    /// <summary>
    /// The backup of <paramref name="name"/>: <c>name.bak</c> when that fits, otherwise the name cut
    /// to fit, <c>~</c> and 16 hex digits of a hash of the whole name, then <c>.bak</c>. The same name
    /// always gets the same backup (a rollback finds it again), and two long names that differ only
    /// after the cut still get different ones.
    /// </summary>
    /// <param name="name">A file name (no directory).</param>
    public static string Backup(string name) => WithSuffix(name, BackupSuffix);

    /// <summary>The path of the backup of the file at <paramref name="path"/>: <see cref="Backup"/> of its name, in the same directory.</summary>
    public static string BackupPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        return path[..(slash + 1)] + Backup(path[(slash + 1)..]);
    }

    /// <summary>
    /// <paramref name="name"/> followed by <paramref name="suffix"/> when that fits in
    /// <see cref="MaxNameBytes"/>; otherwise the name cut (at a whole character), <c>~</c>, 16 hex digits
    /// of a hash of the whole name, then the suffix.
    /// </summary>
    internal static string WithSuffix(string name, string suffix)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(suffix);
        if (Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(suffix) <= MaxNameBytes)
        {
            return name + suffix;
        }

        var hash = Fnv1a64.ToHex(Fnv1a64.Hash(name));
        return $"{Cut(name, MaxNameBytes - 1 - hash.Length - Encoding.UTF8.GetByteCount(suffix))}~{hash}{suffix}";
    }

    /// <summary>
    /// A hidden name beside <paramref name="name"/> that no other write uses: <c>.name.&lt;12 hex&gt;suffix</c>,
    /// the name cut (at a whole character) to fit. For temp files created exclusively (O_EXCL) and
    /// renamed over the target, so unlike a backup it never has to be found again.
    /// </summary>
    internal static string Staging(string name, string suffix)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(suffix);
        // Guid.NewGuid draws from the kernel's random source; RandomNumberGenerator would load
        // OpenSSL into the daemon (3.5 MB resident, measured) for a name that O_EXCL already guards.
        var unique = Guid.NewGuid().ToString("N")[..12];
        var room = MaxNameBytes - ".".Length - ".".Length - unique.Length - Encoding.UTF8.GetByteCount(suffix);
        return $".{Cut(name, room)}.{unique}{suffix}";
    }

    /// <summary>The path of a <see cref="Staging"/> name beside the file at <paramref name="path"/>.</summary>
    public static string StagingPath(string path, string suffix)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        return path[..(slash + 1)] + Staging(path[(slash + 1)..], suffix);
    }

    /// <summary>The longest start of <paramref name="name"/> of whole characters within <paramref name="maxBytes"/> bytes of UTF-8.</summary>
    private static string Cut(string name, int maxBytes)
    {
        var kept = 0;
        var bytes = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > maxBytes)
            {
                break;
            }

            kept += rune.Utf16SequenceLength;
        }

        return name[..kept];
    }
}
