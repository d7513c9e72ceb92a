namespace GuestAgent.Exchanges;

/// <summary>What <see cref="ResponseJournal.Load"/> found.</summary>
/// <param name="Dropped">How many entries were dropped as another boot's.</param>
/// <param name="Failure">
/// Why the journal file could not be used (the state directory could not be created, is read-only,
/// the disk is full); <c>null</c> when it can. On failure the journal keeps answers in memory only.
/// </param>
/// <param name="Damaged">
/// How many damaged lines were dropped: a last line cut short by a crash or a power cut (its answer
/// was never delivered) or by a full disk (its answer was delivered without the journal), so its
/// request runs again, or a line an earlier version appended to such a one.
/// </param>
internal readonly record struct JournalLoadResult(int Dropped, Exception? Failure, int Damaged = 0)
{
    /// <summary>
    /// The mode a journal wider than 0600 was left with because its file system is read-only: its
    /// entries are used (dropping them would run every request they answered again), but others may
    /// read it until the file system is writable and the agent restarts. <c>null</c> otherwise.
    /// </summary>
    public UnixFileMode? LeftWide { get; init; }
}
