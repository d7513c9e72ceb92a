namespace GuestAgent.Commands.Network.Sources;

/// <summary>
/// Where <c>resetnetwork</c> reads the host's description of the VM: the children of
/// <c>vm-data/networking</c> and <c>vm-data/hostname</c>. XenStore in production
/// (<see cref="XenStoreVmDataSource"/>), anything else in tests or for other hypervisors.
/// </summary>
public interface IVmDataSource
{
    /// <summary>Every <c>vm-data/networking/&lt;key&gt;</c> entry: key and raw value; empty when there are none.</summary>
    Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ReadNetworkingAsync(CancellationToken cancellationToken);

    /// <summary>The raw <c>vm-data/hostname</c> value, or <c>null</c> when the node does not exist.</summary>
    Task<string?> ReadHostnameAsync(CancellationToken cancellationToken);
}
