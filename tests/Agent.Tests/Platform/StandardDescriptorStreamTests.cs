using System.IO.Pipes;
using System.Runtime.InteropServices;
using GuestAgent.Platform.Native;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="StandardDescriptorStream"/>, the daemon's standard streams without .NET's console, on
/// real pipes and <c>/dev/full</c>: what the console stream did is kept (a pipe whose reader went
/// away drops the output; a descriptor left non-blocking is waited on), and a real failure is the
/// system's message.
/// </summary>
public sealed class StandardDescriptorStreamTests
{
    private const int GetStatusFlags = 3;
    private const int SetStatusFlags = 4;
    private const int NonBlocking = 0x800;

    [Fact]
    public void Output_to_a_pipe_whose_reader_went_away_is_dropped()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        pipe.ClientSafePipeHandle.Dispose();
        var stream = new StandardDescriptorStream(Fd(pipe.SafePipeHandle), writable: true);

        // EPIPE is taken as the console takes it: the write returns, and the stream still takes more.
        Assert.Null(Record.Exception(() => stream.Write("lost"u8)));
        Assert.Null(Record.Exception(() => stream.Write("lost too"u8)));
    }

    [Fact]
    public void A_full_device_fails_with_the_systems_message()
    {
        using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
        var stream = new StandardDescriptorStream(Fd(full.SafeFileHandle), writable: true);

        var failure = Assert.Throws<IOException>(() => stream.Write("answer"u8));

        Assert.Equal("No space left on device", failure.Message);
        Assert.Equal(28, failure.HResult);
    }

    [Fact]
    public async Task A_non_blocking_pipe_takes_everything_as_its_reader_drains_it()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        var fd = Fd(pipe.SafePipeHandle);
        MakeNonBlocking(fd);
        // 1 MiB, sixteen times what a Linux pipe holds, so the writer meets EAGAIN many times.
        var sent = Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 7)).ToArray();

        var received = Task.Run(() =>
        {
            Thread.Sleep(100);
            var all = new MemoryStream();
            reader.CopyTo(all);
            return all.ToArray();
        });
        new StandardDescriptorStream(fd, writable: true).Write(sent);
        pipe.Dispose();

        Assert.Equal(sent, await received.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_non_blocking_pipe_is_read_once_something_comes_and_ends_when_its_writer_closes()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In);
        var writer = new AnonymousPipeClientStream(PipeDirection.Out, pipe.ClientSafePipeHandle);
        var fd = Fd(pipe.SafePipeHandle);
        MakeNonBlocking(fd);
        var stream = new StandardDescriptorStream(fd, writable: false);

        var firstRead = Task.Run(() =>
        {
            var buffer = new byte[16];
            return buffer[..stream.Read(buffer)];
        });
        await Task.Delay(100, TestContext.Current.CancellationToken);
        writer.Write("secret\n"u8);
        writer.Flush();

        Assert.Equal("secret\n"u8.ToArray(), await firstRead.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        writer.Dispose();
        Assert.Equal(0, stream.Read(new byte[16]));
    }

    [Fact]
    public void A_write_that_takes_nothing_fails_rather_than_retrying_for_ever()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("output");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        var stream = new StandardDescriptorStream(Fd(file.SafeFileHandle), writable: true);
        IOException? failure = null;

        // Only the first write returns 0: a stream that retried would write the answer on its second try.
        var calls = SyscallTrace.FirstReturning(() => failure = Record.Exception(() => stream.Write("answer"u8)) as IOException, "write", 0, path);

        Assert.NotNull(failure);
        Assert.Equal("write(2) took none of the 6 bytes given (it returned 0)", failure.Message);
        Assert.Single(calls, call => call.Contains("INJECTED", StringComparison.Ordinal));
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void Each_stream_goes_one_way()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        var output = new StandardDescriptorStream(Fd(pipe.SafePipeHandle), writable: true);
        var input = new StandardDescriptorStream(Fd(pipe.ClientSafePipeHandle), writable: false);

        Assert.Throws<NotSupportedException>(() => output.Read(new byte[1]));
        Assert.Throws<NotSupportedException>(() => input.Write("x"u8));
        Assert.False(output.CanSeek);
    }

    private static int Fd(SafeHandle handle) => (int)handle.DangerousGetHandle();

    private static void MakeNonBlocking(int fd)
    {
        var flags = Syscalls.Fcntl(fd, GetStatusFlags, 0);
        Assert.True(flags >= 0);
        Assert.Equal(0, Syscalls.Fcntl(fd, SetStatusFlags, flags | NonBlocking));
    }
}
