using SharpCompress.Compressors.Xz;

namespace GuestAgent.Commands.Update;

/// <summary>
/// An xz file as xz and GNU tar read it: streams back to back, each optionally followed by stream
/// padding (zero bytes, a multiple of four), and nothing else. SharpCompress's <see cref="XZStream"/>
/// decodes one stream and ends quietly there, so a second stream (<c>cat a.xz b.xz</c>) went unread
/// and garbage after the stream was accepted where <c>xz</c> says "Unexpected end of input" and
/// <c>tar xJf</c> fails.
/// </summary>
/// <remarks>
/// It rests on <see cref="XZStream"/> reading its base stream up to its own footer and no further
/// (it reads fields, not blocks of input), which the tests that append to a stream hold it to.
/// </remarks>
internal sealed class ConcatenatedXzStream : ForwardReadStream
{
    private static ReadOnlySpan<byte> Magic => [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00];

    private readonly Stream _archive;
    private XZStream? _current;

    // Said again on every later read: the extractor reads on after a refusal to tell the compression's
    // fault from the tar's, and must meet the same fault there.
    private string? _refusal;

    /// <summary>Decodes the seekable <paramref name="archive"/> from its current position, which it leaves open.</summary>
    public ConcatenatedXzStream(Stream archive)
    {
        _archive = archive;
        _current = new XZStream(archive);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">What follows a stream is neither padding nor another stream.</exception>
    public override int Read(Span<byte> buffer)
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
            _current = NextStream();
        }

        return 0;
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

    /// <summary>Skips the padding after a stream; the next stream, or null at the end of the file.</summary>
    private XZStream? NextStream()
    {
        var padding = SkipZeros();
        if (padding % 4 != 0)
        {
            return Refuse("xz stream padding is not a multiple of four bytes");
        }

        if (_archive.Position == _archive.Length)
        {
            return null;
        }

        Span<byte> magic = stackalloc byte[6];
        var start = _archive.Position;
        if (_archive.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length || !magic.SequenceEqual(Magic))
        {
            return Refuse("something other than another xz stream follows an xz stream");
        }

        _archive.Position = start;
        return new XZStream(_archive);
    }

    private XZStream? Refuse(string reason)
    {
        _refusal = reason;
        throw new InvalidDataException(reason);
    }

    /// <summary>Moves past the zero bytes at the current position; how many there were.</summary>
    private long SkipZeros()
    {
        var block = new byte[4096];
        long zeros = 0;
        while (true)
        {
            var start = _archive.Position;
            var read = _archive.Read(block);
            if (read == 0)
            {
                return zeros;
            }

            var nonZero = block.AsSpan(0, read).IndexOfAnyExcept((byte)0);
            if (nonZero >= 0)
            {
                _archive.Position = start + nonZero;
                return zeros + nonZero;
            }

            zeros += read;
        }
    }
}
