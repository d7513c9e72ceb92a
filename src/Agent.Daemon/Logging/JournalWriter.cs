using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Logging;

/// <summary>
/// The destination every <see cref="JournalLogger"/> shares: a text writer (stderr in the daemon)
/// and the minimum level. Whole lines are written under a lock so that lines of concurrent
/// loggers never interleave. A line that cannot be written (stderr's reader is gone: journald
/// restarted, a pipe closed) is dropped: logging must never fail the request being logged.
/// </summary>
internal sealed class JournalWriter
{
    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    public JournalWriter(TextWriter output, LogLevel minimumLevel)
    {
        _output = output;
        MinimumLevel = minimumLevel;
    }

    /// <summary>Messages below this level are dropped.</summary>
    public LogLevel MinimumLevel { get; }

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            try
            {
                _output.WriteLine(line);
                _output.Flush();
            }
            catch (IOException)
            {
                // Nowhere to report it: the log is the thing that failed.
            }
        }
    }
}
