using System.Diagnostics;
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
/// Only regular files whose names match <see cref="SiblingNames.IsStaging"/> exactly, and only those
/// whose status last changed in a second before this process started, are taken: every temp file a
/// write of this process (on any thread) creates or links is newer, so two writers never remove
/// each other's live temp file. Should the clock be set back while a write runs, its temp file
/// may be taken for a leftover; that write then fails cleanly (its rename finds nothing), and
/// never installs anything half made. Best effort: a sweep that fails leaves the rest for the
/// next write and never fails the write itself.
/// </remarks>
internal static class StaleStagingFiles
{
    /// <summary>When this process started; <see cref="DateTimeOffset.MinValue"/> (nothing is stale) when that cannot be read.</summary>
    public static DateTimeOffset ProcessStart { get; } = ReadProcessStart();

    /// <summary>Sweeps the directory held by <paramref name="directory"/> for leftovers of writes of <paramref name="name"/>.</summary>
    /// <returns>How many were removed.</returns>
    public static int Remove(SafeFileHandle directory, string name, string backupSuffix, DateTimeOffset staleBefore)
    {
        // The directory's own entries, read through the descriptor the write holds, never a path looked up again.
        var listed = List($"/proc/self/fd/{directory.DangerousGetHandle()}", name, backupSuffix);
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
            foreach (var path in Directory.EnumerateFileSystemEntries(directory, ".*"))
            {
                var entry = Path.GetFileName(path);
                if (IsStagingOf(entry, name, backupSuffix))
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
