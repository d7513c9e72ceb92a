namespace GuestAgent.Commands.Network.Recovery;

/// <summary>
/// A record, or the directory holding it, that someone other than the agent's user could have
/// written: recovery runs the programs a record names as root, so such a record is never acted on.
/// </summary>
internal sealed class UntrustedRecordException : IOException
{
    /// <summary>Creates the exception; <paramref name="message"/> says which path and why, never contents.</summary>
    public UntrustedRecordException(string message)
        : base(message)
    {
    }
}
