namespace GuestAgent.Commands.Update;

/// <summary>
/// The rest of a stream, read from its position to its end, then bytes of our own: read only, forward
/// only (for <see cref="CheckedGzipStream"/>, which decodes a file followed by a member it made).
/// </summary>
internal sealed class PrefixThenBytes(Stream source, byte[] then) : ForwardReadStream
{
    // How many of our own bytes have been handed out; -1 until the source has ended.
    private int _then = -1;

    /// <summary>Whether any of our own bytes has been read: the reader asked for more than the source held.</summary>
    public bool ReachedTheBytes => _then > 0;

    protected override int ReadForward(Span<byte> buffer)
    {
        if (_then < 0)
        {
            var read = source.Read(buffer);
            if (read > 0 || buffer.IsEmpty)
            {
                if (read > 1 && buffer[read - 1] == 0x1f)
                {
                    // GZipStream takes a 0x1f alone at the end of its input for the start of a member, and one
                    // followed by anything but 0x8b for garbage: hand it out with the byte after it, so that
                    // garbage after a member is judged the same wherever the decoder's reads end.
                    source.Position -= 1;
                    read--;
                }

                return read;
            }

            _then = 0;
        }

        var count = Math.Min(buffer.Length, then.Length - _then);
        then.AsSpan(_then, count).CopyTo(buffer);
        _then += count;
        return count;
    }
}
