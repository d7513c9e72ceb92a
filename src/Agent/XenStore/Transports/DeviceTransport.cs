using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Transports;

/// <summary>
/// The guest's <c>/dev/xen/xenbus</c> character device (or <c>/proc/xen/xenbus</c>, or anything opened
/// the same way, such as a pty in tests). Unbuffered, so every message is one <c>write()</c>; payloads
/// are limited to 4080 bytes because the kernel's buffer also holds the header.
/// </summary>
public sealed class DeviceTransport : IXenStoreTransport
{
    private readonly FileStream _stream;

    private DeviceTransport(FileStream stream, string path)
    {
        _stream = stream;
        Description = "device " + path;
    }

    /// <inheritdoc />
    public int MaxPayload => XenStoreLimits.DevicePayloadMax;

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>
    /// Opens the device read-write. Only a character device (or the legacy <c>xenbus</c> file of
    /// xenfs or procfs) is accepted, checked on the opened descriptor: anything else, a regular file
    /// above all, is closed unwritten.
    /// </summary>
    /// <exception cref="IOException">The path could not be opened, or is not a XenStore device.</exception>
    /// <exception cref="UnauthorizedAccessException">Not allowed to open the path read-write.</exception>
    public static DeviceTransport Open(string path)
    {
        var handle = EndpointFile.OpenDevice(path);
        try
        {
            return new(new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0), path);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Synchronous on purpose: an unbuffered FileStream issues one write() for the whole message.
        _stream.Write(message.Span);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A blocking device read cannot be interrupted by cancellation; it ends when data arrives or the
    /// device is closed. The connection's single reader is the only caller.
    /// </remarks>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // A pty whose other end closed reports EIO: for us that is the end of the stream.
            return 0;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
