namespace GuestAgent.Commands.Network.Recovery;

/// <summary>
/// How far a <c>resetnetwork</c> had got, as its <see cref="TransactionRecord"/> says. Recovery does
/// the same in every phase (take the interfaces down, put the files back, apply them again); the
/// phase tells the operator what was cut short.
/// </summary>
internal enum TransactionPhase
{
    /// <summary>Taking the interfaces down with the old files (ifupdown), before any file changes.</summary>
    Preparing,

    /// <summary>Writing the new files.</summary>
    Writing,

    /// <summary>Every file written; the network programs are making them live.</summary>
    Applying,

    /// <summary>Putting the previous files back and applying them again.</summary>
    RollingBack,
}
