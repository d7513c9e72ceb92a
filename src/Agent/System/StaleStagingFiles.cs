using System.Diagnostics;
using System.IO.Enumeration;
using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

/// <summary>
/// Removes the temp files of atomic writes that a killed process never finished: a
/// <c>.NAME.&lt;12 hex&gt;.tmp</c> (the new version), a <c>.NAME.&lt;12 hex&gt;.bak.tmp</c> (the
/// backup's hard link) or a <c>.NAME.bak.&lt;12 hex&gt;.tmp</c> (a copied backup) beside the file
/// NAME. A write only fails cleanly after it has removed its own; after SIGKILL, an OOM kill or a
/// power cut they stay, some holding secrets (a shadow hash never applied, injected keys) or a whole
/// agent binary. The writer sweeps a target's directory before each write of that target.
/// </summary>
/// <remarks>
/// <para>
/// Only regular files whose names match <see cref="SiblingNames.IsStaging"/> exactly are taken, and
/// only those whose status last changed (<c>ctime</c>, which no program can set) both in a second
/// before this process started and at least <see cref="MinimumAge"/> ago (<see cref="Cutoff"/>).
/// The first rule keeps every temp file this process makes, even if the clock later jumps forward;
/// the second keeps a live temp file of another process that started earlier
/// (two SDK hosts, or two guests sharing an NFS home, writing one file) and, within this process,
/// a temp file made after the clock was set back below the start. A temp file's <c>ctime</c> moves
/// with every write into it, so only the time between its last byte and its rename counts, which
/// is seconds. What remains: a write of another process whose temp file sat untouched for
/// <see cref="MinimumAge"/> (or across a clock jump forward of as much) can have it taken; that
/// write then fails cleanly (its rename finds nothing) and never installs anything half made. The
/// price is that a leftover younger than <see cref="MinimumAge"/> waits for a later write.
/// </para>
/// <para>
/// Best effort: a sweep that fails leaves the rest for the next write and never fails the write
/// itself. The listing reads at most <see cref="MaxEntriesListed"/> entries of the directory, so a
/// write into a huge directory (a user's home with a million files) costs a bounded listing; a
/// leftover beyond that many entries stays.
/// </para>
/// </remarks>
internal static class StaleStagingFiles
{
    /// <summary>How long a temp file must have been left unchanged before a sweep takes it.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(10);

    /// <summary>How many directory entries one sweep reads at most.</summary>
    public const int MaxEntriesListed = 65_536;

    /// <summary>When this process started; <see cref="DateTimeOffset.MinValue"/> (nothing is stale) when that cannot be read.</summary>
    public static DateTimeOffset ProcessStart { get; } = ReadProcessStart();

    /// <summary>
    /// The time a temp file's status must have last changed before to be a leftover: the earlier of
    /// <paramref name="processStart"/> and <see cref="MinimumAge"/> before <paramref name="now"/>.
    /// </summary>
    public static DateTimeOffset Cutoff(DateTimeOffset processStart, DateTimeOffset now)
    {
        var aged = now > DateTimeOffset.MinValue + MinimumAge ? now - MinimumAge : DateTimeOffset.MinValue;
        return processStart < aged ? processStart : aged;
    }

    /// <summary>Sweeps the directory held by <paramref name="directory"/> for leftovers of writes of <paramref name="name"/>.</summary>
    /// <returns>How many were removed.</returns>
    public static int Remove(SafeFileHandle directory, string name, string backupSuffix, DateTimeOffset staleBefore)
    {
        // The directory's own entries, read through the descriptor the write holds, never a path looked up again.
        var listed = List(LibCAt.ViaDescriptor(directory), name, backupSuffix);
        var removed = 0;
        foreach (var entry in listed)
        {
            try
            {
                if (LibCAt.StatusAt(directory, entry, entry) is { IsRegularFile: true } status &&
                    IsStale(status, staleBefore) && LibCAt.TryUnlinkAt(directory, entry))
                {
                    removed++;
                }
            }
            catch (IOException)
            {
            }
        }

        return removed;
    }

    /// <summary>Sweeps the host directory <paramref name="hostDirectory"/> (the agent's own state directory) for leftovers of writes of <paramref name="name"/>.</summary>
    /// <returns>How many were removed.</returns>
    public static int Remove(string hostDirectory, string name, DateTimeOffset staleBefore)
    {
        var removed = 0;
        foreach (var entry in List(hostDirectory, name, SiblingNames.BackupSuffix))
        {
            var path = Path.Combine(hostDirectory, entry);
            try
            {
                if (LibC.LStat(path) is { IsRegularFile: true } status && IsStale(status, staleBefore))
                {
                    File.Delete(path);
                    removed++;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }

        return removed;
    }

    /// <summary>Whether <paramref name="entry"/> is a temp file the writer makes for <paramref name="name"/> (and its backup).</summary>
    internal static bool IsStagingOf(string entry, string name, string backupSuffix) =>
        SiblingNames.IsStaging(entry, name, ".tmp") ||
        SiblingNames.IsStaging(entry, name, ".bak.tmp") ||
        SiblingNames.IsStaging(entry, SiblingNames.Backup(name, backupSuffix), ".tmp");

    private static bool IsStale(RawStatus status, DateTimeOffset staleBefore) =>
        status.ChangedAtSeconds < staleBefore.ToUnixTimeSeconds();

    private static List<string> List(string directory, string name, string backupSuffix)
    {
        var found = new List<string>();
        try
        {
            // Every entry is read, but only a hidden *.tmp name is made a string: the listing of a
            // large directory costs its getdents and no garbage.
            var entries = new FileSystemEnumerable<string?>(
                directory,
                (ref entry) => IsCandidate(entry.FileName) ? entry.FileName.ToString() : null,
                new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false });
            var listed = 0;
            foreach (var entry in entries)
            {
                if (++listed > MaxEntriesListed)
                {
                    break;
                }

                if (entry is not null && IsStagingOf(entry, name, backupSuffix))
                {
                    found.Add(entry);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // No /proc (a FreeBSD guest without linprocfs), or an unreadable directory: nothing swept.
        }

        return found;
    }

    private static bool IsCandidate(ReadOnlySpan<char> entry) => entry is ['.', ..] && entry.EndsWith(".tmp", StringComparison.Ordinal);

    private static DateTimeOffset ReadProcessStart()
    {
        try
        {
            using var self = Process.GetCurrentProcess();
            return new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return DateTimeOffset.MinValue;
        }
    }
}
