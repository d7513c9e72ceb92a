namespace GuestAgent.Commands.Update;

/// <summary>
/// An update archive broke a limit while it was being read (see <see cref="GuardedTarStream"/>).
/// Deliberately not an <see cref="IOException"/>: the extractor reports those as a failing staging
/// directory, while this is the archive's fault.
/// </summary>
internal sealed class InvalidArchiveException(string reason) : Exception(reason)
{
    /// <summary>Why the archive is refused, in the words of the command's error.</summary>
    public string Reason => Message;
}
