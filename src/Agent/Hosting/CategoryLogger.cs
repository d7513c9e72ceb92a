using Microsoft.Extensions.Logging;

namespace GuestAgent.Hosting;

/// <summary>
/// An <see cref="ILogger{TCategoryName}"/> for a category the caller names. Generated registries
/// make one for a command class's <c>ILogger&lt;MyCommands&gt;</c> constructor parameter from the
/// registered <see cref="ILoggerFactory"/> when no <c>ILogger&lt;MyCommands&gt;</c> is registered
/// (<see cref="ServiceMap"/> does not make loggers by itself: that would take reflection), naming
/// the category at compile time as <see cref="Logger{T}"/> would. Register one yourself for another
/// category: <c>services.Add&lt;ILogger&lt;MyCommands&gt;&gt;(new CategoryLogger&lt;MyCommands&gt;(loggers, "Motd"))</c>.
/// </summary>
/// <remarks>
/// <see cref="Logger{T}"/> does the same but derives the category from <typeparamref name="T"/>'s
/// full name at run time, which in a NativeAOT binary means reading reflection metadata: pages the
/// <c>guest-agent</c> daemon otherwise never touches (docs/benchmarks.md, "Daemon"). Either works.
/// </remarks>
/// <typeparam name="T">The type whose logger this is.</typeparam>
public sealed class CategoryLogger<T> : ILogger<T>
{
    private readonly ILogger _logger;

    /// <summary>A logger of <paramref name="factory"/> for <paramref name="category"/> (for example <c>nameof(T)</c>).</summary>
    public CategoryLogger(ILoggerFactory factory, string category)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(category);
        _logger = factory.CreateLogger(category);
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _logger.BeginScope(state);

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => _logger.IsEnabled(logLevel);

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _logger.Log(logLevel, eventId, state, exception, formatter);
}
