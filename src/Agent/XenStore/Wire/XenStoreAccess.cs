namespace GuestAgent.XenStore.Wire;

/// <summary>The access a permission entry grants.</summary>
[Flags]
public enum XenStoreAccess
{
    /// <summary><c>n</c>: no access.</summary>
    None = 0,

    /// <summary><c>r</c>: read.</summary>
    Read = 1,

    /// <summary><c>w</c>: write.</summary>
    Write = 2,

    /// <summary><c>b</c>: read and write.</summary>
    Both = Read | Write,
}
