using System.Text;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Logging;

/// <summary>
/// Writes one line per message to stderr in the form journald reads: <c>&lt;N&gt;Category: message</c>,
/// where <c>N</c> is the syslog priority (journald turns the prefix into the entry's PRIORITY and strips
/// it). No timestamp: journald adds its own. One message is always exactly one journal entry: line
/// breaks become spaces, other control characters a visible escape (<see cref="SingleLineText"/>),
/// and a line is cut to <see cref="MaxLineLength"/> characters, well under journald's LineMax
/// (48 KiB by default), past which it would split the line into records of its own.
/// </summary>
internal sealed class JournalLogger : ILogger
{
    /// <summary>
    /// The longest line written, in UTF-16 characters. At most 3 UTF-8 bytes each (a surrogate pair is 4
    /// bytes for 2), so 24 KiB at most: half of journald's default LineMax.
    /// </summary>
    public const int MaxLineLength = 8192;

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
        line.Append('<').Append(SyslogPriority(logLevel)).Append('>');
        SingleLineText.Append(line, _category);
        line.Append(": ");
        SingleLineText.Append(line, formatter(state, exception));
        if (exception is not null)
        {
            line.Append(" (").Append(exception.GetType().Name).Append(": ");
            SingleLineText.Append(line, exception.Message);
            line.Append(')');
        }

        _writer.WriteLine(CutToMaxLength(line));
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

    private static string CutToMaxLength(StringBuilder line)
    {
        if (line.Length <= MaxLineLength)
        {
            return line.ToString();
        }

        const string Marker = " [cut]";
        var keep = MaxLineLength - Marker.Length;
        if (char.IsHighSurrogate(line[keep - 1]))
        {
            keep--; // never split a pair: half of one is not text
        }

        return string.Concat(line.ToString(0, keep), Marker);
    }
}
