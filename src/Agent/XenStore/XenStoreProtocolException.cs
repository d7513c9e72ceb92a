namespace GuestAgent.XenStore;

/// <summary>
/// The peer sent something the protocol does not allow (an oversized length, a reply nobody asked
/// for, a reply of the wrong type). The connection is closed, as for any lost connection.
/// </summary>
public sealed class XenStoreProtocolException : XenStoreConnectionException
{
    /// <summary>Creates the exception.</summary>
    public XenStoreProtocolException()
        : base("The XenStore peer violated the protocol.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public XenStoreProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public XenStoreProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
