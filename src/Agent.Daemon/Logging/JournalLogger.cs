using System.Text;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Logging;

/// <summary>
/// Writes one line per message to stderr in the form journald reads: <c>&lt;N&gt;Category: message</c>,
/// where <c>N</c> is the syslog priority (journald turns the prefix into the entry's PRIORITY and strips
/// it). No timestamp: journald adds its own. Line breaks inside a message become spaces, so one
/// message is always one journal entry.
/// </summary>
internal sealed class JournalLogger : ILogger
{
    private readonly string _category;
    private readonly JournalWriter _writer;

    public JournalLogger(string category, JournalWriter writer)
    {
        // "GuestAgent.Protocol.NovaJsonParser" reads better in a journal as "NovaJsonParser".
        var dot = category.LastIndexOf('.');
        _category = dot >= 0 && dot < category.Length - 1 ? category[(dot + 1)..] : category;
        _writer = writer;
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= _writer.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = new StringBuilder(128);
        line.Append('<').Append(SyslogPriority(logLevel)).Append('>').Append(_category).Append(": ");
        AppendSingleLine(line, formatter(state, exception));
        if (exception is not null)
        {
            line.Append(" (").Append(exception.GetType().Name).Append(": ");
            AppendSingleLine(line, exception.Message);
            line.Append(')');
        }

        _writer.WriteLine(line.ToString());
    }

    /// <summary>The syslog priority of a level (sd-daemon(3): 7 debug … 2 critical).</summary>
    public static int SyslogPriority(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => 7,
        LogLevel.Information => 6,
        LogLevel.Warning => 4,
        LogLevel.Error => 3,
        _ => 2,
    };

    private static void AppendSingleLine(StringBuilder line, string text)
    {
        foreach (var c in text)
        {
            line.Append(c is '\r' or '\n' or '\t' ? ' ' : c);
        }
    }
}
