using System.Collections.Immutable;
using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>One node: its value, permissions (entry 0 is the owner), children in creation order and generation.</summary>
internal sealed record StoreNode(byte[] Value, ImmutableArray<XenStorePermission> Permissions, ImmutableList<string> Children, long Generation)
{
    /// <summary>
    /// The fixed part of C xenstored's node record, <c>struct xs_tdb_record_hdr</c>: a 64-bit
    /// generation and three 32-bit counts, 20 bytes padded to the 64-bit alignment.
    /// </summary>
    public const int RecordHeaderBytes = 24;

    /// <summary>One <c>struct xs_permissions</c> in the record: a 32-bit domid and a 32-bit access mask.</summary>
    public const int PermissionEntryBytes = 8;

    private readonly ImmutableArray<XenStorePermission> _honoured;

    public uint Owner => Permissions[0].DomainId;

    /// <summary>
    /// The entries access checks use: <see cref="Permissions"/> (which GET_PERMS lists and the record
    /// size counts) without the entries C xenstored ignores because their domain does not exist (see
    /// <see cref="DomainTable.Honoured"/>). Whoever replaces <see cref="Permissions"/> sets this too.
    /// </summary>
    public ImmutableArray<XenStorePermission> Honoured
    {
        get => _honoured.IsDefault ? Permissions : _honoured;
        init => _honoured = value;
    }

    /// <summary>
    /// The size of the record C xenstored stores for this node, which is what its node-size quota
    /// counts (xenstore-protocol.md §8: "a stored node record below 2048 bytes, counting value,
    /// permissions and child names together"; exactly, in 4.17's <c>write_node_raw</c>: the record
    /// header, 8 bytes per permission entry, the value, and each child's name with its NUL).
    /// </summary>
    public int RecordSize => RecordSizeOf(Value.Length, Permissions.Length, ChildNamesBytes(Children));

    /// <summary>The record size of a node with these parts (see <see cref="RecordSize"/>).</summary>
    public static int RecordSizeOf(int valueBytes, int permissionEntries, int childNamesBytes) =>
        RecordHeaderBytes + (PermissionEntryBytes * permissionEntries) + valueBytes + childNamesBytes;

    /// <summary>The bytes child names take in a record: each name and its terminating NUL.</summary>
    public static int ChildNamesBytes(IEnumerable<string> children) => children.Sum(ChildNameBytes);

    /// <summary>The bytes one child name takes in its parent's record: the name and its NUL.</summary>
    public static int ChildNameBytes(string child) => Encoding.UTF8.GetByteCount(child) + 1;
}
