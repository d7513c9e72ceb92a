using System.Globalization;
using System.Text;

namespace GuestAgent.Platform;

/// <summary>
/// Names of files the agent keeps beside another file: the one backup copy (<c>name.bak</c>, or
/// <c>name.bak~</c> where every file of a directory may be read) and the hidden staging files of
/// atomic writes. Every name derived here fits NAME_MAX (255 bytes): a file whose own name is 252 to
/// 255 bytes long would otherwise get a backup or temp name the kernel refuses, and could never be written.
/// </summary>
public static class SiblingNames
{
    /// <summary>NAME_MAX of Linux file systems: the longest file name, in bytes of UTF-8.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>The suffix of a backup's name unless a write asks for another: <c>.bak</c>.</summary>
    public const string BackupSuffix = ".bak";

    /// <summary>
    /// The suffix of a backup that must stay inert in a directory whose reader takes every file
    /// (<c>/etc/logrotate.d</c>, <c>/etc/cron.d</c>, <c>/etc/sudoers.d</c>, run-parts directories):
    /// <c>.bak~</c>. Those readers all skip a name ending in <c>~</c> (logrotate's default taboo
    /// extensions, cronie, sudo's <c>@includedir</c>, run-parts, dnsmasq's <c>conf-dir</c>, apt's
    /// silently ignored files), while <c>.bak</c> is read as configuration by logrotate and cronie;
    /// readers of one extension (<c>*.conf</c>, <c>*.sh</c>) skip both.
    /// </summary>
    public const string InertBackupSuffix = ".bak~";

    /// <summary>The longest backup suffix a write may ask for, in bytes of UTF-8: a long name keeps most of itself.</summary>
    internal const int MaxBackupSuffixBytes = 32;

    /// <summary>
    /// The backup of <paramref name="name"/>: <c>name.bak</c> when that fits, otherwise the name cut
    /// to fit, <c>~</c> and 16 hex digits of a hash of the whole name, then <c>.bak</c>. The same name
    /// always gets the same backup (a rollback finds it again), and two long names that differ only
    /// after the cut still get different ones.
    /// </summary>
    /// <param name="name">A file name (no directory).</param>
    public static string Backup(string name) => WithSuffix(name, BackupSuffix);

    /// <summary>
    /// The backup of <paramref name="name"/> with <paramref name="suffix"/> in place of <c>.bak</c>
    /// (<see cref="InertBackupSuffix"/>, say), shortened the same way as <see cref="Backup(string)"/>.
    /// </summary>
    /// <param name="name">A file name (no directory).</param>
    /// <param name="suffix">1 to 32 bytes of UTF-8 without <c>/</c> or control characters.</param>
    /// <exception cref="ArgumentException">The suffix is not such a suffix.</exception>
    public static string Backup(string name, string suffix) => WithSuffix(name, ValidateBackupSuffix(suffix));

    /// <summary>The path of the backup of the file at <paramref name="path"/>: <see cref="Backup(string)"/> of its name, in the same directory.</summary>
    public static string BackupPath(string path) => BackupPath(path, BackupSuffix);

    /// <summary>The path of the backup with <paramref name="suffix"/> of the file at <paramref name="path"/>, in the same directory.</summary>
    /// <exception cref="ArgumentException">The suffix is not a valid backup suffix.</exception>
    public static string BackupPath(string path, string suffix)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        return path[..(slash + 1)] + Backup(path[(slash + 1)..], suffix);
    }

    /// <summary>
    /// Returns <paramref name="suffix"/> when it can end a backup's name: not empty, at most
    /// <see cref="MaxBackupSuffixBytes"/> bytes, no <c>/</c>, NUL or other control character (it
    /// must name a sibling, never another directory).
    /// </summary>
    /// <exception cref="ArgumentException">It cannot.</exception>
    internal static string ValidateBackupSuffix(string suffix)
    {
        ArgumentNullException.ThrowIfNull(suffix);
        if (suffix.Length == 0 || Encoding.UTF8.GetByteCount(suffix) > MaxBackupSuffixBytes ||
            suffix.Contains('/', StringComparison.Ordinal) || suffix.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"A backup suffix must be 1 to {MaxBackupSuffixBytes} bytes without '/' or control characters", nameof(suffix));
        }

        return suffix;
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
        var unique = Guid.NewGuid().ToString("N")[..UniqueLength];
        var room = MaxNameBytes - ".".Length - ".".Length - unique.Length - Encoding.UTF8.GetByteCount(suffix);
        return $".{Cut(name, room)}.{unique}{suffix}";
    }

    /// <summary>
    /// Whether <paramref name="entry"/> is a name <see cref="Staging"/> gives <paramref name="name"/>
    /// with <paramref name="suffix"/>: exactly <c>.name.&lt;12 lowercase hex&gt;suffix</c>, the name cut as
    /// there. Nothing else matches, so a sweep of a killed write's temp files never takes another file.
    /// </summary>
    internal static bool IsStaging(string entry, string name, string suffix)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(suffix);
        var room = MaxNameBytes - ".".Length - ".".Length - UniqueLength - Encoding.UTF8.GetByteCount(suffix);
        var cut = Cut(name, room);
        var unique = 1 + cut.Length + 1;
        return entry.Length == unique + UniqueLength + suffix.Length &&
            entry[0] == '.' &&
            string.CompareOrdinal(entry, 1, cut, 0, cut.Length) == 0 &&
            entry[unique - 1] == '.' &&
            entry.AsSpan(unique, UniqueLength).IndexOfAnyExcept("0123456789abcdef") < 0 &&
            entry.EndsWith(suffix, StringComparison.Ordinal);
    }

    /// <summary>How many hex digits make a <see cref="Staging"/> name unique.</summary>
    private const int UniqueLength = 12;

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
