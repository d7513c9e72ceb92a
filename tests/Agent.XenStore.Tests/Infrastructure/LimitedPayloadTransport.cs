using GuestAgent.XenStore.Transports;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// A real transport that states a smaller largest payload than its own, so the client refuses a
/// bigger message with E2BIG before sending it: how a store's "too big" refusal reaches the caller,
/// which the embedded server (refusing with ENOSPC) never gives.
/// </summary>
internal sealed class LimitedPayloadTransport(IXenStoreTransport inner, int maxPayload) : IXenStoreTransport
{
    public int MaxPayload => maxPayload;

    public string Description => inner.Description;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) => inner.WriteAsync(message, cancellationToken);

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) => inner.ReadAsync(buffer, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
