namespace GuestAgent.XenStore;

/// <summary>Base of every XenStore failure.</summary>
public class XenStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public XenStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public XenStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public XenStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
