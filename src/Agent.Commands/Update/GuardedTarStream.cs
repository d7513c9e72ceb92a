using System.Buffers;

namespace GuestAgent.Commands.Update;

/// <summary>
/// The decompressed bytes of a tar archive, read forward once, with the limits .NET's
/// <see cref="System.Formats.Tar.TarReader"/> lacks. It follows the archive's 512-byte blocks and
/// looks at each header before the reader sees it: a PAX or GNU metadata entry (<c>x</c>,
/// <c>g</c>, <c>L</c>, <c>K</c>) may declare at most <c>maxMetadataBytes</c>, because the reader
/// allocates the declared size at once (2 GiB from a 2 MB gzip would exhaust a small VM). It also
/// caps the total bytes read, so an entry the extractor skips, or a stream of headers, cannot keep
/// it decompressing for ever. Cancellation is checked at every read. A broken limit throws
/// <see cref="InvalidArchiveException"/>, and so does a header whose size or checksum the guard
/// cannot read exactly as the reader would (see <see cref="TarFields"/>); other malformed fields are
/// left to the reader to refuse. A tar that ends inside a header, or before its end-of-archive block,
/// is refused as cut short. The inner stream is not disposed with this one.
/// </summary>
internal sealed class GuardedTarStream : ForwardReadStream
{
    private const int BlockSize = 512;
    private const int SizeOffset = 124;
    private const int SizeLength = 12;
    private const int ChecksumOffset = 148;
    private const int ChecksumLength = 8;
    private const int TypeOffset = 156;

    private readonly Stream _inner;
    private readonly long _maxTotalBytes;
    private readonly int _maxMetadataBytes;
    private readonly CancellationToken _cancellationToken;
    private readonly byte[] _header = new byte[BlockSize];
    private int _headerLength;
    private int _headerServed;
    private long _blockBytesLeft;
    private long _total;
    private bool _inspected;
    private bool _ended;

    // The data of the current PAX entry ('x'), kept to find a "size" record: it overrides the next
    // header's size field, and so where the header after that one starts.
    private byte[]? _pax;
    private int _paxLength;
    private int _paxExpected;
    private long? _sizeOverride;

    public GuardedTarStream(Stream inner, long maxTotalBytes, int maxMetadataBytes, CancellationToken cancellationToken)
    {
        _inner = inner;
        _maxTotalBytes = maxTotalBytes;
        _maxMetadataBytes = maxMetadataBytes;
        _cancellationToken = cancellationToken;
    }

    protected override int ReadForward(Span<byte> buffer)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_headerServed < _headerLength)
        {
            return ServeHeader(buffer);
        }

        if (_blockBytesLeft > 0)
        {
            var read = ReadInner(buffer[..(int)Math.Min(buffer.Length, _blockBytesLeft)]);
            CollectPax(buffer[..read]);
            _blockBytesLeft -= read;
            return read;
        }

        _headerLength = 0;
        _headerServed = 0;
        while (_headerLength < BlockSize && ReadInner(_header.AsSpan(_headerLength)) is var read and > 0)
        {
            _headerLength += read;
        }

        if (_headerLength == BlockSize)
        {
            Inspect();
        }
        else if (!_ended)
        {
            // GNU tar and tarfile take a tar cut inside a header, or at one, for its end: only the
            // end-of-archive block tells a plain tar whole from one cut short, and a partial update must never install.
            throw new InvalidArchiveException(
                !_inspected ? "not a readable tar archive" :
                _headerLength > 0 ? "the tar archive ends inside an entry's header" : "the tar archive ends without its end-of-archive block");
        }

        return _headerLength == 0 ? 0 : ServeHeader(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReturnPax();
        }

        base.Dispose(disposing);
    }

    private int ServeHeader(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _headerLength - _headerServed);
        _header.AsSpan(_headerServed, count).CopyTo(buffer);
        _headerServed += count;
        return count;
    }

    private int ReadInner(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        _total += read;
        if (_total > _maxTotalBytes)
        {
            throw new InvalidArchiveException($"it expands to more than {_maxTotalBytes} bytes");
        }

        return read;
    }

    /// <summary>Reads the header just buffered: where the next one starts, and whether its metadata is too large.</summary>
    private void Inspect()
    {
        _inspected = true;
        var pending = _sizeOverride;
        _sizeOverride = null;
        var checksumField = _header.AsSpan(ChecksumOffset, ChecksumLength);
        if (!checksumField.ContainsAnyExcept((byte)0) || TarFields.ParseOctal(checksumField, "checksum") is not (var checksum and not 0))
        {
            _blockBytesLeft = 0; // an end-of-archive block; the reader stops here
            _ended = true;
            return;
        }

        if (checksum != TarFields.ComputeChecksum(_header, ChecksumOffset, ChecksumLength))
        {
            throw new InvalidArchiveException("a tar header's checksum does not match");
        }

        // Sizes are read as the reader reads them, or refused: a size read differently here would
        // lose track of where headers start, and pass a hostile one through as data.
        var type = (char)_header[TypeOffset];
        var metadata = type is 'x' or 'g' or 'L' or 'K';
        if (pending is not null && metadata)
        {
            throw new InvalidArchiveException("a PAX header is followed by another metadata entry");
        }

        var size = pending ?? TarFields.ParseSize(_header.AsSpan(SizeOffset, SizeLength));
        if (metadata && size > _maxMetadataBytes)
        {
            throw new InvalidArchiveException($"a tar metadata entry declares {size} bytes (at most {_maxMetadataBytes})");
        }

        if (type == 'x' && size > 0)
        {
            _pax = ArrayPool<byte>.Shared.Rent((int)size);
            _paxExpected = (int)size;
            _paxLength = 0;
        }

        _blockBytesLeft = (size + BlockSize - 1) / BlockSize * BlockSize;
    }

    private void CollectPax(ReadOnlySpan<byte> read)
    {
        if (_pax is null)
        {
            return;
        }

        var wanted = Math.Min(read.Length, _paxExpected - _paxLength);
        read[..wanted].CopyTo(_pax.AsSpan(_paxLength));
        _paxLength += wanted;
        if (_paxLength == _paxExpected)
        {
            _sizeOverride = TarFields.PaxSize(_pax.AsSpan(0, _paxLength));
            ReturnPax();
        }
    }

    private void ReturnPax()
    {
        if (_pax is not null)
        {
            ArrayPool<byte>.Shared.Return(_pax);
            _pax = null;
        }
    }
}
