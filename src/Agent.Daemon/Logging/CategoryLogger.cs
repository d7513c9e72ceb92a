using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Logging;

/// <summary>
/// A typed logger (what the SDK's classes take) for a category named by the caller.
/// <see cref="Logger{T}"/> would derive the name from <typeparamref name="T"/> at run time, which in
/// a NativeAOT binary means reading reflection metadata: pages the agent otherwise never touches
/// (docs/benchmarks.md, "Daemon").
/// </summary>
internal sealed class CategoryLogger<T> : ILogger<T>
{
    private readonly ILogger _logger;

    /// <summary>A logger of <paramref name="factory"/> for <paramref name="category"/> (use <c>nameof(T)</c>).</summary>
    public CategoryLogger(ILoggerFactory factory, string category)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _logger = factory.CreateLogger(category);
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _logger.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _logger.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _logger.Log(logLevel, eventId, state, exception, formatter);
}
