using System.Runtime.ExceptionServices;

namespace GuestAgent.Commands.Update;

/// <summary>
/// A stream read once from start to end and nothing else: the archive wrappers the extractor stacks
/// (<see cref="GuardedTarStream"/>, <see cref="ConcatenatedStream"/>, <see cref="CheckedGzipStream"/>,
/// <see cref="PrefixThenBytes"/>) implement only <see cref="ReadForward"/>.
/// </summary>
/// <remarks>
/// A read that failed fails again, with the same exception, on every later read: the extractor reads on
/// after a refusal (to tell the compression's fault from the tar's), and a decoder read again after it
/// threw may hand out what follows the fault, repeat its last byte for ever, or end quietly, and a quiet
/// end must never be taken for a whole stream. A read after <see cref="Stream.Dispose()"/> throws.
/// </remarks>
internal abstract class ForwardReadStream : Stream
{
    private ExceptionDispatchInfo? _failure;
    private bool _disposed;

    /// <inheritdoc/>
    public sealed override bool CanRead => true;

    /// <inheritdoc/>
    public sealed override bool CanSeek => false;

    /// <inheritdoc/>
    public sealed override bool CanWrite => false;

    /// <inheritdoc/>
    public sealed override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public sealed override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The stream was disposed.</exception>
    public sealed override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _failure?.Throw();
        try
        {
            return ReadForward(buffer);
        }
        catch (Exception exception)
        {
            _failure = ExceptionDispatchInfo.Capture(exception);
            throw;
        }
    }

    /// <inheritdoc/>
    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public sealed override void Flush()
    {
    }

    /// <inheritdoc/>
    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public sealed override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Reads the next bytes into <paramref name="buffer"/>, as <see cref="Read(Span{byte})"/>; never called again once it has thrown.</summary>
    protected abstract int ReadForward(Span<byte> buffer);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        base.Dispose(disposing);
    }
}
