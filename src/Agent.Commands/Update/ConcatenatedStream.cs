using SharpCompress.Common;

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
    /// <summary>The refusal of a filter the agent does not decode: one SharpCompress lacks, or one of its unreliable branch filters.</summary>
    public const string UnsupportedFilter = "it is compressed with a filter this agent cannot decode";

    private Stream? _current;
    private long _streamBytes;

    /// <summary>What the stream being read has decoded to so far; in <see cref="NextStream"/>, the whole of the stream just read.</summary>
    protected long StreamBytes => _streamBytes;

    /// <inheritdoc/>
    /// <exception cref="SharpCompressException">
    /// The decoder refused the stream (a check, a header), or failed on it (<see cref="IsDecoderFault"/>): corrupt or cut short.
    /// </exception>
    /// <exception cref="InvalidArchiveException">
    /// The stream needs a filter the decoder lacks (one xz does not know either, alone in a block), what its input refused
    /// (an xz block header's filter chain or huge dictionary, <see cref="XzBlockHeaderWatch"/>), or <see cref="NextStream"/>
    /// refused what follows (bzip2's declared block sizes over the cap; an xz stream's reserved check type).
    /// </exception>
    /// <exception cref="InvalidDataException">
    /// <see cref="NextStream"/> refused the stream just read (xz's index) or what follows it, or the decoder's input refused an
    /// invalid xz block header.
    /// </exception>
    /// <exception cref="OperationCanceledException">The token fired before a later stream was opened.</exception>
    protected sealed override int ReadForward(Span<byte> buffer)
    {
        while (_current is not null)
        {
            int read;
            try
            {
                read = _current.Read(buffer);
            }
            catch (Exception exception) when (IsDecoderFault(exception))
            {
                throw Corrupt(exception);
            }
            catch (NotImplementedException)
            {
                // SharpCompress's answer to a filter it has no decoder for, alone in a block (a chain was refused before decoding).
                throw new InvalidArchiveException(UnsupportedFilter);
            }

            _streamBytes += read;
            if (read > 0 || buffer.IsEmpty)
            {
                return read;
            }

            var finished = _current;
            _current = null;
            finished.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            _current = NextStream();
            _streamBytes = 0;
        }

        return 0;
    }

    /// <summary>Sets the first stream's decoder; called once, by the derived class's constructor.</summary>
    protected void Begin(Stream first) => _current = first;

    /// <summary>
    /// The decoder of the stream that follows the one just read (the underlying file is positioned
    /// right after it), or null where the file ends or what follows is ignored. What it throws, a refusal
    /// of what follows (<see cref="InvalidDataException"/>), is thrown again by every later read.
    /// </summary>
    protected abstract Stream? NextStream();

    /// <summary>
    /// Whether <paramref name="exception"/>, thrown by a SharpCompress decoder, is its parsing of malformed
    /// input running off its tables or the file's end (a bzip2 selector past its groups, an xz stream header
    /// or footer cut short) rather than a refusal it names itself (<see cref="SharpCompressException"/>).
    /// </summary>
    protected static bool IsDecoderFault(Exception exception) =>
        exception is IndexOutOfRangeException or ArgumentException or EndOfStreamException or OverflowException or
            (InvalidOperationException and not ObjectDisposedException);

    /// <summary>A decoder's fault (<see cref="IsDecoderFault"/>) as the refusal it should have been, which the extractor names as a corrupt stream.</summary>
    protected static SharpCompressException Corrupt(Exception fault) => new("the stream is corrupt or cut short", fault);

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
