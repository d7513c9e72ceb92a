using System.Runtime.InteropServices;

namespace GuestAgent.Platform.Native;

/// <summary>
/// Standard input, output or error (descriptor 0, 1 or 2) as a stream, read and written with
/// <c>read(2)</c> and <c>write(2)</c>, without <see cref="Console"/>. The first write through
/// .NET's console on a terminal sends it the terminal's <c>keypad_xmit</c> (<c>ESC [ ? 1 h ESC =</c>
/// on an xterm: application cursor and keypad modes), which the runtime never undoes, so after any
/// verb an operator ran, the shell's cursor and keypad keys send other codes (a PuTTY keypad stops
/// working in bash: dotnet/runtime#25735). What the console does otherwise is kept: a pipe whose
/// reader went away (<c>EPIPE</c>) drops what is written, as a console stream does, and a descriptor
/// left non-blocking by whoever started the process is waited on rather than failed.
/// </summary>
/// <remarks>
/// Not owning the descriptor, disposing the stream leaves it open: the process's standard streams
/// stay where they are for the programs it starts.
/// </remarks>
internal sealed class StandardDescriptorStream : Stream
{
    private const int Interrupted = 4;
    private const int TryAgain = 11;
    private const int BrokenPipe = 32;
    private const short PollIn = 0x1;
    private const short PollOut = 0x4;

    private readonly int _fd;
    private readonly bool _writable;

    /// <summary>A stream over <paramref name="fd"/>, which is read from or, when <paramref name="writable"/>, written to.</summary>
    public StandardDescriptorStream(int fd, bool writable)
    {
        _fd = fd;
        _writable = writable;
    }

    /// <inheritdoc/>
    public override bool CanRead => !_writable;

    /// <inheritdoc/>
    public override bool CanWrite => _writable;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Reads what is there, at most <paramref name="buffer"/>'s length; 0 at the end of input.</summary>
    /// <exception cref="IOException">The read failed; the message is the system's.</exception>
    public override int Read(Span<byte> buffer)
    {
        if (!CanRead)
        {
            throw new NotSupportedException();
        }

        while (true)
        {
            var read = Syscalls.Read(_fd, buffer, (nuint)buffer.Length);
            if (read >= 0)
            {
                return (int)read;
            }

            AwaitRetry(Marshal.GetLastPInvokeError(), PollIn);
        }
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Writes all of <paramref name="buffer"/>, or drops it when the reader of a pipe went away.</summary>
    /// <exception cref="IOException">The write failed (<c>ENOSPC</c> on a full disk; the message is the system's), or took nothing.</exception>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!CanWrite)
        {
            throw new NotSupportedException();
        }

        while (!buffer.IsEmpty)
        {
            var written = Syscalls.Write(_fd, buffer, (nuint)buffer.Length);
            if (written < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == BrokenPipe)
                {
                    return;
                }

                AwaitRetry(errno, PollOut);
                continue;
            }

            if (written == 0)
            {
                // POSIX allows it for a non-empty buffer; retrying would spin for ever on a descriptor that
                // keeps taking nothing (coreutils' full_write stops there too).
                throw new IOException($"write(2) took none of the {buffer.Length} bytes given (it returned 0)");
            }

            buffer = buffer[(int)written..];
        }
    }

    /// <inheritdoc/>
    public override void Flush()
    {
        // Nothing is buffered here.
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Returns when the call that failed with <paramref name="errno"/> may be tried again; throws for a failure.</summary>
    private void AwaitRetry(int errno, short events)
    {
        if (errno == Interrupted)
        {
            return;
        }

        if (errno != TryAgain)
        {
            throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
        }

        // Non-blocking (a parent's setting, shared through the open file): wait until it is ready.
        Span<byte> descriptor = stackalloc byte[8];
        MemoryMarshal.Write(descriptor, in _fd);
        MemoryMarshal.Write(descriptor[4..], in events);
        if (Syscalls.Poll(descriptor, 1, -1) < 0)
        {
            var pollErrno = Marshal.GetLastPInvokeError();
            if (pollErrno != Interrupted)
            {
                throw new IOException(Marshal.GetPInvokeErrorMessage(pollErrno), pollErrno);
            }
        }
    }
}
