using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Testing;

/// <summary>
/// Keeps what is logged at or above <paramref name="minimum"/> (everything by default), with the
/// exception passed along, to assert what is logged, how often, and what never is.
/// </summary>
internal sealed class RecordingLogger<T>(LogLevel minimum = LogLevel.Trace) : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    /// <summary>
    /// Called with each line kept, on the thread that logs it, once it is in <see cref="Entries"/>: for
    /// a test that acts at the very moment a line is written (the code under test waits meanwhile).
    /// </summary>
    public Action<LogLevel, string>? Logged { get; init; }

    /// <summary>The messages logged at exactly <paramref name="level"/>.</summary>
    public IReadOnlyList<string> At(LogLevel level) => Entries.Where(entry => entry.Level == level).Select(entry => entry.Message).ToList();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            var message = formatter(state, exception);
            Entries.Enqueue((logLevel, message, exception));
            Logged?.Invoke(logLevel, message);
        }
    }
}
