using GuestAgent.Commands.Network.Applying;

namespace GuestAgent.Commands.Network.Recovery;

/// <summary>
/// Everything needed to undo one <c>resetnetwork</c> that never finished, kept on disk from before the
/// first change until the change is committed or rolled back (<see cref="TransactionStore"/>).
/// </summary>
/// <param name="Phase">How far it had got.</param>
/// <param name="Started">When it began (wall clock, for the operator).</param>
/// <param name="Files">Every path it writes or moves aside, as it was before.</param>
/// <param name="Removals">The paths it moves to <c>.bak</c>.</param>
/// <param name="CreatedDirectories">The directories writing creates, removed again by a restore when empty.</param>
/// <param name="TakeDown">What takes the new configuration down before the files go back (best effort).</param>
/// <param name="Reapply">What makes the restored files live again.</param>
/// <param name="BootId">
/// The boot it was made in (<see cref="RecordedBoot"/>): what it changed under <c>/run</c> belongs to
/// that boot alone. <c>null</c> where the kernel offered none, and in a record an older agent wrote.
/// </param>
internal sealed record TransactionRecord(
    TransactionPhase Phase,
    DateTimeOffset Started,
    IReadOnlyList<FileSnapshot> Files,
    IReadOnlyList<string> Removals,
    IReadOnlyList<string> CreatedDirectories,
    IReadOnlyList<ApplyStep> TakeDown,
    IReadOnlyList<ApplyStep> Reapply,
    string? BootId);
