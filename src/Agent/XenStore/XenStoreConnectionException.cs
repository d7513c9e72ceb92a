namespace GuestAgent.XenStore;

/// <summary>
/// The connection to XenStore could not be opened or was lost. Requests in flight fail with it; the
/// client is unusable afterwards and must be replaced (the exchange reconnects by itself).
/// </summary>
public class XenStoreConnectionException : XenStoreException
{
    /// <summary>Creates the exception.</summary>
    public XenStoreConnectionException()
        : base("The XenStore connection is closed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public XenStoreConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public XenStoreConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
