using GuestAgent.Commands.Network.Applying;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Recovery;

/// <summary>
/// The boot a <see cref="TransactionRecord"/> was made in, and what of it the current boot still
/// has to put back. <c>/run</c> is a tmpfs each boot starts empty, so a runtime file (a
/// <c>/run/netplan</c> one <c>resetnetwork</c> edited) belongs to the boot it was in: recovered in
/// a later boot, it went with that boot, and putting last boot's version back would bring stale
/// runtime configuration into the new one (or fail, with <c>/run/netplan</c> not there at all).
/// Likewise a step that brings back what was running in that boot and no file gives
/// (<see cref="ApplyStep.ThisBootOnly"/>: an operator's connection brought up by hand): the reboot
/// ended it, and what the restored files give is what the new boot would have had without the change.
/// </summary>
internal static class RecordedBoot
{
    /// <summary>The runtime directory, emptied by every boot.</summary>
    public const string RuntimeDirectory = "/run";

    /// <summary>
    /// The current boot's id, read through the agent's file system (under its root, like every
    /// other file it reads), or <c>null</c> where the kernel offers none (not Linux, <c>/proc</c>
    /// not mounted) or it reads as no id.
    /// </summary>
    public static string? Current(IFileSystem fileSystem) =>
        new FileSystemView(fileSystem).ReadText(KernelBootId.Path)?.Trim() is { Length: > 0 } id && !id.Any(char.IsWhiteSpace) ? id : null;

    /// <summary>
    /// Whether the record was made in an earlier boot: only when both boots are known and differ.
    /// Where either is unknown (a record an older agent wrote, a kernel with no boot id) it counts
    /// as the same boot, and every file is put back as before: skipping a runtime file within the
    /// same boot would leave the live configuration half changed without a word, while putting it
    /// back in a new boot at worst fails visibly (nothing applied, the record kept for the operator).
    /// </summary>
    public static bool IsEarlier(TransactionRecord record, string? currentBoot) =>
        record.BootId is { } recorded && currentBoot is { } current && !string.Equals(recorded, current, StringComparison.Ordinal);

    /// <summary>The paths under <see cref="RuntimeDirectory"/> the record would put back or move back, in its order.</summary>
    public static string[] RuntimePaths(TransactionRecord record) =>
        [.. record.Files.Select(file => file.Path).Concat(record.Removals).Where(IsRuntime).Distinct(StringComparer.Ordinal)];

    /// <summary>The record without what it holds under <see cref="RuntimeDirectory"/>: the snapshots (with their <c>.bak</c>), removals and created directories.</summary>
    public static TransactionRecord WithoutRuntimeFiles(TransactionRecord record) => record with
    {
        Files = [.. record.Files.Where(file => !IsRuntime(file.Path))],
        Removals = [.. record.Removals.Where(path => !IsRuntime(path))],
        CreatedDirectories = [.. record.CreatedDirectories.Where(path => !IsRuntime(path))],
    };

    /// <summary>The steps making the restored files live that bring back only the record's own boot's running state, in its order.</summary>
    public static ApplyStep[] ThisBootSteps(TransactionRecord record) => [.. record.Reapply.Where(step => step.ThisBootOnly)];

    /// <summary>
    /// The record as a later boot puts it back: without its <see cref="RuntimeDirectory"/> files
    /// (<see cref="WithoutRuntimeFiles"/>) and without its <see cref="ThisBootSteps"/>.
    /// </summary>
    public static TransactionRecord InLaterBoot(TransactionRecord record) => WithoutRuntimeFiles(record) with
    {
        Reapply = [.. record.Reapply.Where(step => !step.ThisBootOnly)],
    };

    private static bool IsRuntime(string path) =>
        path == RuntimeDirectory || path.StartsWith(RuntimeDirectory + "/", StringComparison.Ordinal);
}
