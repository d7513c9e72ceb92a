using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// A logger as a structured sink sees messages: the key/value pairs of the state (what a JSON or
/// OpenTelemetry sink records), next to the formatted text and the state's own rendering.
/// </summary>
internal sealed class StateReadingLogger : ILogger, ILoggerFactory
{
    public ConcurrentQueue<Entry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var pairs = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        Entries.Enqueue(new Entry(formatter(state, exception), state?.ToString(), [.. pairs], pairs.Count));
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    /// <param name="Text">What the formatter gives.</param>
    /// <param name="Rendered">The state's <c>ToString()</c>.</param>
    /// <param name="Pairs">The state's pairs, enumerated.</param>
    /// <param name="Count">The state's <c>Count</c>, which must agree with the enumeration.</param>
    internal sealed record Entry(string Text, string? Rendered, IReadOnlyList<KeyValuePair<string, object?>> Pairs, int Count)
    {
        /// <summary>The values logged under <paramref name="key"/> (a key logged twice shows twice).</summary>
        public IReadOnlyList<object?> ValuesOf(string key) => [.. Pairs.Where(pair => pair.Key == key).Select(pair => pair.Value)];
    }
}
