using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using GuestAgent.XenStore.Transports;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// A real transport that notes the type and path of every request the client sends through it, so
/// an end-to-end test can tell which operations an exchange chose, not only that it got its answers.
/// </summary>
internal sealed class RecordingTransport(IXenStoreTransport inner) : IXenStoreTransport
{
    private const int HeaderSize = 16;
    private readonly List<byte> _pending = [];
    private readonly ConcurrentQueue<(XenStoreMessageType Type, string Path)> _sent = new();

    /// <summary>Every request sent so far, in order: its type and its payload up to the first NUL.</summary>
    public IReadOnlyList<(XenStoreMessageType Type, string Path)> Sent => [.. _sent];

    public int MaxPayload => inner.MaxPayload;

    public string Description => inner.Description;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        Note(message.Span);
        return inner.WriteAsync(message, cancellationToken);
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) => inner.ReadAsync(buffer, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    // A message may reach WriteAsync in pieces or several at once: split the byte stream by its headers.
    private void Note(ReadOnlySpan<byte> bytes)
    {
        lock (_pending)
        {
            _pending.AddRange(bytes);
            while (_pending.Count >= HeaderSize)
            {
                var header = _pending.GetRange(0, HeaderSize).ToArray();
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12));
                if (_pending.Count < HeaderSize + length)
                {
                    return;
                }

                var payload = _pending.GetRange(HeaderSize, length).ToArray();
                var end = Array.IndexOf(payload, (byte)0);
                _sent.Enqueue(((XenStoreMessageType)BinaryPrimitives.ReadUInt32LittleEndian(header), Encoding.UTF8.GetString(payload, 0, end < 0 ? length : end)));
                _pending.RemoveRange(0, HeaderSize + length);
            }
        }
    }
}
