using System.IO.Pipes;
using System.Text;
using GuestAgent.Daemon.Logging;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Tests.Logging;

/// <summary>
/// The writer every logger shares: each line reaches the stream as it is logged (stderr may be a
/// buffered pipe to journald), and a log whose reader is gone drops the line instead of failing
/// the request being logged.
/// </summary>
public sealed class JournalWriterTests
{
    [Fact]
    public void Each_line_reaches_a_buffered_stream_as_it_is_written()
    {
        using var stream = new MemoryStream();
        using var buffered = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        var journal = new JournalWriter(buffered, LogLevel.Information);

        journal.WriteLine("<6>Agent: first");
        Assert.Equal("<6>Agent: first\n", Encoding.UTF8.GetString(stream.ToArray()));
        journal.WriteLine("<6>Agent: second");
        Assert.Equal("<6>Agent: first\n<6>Agent: second\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void A_line_to_a_pipe_whose_reader_is_gone_is_dropped_without_failing_the_caller()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        // The only reading end closed, as when journald restarts or a pipe's reader exits.
        pipe.DisposeLocalCopyOfClientHandle();
        var output = new StreamWriter(pipe, new UTF8Encoding(false));
        var journal = new JournalWriter(output, LogLevel.Information);

        journal.WriteLine("<4>Agent: nobody reads this");
        journal.WriteLine("<4>Agent: nor this");

        // The writer is broken for good: even disposing it fails, as each line's flush did.
        Assert.Throws<IOException>(output.Dispose);
    }
}
