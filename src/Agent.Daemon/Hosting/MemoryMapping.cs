namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// One mapping of a process's address space as <c>/proc/PID/smaps</c> describes it: where it is,
/// its permissions (<c>r-xp</c>), the file behind it (empty for anonymous memory) and how much
/// of it is resident.
/// </summary>
/// <param name="Start">First address.</param>
/// <param name="End">The address just past the mapping.</param>
/// <param name="Permissions">The four permission characters: read, write, execute, <c>p</c>rivate or <c>s</c>hared.</param>
/// <param name="Path">The mapped file as the kernel names it (with <c>" (deleted)"</c> when it was replaced), or a pseudo-name such as <c>[heap]</c>, or empty.</param>
/// <param name="ResidentKib">Resident pages, in KiB (<c>Rss</c>).</param>
/// <param name="AnonymousKib">Resident pages that are no longer the file's own, in KiB (<c>Anonymous</c>): written copies of a private file mapping; <c>null</c> when smaps did not say.</param>
/// <param name="SwapKib">Written copies in swap, in KiB (<c>Swap</c>), which <c>Anonymous</c> does not count; <c>null</c> when smaps did not say.</param>
/// <param name="Locked">Whether the mapping is locked in memory (<c>lo</c> among its <c>VmFlags</c>).</param>
internal readonly record struct MemoryMapping(
    nint Start,
    nint End,
    string Permissions,
    string Path,
    long ResidentKib,
    long? AnonymousKib,
    long? SwapKib,
    bool Locked)
{
    /// <summary>The mapping's length in bytes.</summary>
    public nuint Length => (nuint)(End - Start);

    /// <summary>Private and never writable: nothing in it can differ from the file except copies written before a permission change, which <see cref="AnonymousKib"/> and <see cref="SwapKib"/> count.</summary>
    public bool IsPrivateReadOnly => Permissions.Length == 4 && Permissions[1] == '-' && Permissions[3] == 'p';

    /// <summary>Whether smaps said, resident and in swap, that no page of it is a written copy (unknown counts as no).</summary>
    public bool HoldsOnlyFilePages => AnonymousKib == 0 && SwapKib == 0;
}
