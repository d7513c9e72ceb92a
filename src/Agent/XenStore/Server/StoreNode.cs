using System.Collections.Immutable;
using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>One node: its value, permissions (entry 0 is the owner), children in creation order and generation.</summary>
internal sealed record StoreNode(byte[] Value, ImmutableArray<XenStorePermission> Permissions, ImmutableList<string> Children, long Generation)
{
    public uint Owner => Permissions[0].DomainId;

    /// <summary>
    /// The size a guest's quota counts, as C xenstored stores the record: the value, 8 bytes per
    /// permission entry and each child's name with its terminating NUL (xenstore-protocol.md §8).
    /// </summary>
    public int QuotaSize => Value.Length + (8 * Permissions.Length) + Children.Sum(child => Encoding.UTF8.GetByteCount(child) + 1);
}
