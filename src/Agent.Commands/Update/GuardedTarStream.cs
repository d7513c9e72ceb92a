using System.Buffers;
using System.Globalization;

namespace GuestAgent.Commands.Update;

/// <summary>
/// The decompressed bytes of a tar archive, read forward once, with the limits .NET's
/// <see cref="System.Formats.Tar.TarReader"/> lacks. It follows the archive's 512-byte blocks and
/// looks at each header before the reader sees it: a PAX or GNU metadata entry (<c>x</c>,
/// <c>g</c>, <c>L</c>, <c>K</c>) may declare at most <c>maxMetadataBytes</c>, because the reader
/// allocates the declared size at once (2 GiB from a 2 MB gzip would exhaust a small VM). It also
/// caps the total bytes read, so an entry the extractor skips, or a stream of headers, cannot keep
/// it decompressing for ever. Cancellation is checked at every read. A broken limit throws
/// <see cref="InvalidArchiveException"/>; malformed headers are left to the reader to refuse. The
/// inner stream is not disposed with this one.
/// </summary>
internal sealed class GuardedTarStream : Stream
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

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
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

        return _headerLength == 0 ? 0 : ServeHeader(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

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
        var pending = _sizeOverride;
        _sizeOverride = null;
        if (!_header.AsSpan(ChecksumOffset, ChecksumLength).ContainsAnyExcept((byte)0))
        {
            _blockBytesLeft = 0; // an end-of-archive block; the reader stops here
            return;
        }

        // A size read differently here than by the reader would lose track of where headers start.
        var size = pending ?? ParseSize(_header.AsSpan(SizeOffset, SizeLength)) ??
            throw new InvalidArchiveException("not a readable tar archive");
        var type = (char)_header[TypeOffset];
        if (type is 'x' or 'g' or 'L' or 'K' && size > _maxMetadataBytes)
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
            _sizeOverride = PaxSize(_pax.AsSpan(0, _paxLength));
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

    /// <summary>The value of a <c>size</c> record (<c>"&lt;length&gt; size=&lt;decimal&gt;\n"</c>), if any.</summary>
    private static long? PaxSize(ReadOnlySpan<byte> records)
    {
        while (!records.IsEmpty)
        {
            var space = records.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(records[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= space || length > records.Length)
            {
                return null;
            }

            var record = records[(space + 1)..length];
            records = records[length..];
            if (record.StartsWith("size="u8) && record.EndsWith("\n"u8) &&
                long.TryParse(record[5..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                return size;
            }
        }

        return null;
    }

    /// <summary>The size field: octal digits (leading spaces, then NUL or space), or GNU base-256 with the high bit set.</summary>
    private static long? ParseSize(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            if (field[0] != 0x80 || field[1..4].ContainsAnyExcept((byte)0))
            {
                return null; // negative, or beyond what any reader accepts
            }

            long binary = 0;
            foreach (var b in field[4..])
            {
                binary = (binary << 8) | b;
            }

            return binary < 0 ? null : binary;
        }

        var digits = field.TrimStart((byte)' ');
        var end = digits.IndexOfAny((byte)0, (byte)' ');
        digits = end < 0 ? digits : digits[..end];
        long value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'7')
            {
                return null;
            }

            value = (value * 8) + (digit - '0');
        }

        return value;
    }
}
