using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore;

/// <summary>
/// The server answered a request with an ERROR reply. <see cref="ErrorName"/> is the name exactly as
/// sent, including names outside the 4.17 table such as <c>EQUOTA</c>.
/// </summary>
public sealed class XenStoreErrorException : XenStoreException
{
    /// <summary>Creates the exception for an error name and the request it answered.</summary>
    /// <remarks>
    /// The message quotes the path as log lines quote host text (<see cref="Protocol.HostTextForLog"/>:
    /// at most 128 characters, then its length), since messages end up in log lines and a path may
    /// end in a request id the host chose, up to 2 KB long; <see cref="Path"/> holds it whole.
    /// </remarks>
    public XenStoreErrorException(string errorName, XenStoreMessageType requestType, string? path)
        : base(path is null ? $"XenStore {requestType} failed: {errorName}" : $"XenStore {requestType} '{Protocol.HostTextForLog.Cap(path)}' failed: {errorName}")
    {
        ErrorName = errorName;
        RequestType = requestType;
        Path = path;
    }

    /// <summary>Creates the exception.</summary>
    public XenStoreErrorException()
        : this(XenStoreErrors.InvalidArgument, XenStoreMessageType.Invalid, null)
    {
    }

    /// <summary>Creates the exception with a message (error name EINVAL).</summary>
    public XenStoreErrorException(string message)
        : base(message)
    {
        ErrorName = XenStoreErrors.InvalidArgument;
    }

    /// <summary>Creates the exception with a message and a cause (error name EINVAL).</summary>
    public XenStoreErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorName = XenStoreErrors.InvalidArgument;
    }

    /// <summary>The error name, for example <c>ENOENT</c>.</summary>
    public string ErrorName { get; }

    /// <summary>The type of the failed request.</summary>
    public XenStoreMessageType RequestType { get; }

    /// <summary>The path of the failed request, when it had one.</summary>
    public string? Path { get; }

    /// <summary>Whether the name is in the 4.17 error table.</summary>
    public bool IsKnownError => XenStoreErrors.IsKnown(ErrorName);
}
