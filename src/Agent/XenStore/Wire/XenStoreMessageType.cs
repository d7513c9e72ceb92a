namespace GuestAgent.XenStore.Wire;

/// <summary>The message types of the XenStore wire protocol (<c>enum xsd_sockmsg_type</c>, Xen 4.17).</summary>
public enum XenStoreMessageType : uint
{
    /// <summary>Implementation-defined control command (alias DEBUG).</summary>
    Control = 0,

    /// <summary>Lists a node's children.</summary>
    Directory = 1,

    /// <summary>Reads a node's value.</summary>
    Read = 2,

    /// <summary>Reads a node's permissions.</summary>
    GetPermissions = 3,

    /// <summary>Registers a watch.</summary>
    Watch = 4,

    /// <summary>Removes a watch.</summary>
    Unwatch = 5,

    /// <summary>Starts a transaction.</summary>
    TransactionStart = 6,

    /// <summary>Commits (<c>T</c>) or aborts (<c>F</c>) a transaction.</summary>
    TransactionEnd = 7,

    /// <summary>Introduces a domain (privileged).</summary>
    Introduce = 8,

    /// <summary>Releases a domain (privileged).</summary>
    Release = 9,

    /// <summary>Formats a domain's home path.</summary>
    GetDomainPath = 10,

    /// <summary>Writes a node's value.</summary>
    Write = 11,

    /// <summary>Creates a node if missing.</summary>
    Mkdir = 12,

    /// <summary>Removes a node and its subtree.</summary>
    Remove = 13,

    /// <summary>Sets a node's permissions.</summary>
    SetPermissions = 14,

    /// <summary>An event of a registered watch (server to client only).</summary>
    WatchEvent = 15,

    /// <summary>An error reply (server to client only).</summary>
    Error = 16,

    /// <summary>Asks whether a domain is introduced (privileged).</summary>
    IsDomainIntroduced = 17,

    /// <summary>Resumes a domain (privileged).</summary>
    Resume = 18,

    /// <summary>Sets a domain's target (privileged).</summary>
    SetTarget = 19,

    /// <summary>Removed message type (RESTRICT); always ENOSYS.</summary>
    Restrict = 20,

    /// <summary>Drops all of the connection's watches and transactions.</summary>
    ResetWatches = 21,

    /// <summary>Lists part of a big directory, from a byte offset.</summary>
    DirectoryPart = 22,

    /// <summary>Never valid.</summary>
    Invalid = 65535,
}
