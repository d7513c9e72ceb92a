namespace GuestAgent.Commands.Update;

/// <summary>
/// Streams of one compression back to back, read as one: each decoded to its end, then what follows
/// it judged by the derived class (<see cref="NextStream"/>: another stream, the end, or a refusal).
/// Shared by <see cref="ConcatenatedBzip2Stream"/> and <see cref="ConcatenatedXzStream"/>.
/// </summary>
/// <remarks>
/// The token is checked before each later stream is opened: a file of many streams that decode to
/// nothing (each one still costs its decoder its allocations) never returns from a read, so a stop
/// could not interrupt it otherwise.
/// </remarks>
internal abstract class ConcatenatedStream(CancellationToken cancellationToken) : ForwardReadStream
{
    private Stream? _current;

    // Said again on every later read: the extractor reads on after a refusal to tell the compression's
    // fault from the tar's, and must meet the same fault there.
    private string? _refusal;

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">What follows a stream is refused (<see cref="Refuse"/>).</exception>
    /// <exception cref="OperationCanceledException">The token fired before a later stream was opened.</exception>
    public sealed override int Read(Span<byte> buffer)
    {
        if (_refusal is not null)
        {
            throw new InvalidDataException(_refusal);
        }

        while (_current is not null)
        {
            var read = _current.Read(buffer);
            if (read > 0 || buffer.IsEmpty)
            {
                return read;
            }

            var finished = _current;
            _current = null;
            finished.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            _current = NextStream();
        }

        return 0;
    }

    /// <summary>Sets the first stream's decoder; called once, by the derived class's constructor.</summary>
    protected void Begin(Stream first) => _current = first;

    /// <summary>
    /// The decoder of the stream that follows the one just read (the underlying file is positioned
    /// right after it), or null where the file ends or what follows is ignored; or a <see cref="Refuse"/>.
    /// </summary>
    protected abstract Stream? NextStream();

    /// <summary>Refuses what follows a stream, now and on every later read; throws, typed to be returned by <see cref="NextStream"/>.</summary>
    /// <exception cref="InvalidDataException">Always.</exception>
    protected Stream? Refuse(string reason)
    {
        _refusal = reason;
        throw new InvalidDataException(reason);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _current = null;
        }

        base.Dispose(disposing);
    }
}
