namespace GuestAgent.Commands.Update;

/// <summary>
/// The first bytes of a stream, read from its position, then bytes of our own: read only, forward
/// only (for <see cref="CheckedGzipStream"/>, which decodes a file followed by a member it made).
/// </summary>
internal sealed class PrefixThenBytes(Stream source, long length, byte[] then) : ForwardReadStream
{
    private long _position;

    /// <summary>Whether any of our own bytes has been read: the reader asked for more than the prefix.</summary>
    public bool ReachedTheBytes => _position > length;

    public override int Read(Span<byte> buffer)
    {
        if (_position < length)
        {
            var read = source.Read(buffer[..(int)Math.Min(buffer.Length, length - _position)]);
            if (read == 0 && buffer.Length > 0)
            {
                // The file is shorter than it was a moment ago.
                throw new EndOfStreamException();
            }

            if (read > 1 && buffer[read - 1] == 0x1f)
            {
                // GZipStream takes a 0x1f alone at the end of its input for the start of a member, and one
                // followed by anything but 0x8b for garbage: hand it out with the byte after it, so that
                // garbage after a member is judged the same wherever the decoder's reads end.
                source.Position -= 1;
                read--;
            }

            _position += read;
            return read;
        }

        var offset = (int)(_position - length);
        var count = Math.Min(buffer.Length, then.Length - offset);
        then.AsSpan(offset, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
