using System.Text;

namespace GuestAgent.Commands.Network.Sources;

/// <summary>An <see cref="IVmDataSource"/> holding fixed values (tests, demos, non-Xen hosts).</summary>
public sealed class InMemoryVmDataSource : IVmDataSource
{
    private readonly IReadOnlyList<KeyValuePair<string, byte[]>> _networking;
    private readonly string? _hostname;

    /// <summary>Creates the source.</summary>
    /// <param name="networking">The networking entries: key and JSON text.</param>
    /// <param name="hostname">The hostname, or <c>null</c> for none.</param>
    public InMemoryVmDataSource(IEnumerable<KeyValuePair<string, string>> networking, string? hostname = null)
    {
        _networking = networking.Select(e => new KeyValuePair<string, byte[]>(e.Key, Encoding.UTF8.GetBytes(e.Value))).ToArray();
        _hostname = hostname;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ReadNetworkingAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_networking);

    /// <inheritdoc />
    public Task<string?> ReadHostnameAsync(CancellationToken cancellationToken) => Task.FromResult(_hostname);
}
