using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// An embedded server on two short socket paths: one whose connections act as dom0, one acting as
/// guest 7 (whose home the server creates as a toolstack would).
/// </summary>
internal sealed class EmbeddedXenStore : IAsyncDisposable
{
    public const uint GuestDomain = 7;
    public const string GuestHome = "/local/domain/7";

    private readonly TemporaryDirectory _directory = new("gaxs-");

    /// <param name="options">The server's limits; the defaults when null.</param>
    /// <param name="outputHighWater">Told every connection's queued output (see <see cref="OutputHighWater"/>), or null.</param>
    public EmbeddedXenStore(XenStoreServerOptions? options = null, OutputHighWater? outputHighWater = null)
    {
        Server = new XenStoreServer(options, outputHighWater);
        Dom0Socket = _directory.Combine("dom0.sock");
        GuestSocket = _directory.Combine("guest.sock");
        Server.Listen(Dom0Socket);
        Server.Listen(GuestSocket, XenStoreIdentity.Guest(GuestDomain));
        Server.CreateGuestDomain(GuestDomain);
    }

    public XenStoreServer Server { get; }

    public string Dom0Socket { get; }

    public string GuestSocket { get; }

    public string Directory => _directory.Path;

    public Task<XenStoreClient> Dom0Async() => XenStoreClient.ConnectAsync(Dom0Socket);

    public Task<XenStoreClient> GuestAsync() => XenStoreClient.ConnectAsync(GuestSocket);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
