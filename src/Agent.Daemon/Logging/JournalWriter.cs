using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Logging;

/// <summary>
/// The destination every <see cref="JournalLogger"/> shares: a text writer (stderr in the daemon)
/// and the minimum level. Whole lines are written under a lock so that lines of concurrent
/// loggers never interleave.
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
            _output.WriteLine(line);
            _output.Flush();
        }
    }
}
