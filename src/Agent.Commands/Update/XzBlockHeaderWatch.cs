namespace GuestAgent.Commands.Update;

/// <summary>
/// One xz stream of the archive as its decoder reads it, every block header checked (<see cref="XzBlockHeader"/>) as the
/// decoder's read first reaches it, before the decoder sees a byte of it. Session 36 looked at the first block's header only,
/// so a later block asking for a dictionary larger than the decoder allows was called corrupt, and a later block's filter chain was decoded
/// (wrongly) before the stream's end refused it.
/// </summary>
/// <remarks>
/// Where each header begins follows from the headers alone: a block header's size byte, then its LZMA2 chunks' headers (each
/// chunk's data seeked past, <see cref="Lzma2Chunks.Next"/>), the end marker, the block's padding to four bytes from the stream's
/// start and its check; then the next block header, or the index (a size byte of zero), where the watch ends. Each is read where
/// the decoder's read first reaches it, and the archive put back where the decoder left it: nothing is read ahead but one header,
/// and nothing held but a block header. The decoder reads these fields where they say it must (a chunk decoding to more or
/// less than its header says is refused by it), so on any stream it accepts each header checked here is the one it reads next.
/// </remarks>
internal sealed class XzBlockHeaderWatch(Stream archive, long start, ulong checkBytes) : Stream
{
    private const int StreamHeaderBytes = 12;
    private const int MaxBlockHeaderBytes = 1024;

    // Where the decoder has read the archive to: kept here rather than asked of the archive at every read, since the range
    // decoder reads a byte at a time (an xz file of 64 MiB is some 30 million reads). Only this stream reads the archive while
    // the decoder is at work, and every header read puts it back.
    private long _position = archive.Position;

    // Where the next header begins (the first block's, right after the stream header); long.MaxValue once the index is reached.
    private long _next = start + StreamHeaderBytes;

    // Whether that header is an LZMA2 chunk's (or the end marker) rather than a block's.
    private bool _inBlock;

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <summary>The archive's position: the decoder checks its block padding by it.</summary>
    public override long Position
    {
        get => archive.Position;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">A block header the read reaches is invalid, or an LZMA2 chunk's control byte.</exception>
    /// <exception cref="InvalidArchiveException">A block header the read reaches asks for what this agent cannot decode.</exception>
    public override int Read(Span<byte> buffer)
    {
        if (_next < _position + buffer.Length)
        {
            Reach(buffer.Length);
        }

        var read = archive.Read(buffer);
        _position += read;
        return read;
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int ReadByte()
    {
        // The range decoder reads its input a byte at a time: no array is made for it, and between headers a read costs one
        // comparison.
        if (_next <= _position)
        {
            Reach(1);
        }

        var read = archive.ReadByte();
        if (read >= 0)
        {
            _position++;
        }

        return read;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Reads and checks every header that a read of <paramref name="count"/> bytes from the decoder's position reaches.</summary>
    private void Reach(int count)
    {
        while (_next < _position + count)
        {
            archive.Position = _next;
            if (_inBlock)
            {
                NextChunk();
            }
            else
            {
                NextBlock();
            }
        }

        archive.Position = _position;
    }

    /// <summary>Checks the block header at the archive's position, or ends the watch at the index.</summary>
    private void NextBlock()
    {
        var size = archive.ReadByte();
        if (size <= 0)
        {
            _next = size == 0 ? long.MaxValue : throw CutShort();
            return;
        }

        // At most 1,024 bytes: the size byte counts fours, from 8 bytes (1) to 1,024 (255).
        Span<byte> header = stackalloc byte[MaxBlockHeaderBytes];
        header = header[..((size + 1) * 4)];
        if (archive.ReadAtLeast(header[1..], header.Length - 1, throwOnEndOfStream: false) < header.Length - 1)
        {
            throw CutShort();
        }

        header[0] = (byte)size;

        XzBlockHeader.Check(header, checkBytes);
        _next += header.Length;
        _inBlock = true;
    }

    /// <summary>Moves past the LZMA2 chunk at the archive's position; after the end marker, past the block's padding and check.</summary>
    private void NextChunk()
    {
        var (end, bytes, _) = Lzma2Chunks.Next(archive);
        if (!end)
        {
            _next += bytes;
            return;
        }

        _next = start + ((_next + 1 - start + 3) & ~3L) + (long)checkBytes;
        _inBlock = false;
    }

    private static InvalidDataException CutShort() => new("the file ends inside an xz block header");
}
