using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Protocol;

/// <summary>Keeps what is logged at or above a level, with the exception passed along.</summary>
internal sealed class RecordingLogger<T>(LogLevel minimum) : ILogger<T>
{
    public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Entries.Add((logLevel, formatter(state, exception), exception));
        }
    }
}
