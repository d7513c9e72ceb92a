namespace GuestAgent.Commands.Network.Recovery;

/// <summary>What <see cref="NetworkRecovery.RecoverAsync"/> found and did.</summary>
public enum NetworkRecoveryOutcome
{
    /// <summary>No <c>resetnetwork</c> was left unfinished.</summary>
    NothingToRecover,

    /// <summary>The previous files were put back and applied again.</summary>
    Recovered,

    /// <summary>
    /// The previous files were put back, but applying them again failed (they are live at the next
    /// restart of the network service); when it was cut short by the time, the record is kept and
    /// the next start applies them again.
    /// </summary>
    ReapplyFailed,

    /// <summary>
    /// Some files could not be put back, or (the retry of a rollback that could not put every file
    /// back) were changed since by someone else and left as they are, or its record could not be
    /// moved back to be tried (a read-only state directory): nothing was applied, and the record is
    /// kept aside for the operator.
    /// </summary>
    FilesNotRestored,

    /// <summary>
    /// The record could not be read, or must not be trusted (it or its directory is another user's,
    /// or writable by its group or others): it was set aside for the operator and nothing was changed.
    /// </summary>
    RecordUnreadable,

    /// <summary>Another agent process holds the change's lock: the change is in progress there, not cut short, and was left alone.</summary>
    InProgressElsewhere,

    /// <summary>
    /// Something unexpected stopped the recovery, and it was logged. When a system call failed (the
    /// change lock, a read, a listing) the record stays where it is and the next start tries again;
    /// anything else sets a record in place aside as <c>failed</c>, never tried again.
    /// </summary>
    Failed,
}
