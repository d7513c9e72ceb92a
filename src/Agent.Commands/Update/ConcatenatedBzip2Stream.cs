using SharpCompress.Compressors.BZip2;

namespace GuestAgent.Commands.Update;

/// <summary>
/// A bzip2 file as bzip2 (and so GNU tar) and Python's <c>bz2</c> read it: streams back to back
/// (pbzip2's, or <c>cat a.bz2 b.bz2</c>), then optionally anything that does not begin like a stream,
/// which bzip2 ignores ("trailing garbage after EOF ignored", exit status 0): zero padding to a block,
/// a signature, a download tool's leftovers. SharpCompress's own concatenated mode reads any bytes
/// after a stream as the next one and refuses them as a corrupt stream, which refused archives that
/// <c>tar xjf</c> and the original agent's <c>tarfile</c> extract.
/// </summary>
/// <remarks>
/// <para>
/// bzip2 decides on a stream's first four bytes, <c>BZh</c> and a block size from 1 to 9: bytes that
/// differ from them somewhere are garbage; bytes that match them are a stream, decoded and checked
/// like the first (a corrupt one is refused, as bzip2's "data integrity error"); and a file ending
/// inside them (<c>BZ</c>) is cut short, as bzip2's "compressed file ends unexpectedly".
/// </para>
/// <para>
/// It rests on SharpCompress's decoder reading its base stream a byte at a time, up to the end of its
/// own stream and no further, which the tests that append to a stream hold it to.
/// </para>
/// <para>
/// Each stream costs its decoder the block size it declares (about six bytes of arrays for each byte
/// of it) however little it holds: 100,000 empty streams, a 1.4 MB file, allocated 500 GB and kept
/// the decoder busy for minutes, unseen by the cap on decoded bytes. So the streams' declared block
/// sizes may add up to at most that cap, which a real file's (pbzip2's full 900 kB streams, or a few
/// concatenated files) stays within, as its blocks hold what it decodes to.
/// </para>
/// </remarks>
internal sealed class ConcatenatedBzip2Stream : ConcatenatedStream
{
    private static ReadOnlySpan<byte> MagicWithoutLevel => "BZh"u8;

    private readonly Stream _archive;
    private readonly long _maxBlockBytes;
    private long _blockBytes;

    /// <summary>
    /// Decodes the seekable <paramref name="archive"/> from its current position, which it leaves open;
    /// its streams may declare blocks of <paramref name="maxBlockBytes"/> in all. <paramref name="cancellationToken"/>
    /// stops a read between two streams.
    /// </summary>
    /// <exception cref="InvalidArchiveException">The first stream declares more.</exception>
    /// <exception cref="SharpCompress.Common.SharpCompressException">The first stream's first block is corrupt.</exception>
    public ConcatenatedBzip2Stream(Stream archive, long maxBlockBytes, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _archive = archive;
        _maxBlockBytes = maxBlockBytes;
        var start = archive.Position;
        Span<byte> head = stackalloc byte[4];
        archive.ReadExactly(head);
        Begin(Open(start, head[3]));
    }

    /// <summary>
    /// Whether <paramref name="head"/>, the first bytes after a stream (up to four), begins another:
    /// <c>true</c> when all four match, <c>false</c> when one differs (garbage), <c>null</c> when the file
    /// ends before either is known.
    /// </summary>
    internal static bool? BeginsAStream(ReadOnlySpan<byte> head)
    {
        for (var index = 0; index < head.Length && index < 4; index++)
        {
            var matches = index < MagicWithoutLevel.Length ? head[index] == MagicWithoutLevel[index] : head[index] is >= (byte)'1' and <= (byte)'9';
            if (!matches)
            {
                return false;
            }
        }

        return head.Length >= 4 ? true : null;
    }

    /// <summary>Opens the stream at <paramref name="start"/>, whose block size digit is <paramref name="level"/>, charging its block size.</summary>
    private BZip2Stream Open(long start, byte level)
    {
        _blockBytes += (level - '0') * 100_000L;
        if (_blockBytes > _maxBlockBytes)
        {
            throw new InvalidArchiveException($"its bzip2 streams declare blocks of more than {_maxBlockBytes} bytes in all (each costs its decoder its block size, however little it holds)");
        }

        _archive.Position = start;

        try
        {
            // One stream only: what follows it is this class's to judge. It decodes the first block already.
            return BZip2Stream.Create(_archive, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: false, leaveOpen: true, tolerateTruncatedStream: false);
        }
        catch (Exception exception) when (IsDecoderFault(exception))
        {
            throw Corrupt(exception);
        }
    }

    /// <summary>The stream that follows the one just read, or null at the file's end or before garbage.</summary>
    /// <exception cref="InvalidDataException">The file ends inside what begins like another stream.</exception>
    /// <exception cref="InvalidArchiveException">The streams declare more block bytes than allowed.</exception>
    protected override Stream? NextStream()
    {
        var start = _archive.Position;
        Span<byte> head = stackalloc byte[4];
        var length = _archive.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (length == 0)
        {
            return null;
        }

        switch (BeginsAStream(head[..length]))
        {
            case true:
                return Open(start, head[3]);
            case false:
                return null;
            default:
                throw new InvalidDataException("the file ends inside the magic number of another bzip2 stream");
        }
    }
}
