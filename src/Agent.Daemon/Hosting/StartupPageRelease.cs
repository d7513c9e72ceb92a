using System.Runtime.InteropServices;
using GuestAgent.Platform.Native;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// Gives back, once the agent serves, the pages of its own executable it only needed to start.
/// </summary>
/// <remarks>
/// A NativeAOT executable reads its whole compressed runtime data (about 1 MB) at start to unpack
/// it into <c>.hydrated</c>, and runs start-up code (settings, composition, recoveries) it never
/// runs again; the kernel also maps whole read-ahead blocks around each touched page. Those pages
/// stay mapped, resident for the rest of the agent's life: about 3 MB of a 12 MB agent
/// (docs/benchmarks.md, "Daemon"). <c>madvise(MADV_DONTNEED)</c> over the executable's read-only
/// mappings unmaps them; a page used again later is mapped again from the page cache on touch, as
/// at start. Only mappings whose every page is still the file's own are given back: a written copy
/// (<c>Anonymous</c>, e.g. the relocated <c>.data.rel.ro</c>, or one in <c>Swap</c>) would be
/// replaced by the file's original bytes. The pages themselves stay in the page cache, clean, the first the kernel
/// reclaims under pressure.
/// </remarks>
internal static partial class StartupPageRelease
{
    private const int MadviseDontNeed = 4;
    private const string ExecutableLink = "/proc/self/exe";
    private const string OwnMappings = "/proc/self/smaps";

    /// <summary>
    /// How long after READY=1 the pages are given back. Not at once: the requests waiting at start
    /// (Nova's first-boot sequence) would fault their code back in while they are answered, which
    /// measured 1.5–2 ms more to the first answer (docs/benchmarks.md, "Daemon"); later, each page a
    /// request uses again is mapped once and stays.
    /// </summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <see cref="Run"/> after <paramref name="delay"/>, unless the agent stops first (then nothing is
    /// done: the process is about to end). Never throws.
    /// </summary>
    public static async Task RunAfterAsync(TimeSpan delay, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Run(logger);
    }

    /// <summary>
    /// Which of <paramref name="mappings"/> can be given back: those of <paramref name="executable"/>
    /// (as the kernel names it) that are private, read-only, unlocked, hold no written copies
    /// (none resident, none in swap, and smaps said both) and have something resident.
    /// </summary>
    public static IReadOnlyList<MemoryMapping> Releasable(IEnumerable<MemoryMapping> mappings, string executable) =>
        [.. mappings.Where(mapping => mapping.Path == executable && mapping.IsPrivateReadOnly
            && mapping.HoldsOnlyFilePages && !mapping.Locked && mapping.ResidentKib > 0)];

    /// <summary>
    /// Gives back this process's releasable executable pages (<see cref="Releasable"/>) and logs how
    /// much at Debug; without <c>/proc</c> (or on another kernel) it does nothing. Never throws: the
    /// release only saves memory.
    /// </summary>
    public static void Run(ILogger logger)
    {
        IReadOnlyList<MemoryMapping> releasable;
        try
        {
            // The link reads "/path (deleted)" once agentupdate replaced the binary, as smaps does.
            if (!File.Exists(OwnMappings) || new FileInfo(ExecutableLink).LinkTarget is not { } executable)
            {
                return;
            }

            using var smaps = File.OpenText(OwnMappings);
            releasable = Releasable(SmapsReader.Read(smaps), executable);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, exception.Message);
            return;
        }

        long releasedKib = 0;
        foreach (var mapping in releasable)
        {
            if (Syscalls.Madvise(mapping.Start, mapping.Length, MadviseDontNeed) == 0)
            {
                releasedKib += mapping.ResidentKib;
            }
            else
            {
                LogRefused(logger, mapping.Start, Marshal.GetLastPInvokeError());
            }
        }

        LogReleased(logger, releasedKib, releasable.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gave back {Kib} KiB of the executable's pages used at start ({Count} mappings); pages used again are mapped again on touch")]
    private static partial void LogReleased(ILogger logger, long kib, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kept the executable's start-up pages: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kept the executable's pages at 0x{Address:x}: madvise failed with errno {Errno}")]
    private static partial void LogRefused(ILogger logger, nint address, int errno);
}
