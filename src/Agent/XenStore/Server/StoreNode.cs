using System.Collections.Immutable;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>One node: its value, permissions (entry 0 is the owner), children in creation order and generation.</summary>
internal sealed record StoreNode(byte[] Value, ImmutableArray<XenStorePermission> Permissions, ImmutableList<string> Children, long Generation)
{
    public uint Owner => Permissions[0].DomainId;

    /// <summary>The size a guest's quota counts: the value and 8 bytes per permission entry.</summary>
    public int QuotaSize => Value.Length + (8 * Permissions.Length);
}
