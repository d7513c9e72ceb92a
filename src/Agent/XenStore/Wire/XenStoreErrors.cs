namespace GuestAgent.XenStore.Wire;

/// <summary>
/// The error names of the protocol (<c>xsd_errors[]</c>, in order). Peers may send names outside this
/// list (oxenstored sends <c>EQUOTA</c>); they are kept as strings, never discarded.
/// </summary>
public static class XenStoreErrors
{
    /// <summary>Invalid argument.</summary>
    public const string InvalidArgument = "EINVAL";

    /// <summary>Permission denied.</summary>
    public const string AccessDenied = "EACCES";

    /// <summary>Already exists (duplicate watch).</summary>
    public const string Exists = "EEXIST";

    /// <summary>No such node, transaction or watch.</summary>
    public const string NotFound = "ENOENT";

    /// <summary>Out of memory.</summary>
    public const string OutOfMemory = "ENOMEM";

    /// <summary>Quota exceeded.</summary>
    public const string NoSpace = "ENOSPC";

    /// <summary>Internal error.</summary>
    public const string IOError = "EIO";

    /// <summary>Unsupported message type.</summary>
    public const string NotImplemented = "ENOSYS";

    /// <summary>Nested transaction.</summary>
    public const string Busy = "EBUSY";

    /// <summary>Transaction conflict: redo the whole transaction.</summary>
    public const string TryAgain = "EAGAIN";

    /// <summary>Reply or request too big.</summary>
    public const string TooBig = "E2BIG";

    /// <summary>Only a privileged caller may change a node's owner.</summary>
    public const string NotPermitted = "EPERM";

    /// <summary>Quota exceeded, as oxenstored names it; not in the C table (<see cref="Known"/>).</summary>
    public const string Quota = "EQUOTA";

    /// <summary>Every name of the 4.17 table, in wire order.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        "EINVAL", "EACCES", "EEXIST", "EISDIR", "ENOENT", "ENOMEM", "ENOSPC", "EIO",
        "ENOTEMPTY", "ENOSYS", "EROFS", "EBUSY", "EAGAIN", "EISCONN", "E2BIG", "EPERM",
    ];

    /// <summary>Whether <paramref name="name"/> is in the 4.17 table.</summary>
    public static bool IsKnown(string name) => Known.Contains(name, StringComparer.Ordinal);
}
