using System.Runtime.InteropServices;
using GuestAgent.Platform.Native;
using GuestAgent.XenStore.Wire;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.XenStore.Transports;

/// <summary>One whole message written to the device: 0, or the <c>errno</c> the write failed with.</summary>
/// <remarks>
/// The errno itself, not .NET's exception for it: <c>EACCES</c> becomes an <see cref="UnauthorizedAccessException"/>
/// without its number, and the device's kernel uses the number to answer a request (a WATCH xenstored refused).
/// Tests substitute it to fail writes as the kernel does; <see cref="DeviceTransport.WriteMessage"/> is the real one.
/// </remarks>
internal delegate int DeviceWrite(SafeFileHandle device, ReadOnlySpan<byte> message);

/// <summary>
/// The guest's <c>/dev/xen/xenbus</c> character device (or <c>/proc/xen/xenbus</c>, or anything opened
/// the same way, such as a pty in tests). Unbuffered, so every message is one <c>write()</c>; payloads
/// are limited to 4080 bytes because the kernel's buffer also holds the header.
/// </summary>
public sealed class DeviceTransport : IXenStoreTransport
{
    private const int EIntr = 4;

    private readonly SafeFileHandle _handle;
    private readonly FileStream _stream;
    private readonly DeviceWrite _write;

    private DeviceTransport(SafeFileHandle handle, string path, DeviceWrite write)
    {
        _handle = handle;
        _stream = new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
        _write = write;
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
    public static DeviceTransport Open(string path) => Open(path, WriteMessage);

    /// <summary>Opens the device as <see cref="Open(string)"/>, writing through <paramref name="write"/>.</summary>
    internal static DeviceTransport Open(string path, DeviceWrite write)
    {
        var handle = EndpointFile.OpenDevice(path);
        try
        {
            return new(handle, path, write);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="XenStoreErrorException">xenstored refused a WATCH: the kernel failed its write with the error's errno (not <c>EIO</c>).</exception>
    /// <exception cref="IOException">Any other failed write: the device is unusable.</exception>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Synchronous on purpose: the device takes a whole message in one write(), at once.
        var errno = _write(_handle, message.Span);
        if (errno != 0)
        {
            // A WATCH xenstored refused is its answer on a working device; anything else is the device failing.
            throw DeviceWatchRefusal.Of(message.Span, errno) ?? (Exception)new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// <c>write(2)</c>s a whole message: the device takes it in one call; a pty standing in for it may
    /// take it in parts, so the rest is written until all is (and a call interrupted by a signal again).
    /// </summary>
    internal static int WriteMessage(SafeFileHandle device, ReadOnlySpan<byte> message)
    {
        var added = false;
        device.DangerousAddRef(ref added);
        try
        {
            var fd = (int)device.DangerousGetHandle();
            while (!message.IsEmpty)
            {
                var written = Syscalls.Write(fd, message, (nuint)message.Length);
                if (written < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EIntr)
                    {
                        continue;
                    }

                    return errno;
                }

                message = message[(int)written..];
            }

            return 0;
        }
        finally
        {
            if (added)
            {
                device.DangerousRelease();
            }
        }
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
